#include "ui/menu_bar.h"

#include <imgui.h>

#include "ui/widgets.h"

namespace relay::edge::ui {

Language DrawMenuBar(Language current, const Translations& tr) {
  Language chosen = current;
  if (!ImGui::BeginMenuBar()) return chosen;
  ImGui::TextUnformatted(tr("app.title"));
  ImGui::Separator();
  if (ImGui::BeginMenu(Labeled(tr("menu.language"), "language").c_str())) {
    if (ImGui::MenuItem(tr("language.zh"), nullptr, current == Language::kZh)) {
      chosen = Language::kZh;
    }
    if (ImGui::MenuItem(tr("language.en"), nullptr, current == Language::kEn)) {
      chosen = Language::kEn;
    }
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
  return chosen;
}

}  // namespace relay::edge::ui
