#pragma once

#include <filesystem>
#include <memory>
#include <utility>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <imgui.h>

#include "ui/model/font_config.h"
#include "ui/views/font_loader.h"

namespace relay::testing {

// A Dear ImGui context with no window or renderer, as in ImGui's example_null: enough to build
// font atlases and run frames whose draw lists are produced but never shown.
class ImGuiScope {
 public:
  ImGuiScope() : context_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    // The key codes relay-edge's GLFW backend maps, so tests press keys as GLFW reports them.
    const std::pair<ImGuiKey_, int> keys[] = {{ImGuiKey_Tab, GLFW_KEY_TAB},
                                              {ImGuiKey_LeftArrow, GLFW_KEY_LEFT},
                                              {ImGuiKey_RightArrow, GLFW_KEY_RIGHT},
                                              {ImGuiKey_UpArrow, GLFW_KEY_UP},
                                              {ImGuiKey_DownArrow, GLFW_KEY_DOWN},
                                              {ImGuiKey_PageUp, GLFW_KEY_PAGE_UP},
                                              {ImGuiKey_PageDown, GLFW_KEY_PAGE_DOWN},
                                              {ImGuiKey_Home, GLFW_KEY_HOME},
                                              {ImGuiKey_End, GLFW_KEY_END},
                                              {ImGuiKey_Insert, GLFW_KEY_INSERT},
                                              {ImGuiKey_Delete, GLFW_KEY_DELETE},
                                              {ImGuiKey_Backspace, GLFW_KEY_BACKSPACE},
                                              {ImGuiKey_Space, GLFW_KEY_SPACE},
                                              {ImGuiKey_Enter, GLFW_KEY_ENTER},
                                              {ImGuiKey_Escape, GLFW_KEY_ESCAPE},
                                              {ImGuiKey_KeyPadEnter, GLFW_KEY_KP_ENTER},
                                              {ImGuiKey_A, GLFW_KEY_A},
                                              {ImGuiKey_C, GLFW_KEY_C},
                                              {ImGuiKey_V, GLFW_KEY_V},
                                              {ImGuiKey_X, GLFW_KEY_X},
                                              {ImGuiKey_Y, GLFW_KEY_Y},
                                              {ImGuiKey_Z, GLFW_KEY_Z}};
    for (const auto& [key, code] : keys)
      io.KeyMap[key] = code;
  }
  ~ImGuiScope() { ImGui::DestroyContext(context_); }
  ImGuiScope(const ImGuiScope&) = delete;
  ImGuiScope& operator=(const ImGuiScope&) = delete;

 private:
  ImGuiContext* context_;
};

// The font relay-edge would pick on this machine.
inline std::unique_ptr<edge::ui::FontLoader> OpenShippedFont() {
  auto config = edge::ui::LoadFontConfig(RELAY_ASSETS_DIR);
  EXPECT_TRUE(config.ok()) << config.status().message();
  if (!config.ok()) return nullptr;
  auto file = edge::ui::PickFont(config.value(), [](const std::string& path) {
    return std::filesystem::is_regular_file(path);
  });
  EXPECT_TRUE(file.ok()) << file.status().message();
  if (!file.ok()) return nullptr;
  auto loader =
      edge::ui::FontLoader::Open(file.value(), config.value().size_px, config.value().fallbacks);
  EXPECT_TRUE(loader.ok()) << loader.status().message();
  return loader.ok() ? std::move(loader).value() : nullptr;
}

}  // namespace relay::testing
