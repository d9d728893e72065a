#pragma once

#include <filesystem>
#include <memory>

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
