#include "ui/views/discard_question.h"

#include <imgui.h>

#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

constexpr const char* kPopup = "###discard_question";

}  // namespace

void AskToDiscard() {
  ImGui::OpenPopup(kPopup);
}

bool DrawDiscardQuestion(const Translations& tr) {
  const std::string title = Labeled(tr("form.discard_question"), "discard_question");
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, kFlags)) return false;
  bool discard = false;
  ImGui::TextUnformatted(tr("form.discard_note"));
  const bool keep = ImGui::Button(Labeled(tr("form.keep_editing"), "keep_editing").c_str());
  // A half-typed emergency record is worth more than a stray key: keeping it is the default.
  ImGui::SetItemDefaultFocus();
  if (keep || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::SameLine();
  if (ImGui::Button(Labeled(tr("form.discard_confirm"), "discard_confirm").c_str())) {
    discard = true;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return discard;
}

}  // namespace relay::edge::ui
