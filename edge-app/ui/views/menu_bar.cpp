#include "ui/views/menu_bar.h"

#include <imgui.h>

#include <array>

#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// The idle lock's minutes offered in the menu; --idle-lock-minutes may set others.
constexpr std::array<int, 5> kIdleChoices = {0, 5, 10, 15, 30};

std::string IdleChoiceText(int minutes, const Translations& tr) {
  return minutes == 0 ? std::string(tr("menu.idle_off"))
                      : tr.Format("menu.idle_minutes", {{"n", std::to_string(minutes)}});
}

void DrawPersonMenu(SignInViewModel& session, GlyphSet& glyphs, const Translations& tr) {
  const auto& person = session.person();
  const std::string title =
      person ? tr.Format("menu.person", {{"name", person->name}}) : std::string(tr("menu.nobody"));
  glyphs.AddText(title);
  if (!ImGui::BeginMenu(Labeled(Shown(title).c_str(), "person").c_str())) return;
  if (person) {
    if (ImGui::MenuItem(tr("menu.lock"))) session.Lock();
    if (ImGui::MenuItem(tr("menu.sign_out"))) session.SignOut();
  } else if (ImGui::MenuItem(tr("menu.sign_in"))) {
    session.Lock();
  }
  ImGui::Separator();
  if (ImGui::BeginMenu(Labeled(tr("menu.idle_lock"), "idle-lock").c_str())) {
    const int current = session.idle_lock_minutes();
    bool offered = false;
    for (int minutes : kIdleChoices) {
      offered = offered || minutes == current;
      if (ImGui::MenuItem(IdleChoiceText(minutes, tr).c_str(), nullptr, minutes == current)) {
        session.set_idle_lock_minutes(minutes);
      }
    }
    if (!offered) ImGui::MenuItem(IdleChoiceText(current, tr).c_str(), nullptr, true);
    ImGui::EndMenu();
  }
  ImGui::EndMenu();
}

}  // namespace

Language DrawMenuBar(Language current, SignInViewModel& session, GlyphSet& glyphs,
                     const Translations& tr) {
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
  if (!session.locked()) {
    ImGui::Separator();
    DrawPersonMenu(session, glyphs, tr);
  }
  ImGui::EndMenuBar();
  return chosen;
}

}  // namespace relay::edge::ui
