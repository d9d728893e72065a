#include "ui/app.h"

#include <imgui.h>

#include "ui/menu_bar.h"
#include "ui/sync_bar.h"
#include "ui/vehicles_view.h"

namespace relay::edge::ui {
namespace {

// A light theme with framed inputs: field laptops are read outdoors, where a dark screen
// washes out in the sun.
void ApplyStyle() {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.FrameBorderSize = 1.0f;
  style.FrameRounding = 3.0f;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 7);
  style.CellPadding = ImVec2(8, 4);
  style.WindowPadding = ImVec2(12, 10);
}

}  // namespace

App::App(AppModel& model, Translations zh, Translations en, Language language, Screen screen)
    : model_(model), zh_(std::move(zh)), en_(std::move(en)), language_(language) {
  for (const Translations* translations : {&zh_, &en_}) {
    for (const std::string& text : translations->Texts())
      model_.glyphs().AddText(text);
  }
  ApplyStyle();
  if (screen == Screen::kVehiclesAdd) {
    model_.vehicles().StartNew();
    model_.SaveVehicle();
  }
}

void App::Draw() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("###relay-edge", nullptr, kFlags);
  language_ = DrawMenuBar(language_, tr());
  DrawSyncBar(model_, tr());
  ImGui::Separator();
  DrawVehiclesView(model_, tr());
  ImGui::End();
}

}  // namespace relay::edge::ui
