#include "ui/views/help_overlay.h"

#include <imgui.h>

#include "ui/model/options.h"
#include "ui/model/shortcuts.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

constexpr const char* kPopup = "###help";

void Row(const std::string& keys, const char* action) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(keys.c_str());
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(action);
}

}  // namespace

void OpenHelpOverlay() {
  ImGui::OpenPopup(kPopup);
}

bool DrawHelpOverlay(const Translations& tr) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), viewport->WorkSize);
  // Opaque, so the screen behind does not show through the list.
  ImVec4 background = ImGui::GetStyleColorVec4(ImGuiCol_PopupBg);
  background.w = 1.0f;
  ImGui::PushStyleColor(ImGuiCol_PopupBg, background);
  const bool open = ImGui::BeginPopup(kPopup);
  ImGui::PopStyleColor();
  if (!open) return false;
  ImGui::TextUnformatted(tr("help.title"));
  ImGui::Separator();
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    for (const Shortcut& shortcut : kShortcuts) {
      Row(std::string(shortcut.keys), tr(shortcut.action));
    }
    for (size_t i = 0; i < kNavigationScreens.size(); ++i) {
      const std::string screen(ScreenName(kNavigationScreens[i]));
      Row(ScreenShortcut(i), tr.Format("help.screen", {{"screen", tr("nav." + screen)}}).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  if (ImGui::Button(Labeled(tr("form.close"), "close").c_str()) ||
      (!ImGui::IsWindowAppearing() && FunctionKeyPressed(1))) {
    ImGui::CloseCurrentPopup();
  }
  TabStop();
  ImGui::EndPopup();
  return true;
}

}  // namespace relay::edge::ui
