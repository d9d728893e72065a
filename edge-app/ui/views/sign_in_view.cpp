#include "ui/views/sign_in_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/views/keyboard_focus.h"
#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

std::string RefusalText(const SignInResult& refusal, const Translations& tr) {
  switch (refusal.outcome) {
    case SignInResult::kWrongPin:
      return tr("sign_in.wrong_pin");
    case SignInResult::kWait:
      return tr.Format("sign_in.wait",
                       {{"seconds", std::to_string((refusal.wait_ms + 999) / 1000)}});
    case SignInResult::kArchivedPerson:
      return tr("sign_in.archived");
    default:
      return tr("sign_in.unknown");
  }
}

void DrawHeading(const SignInViewModel& session, const Translations& tr) {
  if (const auto& person = session.person()) {
    ImGui::TextUnformatted(tr("sign_in.locked"));
    ImGui::Separator();
    ImGui::TextWrapped(
        "%s", Shown(tr.Format("sign_in.locked_explain", {{"name", person->name}})).c_str());
  } else {
    ImGui::TextUnformatted(tr("sign_in.title"));
    ImGui::Separator();
    ImGui::TextWrapped("%s", tr("sign_in.explain"));
  }
  ImGui::Spacing();
}

// The staff as rows to choose from: name, role, and whether a PIN is asked. True when a row
// was chosen by the keyboard (Enter or Space), which also means "sign in".
bool DrawStaffList(SignInViewModel& session, GlyphSet& glyphs, const Translations& tr) {
  const float height = ImGui::GetTextLineHeightWithSpacing() * 10;
  if (!ImGui::BeginTable(
          "##staff", 3,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY,
          ImVec2(0, height))) {
    return false;
  }
  bool chosen_by_key = false;
  const SignInViewModel::Person* chosen = session.chosen();
  for (const auto& person : session.staff()) {
    glyphs.AddText(person.name);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool selected = chosen && chosen->id == person.id;
    if (ImGui::Selectable((Shown(person.name) + "##" + person.id).c_str(), selected,
                          ImGuiSelectableFlags_SpanAllColumns)) {
      session.Choose(person.id);
      chosen_by_key = !ImGui::IsMouseReleased(ImGuiMouseButton_Left);
    }
    TabStopRow(selected);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tr("choice.staff_role." + person.role));
    ImGui::TableNextColumn();
    if (person.has_pin) ImGui::TextDisabled("%s", tr("sign_in.has_pin"));
  }
  ImGui::EndTable();
  return chosen_by_key;
}

}  // namespace

void DrawSignInView(AppModel& model, const Translations& tr) {
  SignInViewModel& session = model.session();
  const float width = ImGui::GetFontSize() * 28;
  ImGui::SetCursorPosX(std::max(0.0f, (ImGui::GetWindowWidth() - width) / 2));
  ImGui::BeginChild("##sign-in", ImVec2(width, 0));
  DrawHeading(session, tr);
  if (!session.error().empty()) {
    model.glyphs().AddText(session.error());
    ErrorText(session.error());
  }
  if (session.CanContinueUnnamed()) {
    ImGui::TextWrapped("%s", tr("sign_in.empty"));
    if (ImGui::Button(Labeled(tr("sign_in.continue"), "continue").c_str())) {
      session.ContinueUnnamed();
    }
    TabStop();
    ImGui::EndChild();
    return;
  }
  const bool chosen_by_key = DrawStaffList(session, model.glyphs(), tr);
  ImGui::Spacing();
  const SignInViewModel::Person* chosen = session.chosen();
  // Enter on a person without a PIN signs in at once: one key after the laptop wakes.
  bool entered = chosen_by_key && chosen && !chosen->has_pin;
  if (chosen && chosen->has_pin) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("sign_in.pin"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    entered = ImGui::InputText("##pin", &session.pin(),
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                   ImGuiInputTextFlags_EnterReturnsTrue);
    TabStop();
    ImGui::SameLine();
  }
  ImGui::BeginDisabled(!chosen);
  if (ImGui::Button(Labeled(tr("sign_in.submit"), "sign-in").c_str()) || entered) {
    session.SignIn();
  }
  TabStop();
  ImGui::EndDisabled();
  if (const auto& refusal = session.refusal()) ErrorText(RefusalText(*refusal, tr));
  ImGui::EndChild();
}

}  // namespace relay::edge::ui
