#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "demo_store_test.h"
#include "imgui_scope.h"
#include "ui/views/app.h"

namespace relay::testing {

// relay-edge's window content on the demo store with no window, as in Dear ImGui's example_null,
// with keys pressed as the GLFW backend reports them.
class AppFramesTest : public DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    fonts_ = OpenShippedFont();
    ASSERT_TRUE(fonts_);
    sync_ = std::make_unique<edge::SyncWorker>(*store_, "http://127.0.0.1:9");
    model_ = std::make_unique<edge::ui::AppModel>(*store_, *sync_, clock_, dir_.File("edge.db"));
    edge::ui::FontLoader::AddBaseRanges(model_->glyphs());
  }

  std::unique_ptr<edge::ui::App> Open(edge::ui::Screen screen,
                                      edge::ui::Language language = edge::ui::Language::kZh) {
    return std::make_unique<edge::ui::App>(*model_, Load(edge::ui::Language::kZh),
                                           Load(edge::ui::Language::kEn), language, screen);
  }

  // Runs frames the way relay-edge's main loop does.
  void RunFrames(edge::ui::App& app, int frames) {
    for (int i = 0; i < frames; ++i) {
      model_->Poll();
      EXPECT_TRUE(fonts_->Update(model_->glyphs()).ok());
      ImGui::NewFrame();
      app.Draw();
      ImGui::Render();
    }
  }

  // Runs frames until what the screens compute in the background (the overview) is done, then
  // a few more for the layout to settle.
  void RunFramesUntilIdle(edge::ui::App& app) {
    for (int i = 0; i < 1000 && model_->overview().busy(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      model_->Poll();
    }
    RunFrames(app, 4);
  }

  // A key pressed for a frame, with Ctrl or Shift held when asked, and released the next.
  void Press(edge::ui::App& app, int key, bool ctrl = false, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[key] = true;
    RunFrames(app, 1);
    io.KeysDown[key] = false;
    io.KeyCtrl = io.KeyShift = false;
    RunFrames(app, 1);
  }

  // The child window whose name ends in the given ImGui child name ("##form").
  static ImGuiWindow* ChildWindow(const std::string& name) {
    for (ImGuiWindow* window : GImGui->Windows) {
      if (std::string(window->Name).find("/" + name + "_") != std::string::npos && window->Active) {
        return window;
      }
    }
    return nullptr;
  }

  edge::ui::Translations Load(edge::ui::Language language) {
    return edge::ui::Translations::Load(RELAY_ASSETS_DIR, language).value();
  }

  std::unique_ptr<edge::ui::FontLoader> fonts_;
  ImGuiScope imgui_;
  std::unique_ptr<edge::SyncWorker> sync_;
  std::unique_ptr<edge::ui::AppModel> model_;
};

}  // namespace relay::testing
