// The whole UI drawn for a few frames with no window, as in Dear ImGui's example_null: every
// view runs against a real store, and a broken ImGui call sequence fails here, not on a laptop.
#include "ui/app.h"

#include <gtest/gtest.h>

#include "demo_vehicles.h"
#include "imgui_scope.h"
#include "temp_dir.h"

namespace relay::edge::ui {
namespace {

class HeadlessFramesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = LocalStore::Open(dir_.File("edge.db"), clock_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    for (const auto& vehicle : testing::DemoVehicles()) {
      ASSERT_TRUE(store_->Put("vehicles", vehicle).ok());
    }
    fonts_ = testing::OpenShippedFont();
    ASSERT_TRUE(fonts_);
  }

  // Runs frames the way relay-edge's main loop does and returns the last frame's vertex count.
  int RunFrames(App& app, AppModel& model, int frames) {
    int vertices = 0;
    for (int i = 0; i < frames; ++i) {
      model.Poll();
      EXPECT_TRUE(fonts_->Update(model.glyphs()).ok());
      ImGui::NewFrame();
      app.Draw();
      ImGui::Render();
      vertices = ImGui::GetDrawData()->TotalVtxCount;
    }
    return vertices;
  }

  Translations Load(Language language) {
    return Translations::Load(RELAY_ASSETS_DIR, language).value();
  }

  testing::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LocalStore> store_;
  std::unique_ptr<FontLoader> fonts_;
  testing::ImGuiScope imgui_;
};

TEST_F(HeadlessFramesTest, VehiclesScreenDrawsInBothLanguages) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  for (Language language : {Language::kZh, Language::kEn}) {
    App app(model, Load(Language::kZh), Load(Language::kEn), language, Screen::kVehicles);
    EXPECT_GT(RunFrames(app, model, 3), 1000);
  }
}

TEST_F(HeadlessFramesTest, AddScreenShowsTheRefusalOfAnEmptyForm) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kZh, Screen::kVehiclesAdd);

  const RecordForm& form = model.vehicles().form();
  EXPECT_TRUE(form.creating());
  EXPECT_TRUE(form.has_field_errors());
  EXPECT_EQ(model.vehicles().rows().size(), testing::DemoVehicles().size());  // nothing stored
  EXPECT_GT(RunFrames(app, model, 3), 1000);
}

TEST_F(HeadlessFramesTest, EditingAVehicleDraws) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kEn, Screen::kVehicles);
  model.vehicles().Select(model.vehicles().rows().front()["id"]);
  model.vehicles().form().Field("note")->text = "改过的备注";
  EXPECT_GT(RunFrames(app, model, 3), 1000);
}

}  // namespace
}  // namespace relay::edge::ui
