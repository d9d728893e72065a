// The whole UI drawn for a few frames with no window, as in Dear ImGui's example_null: every
// view runs against a real store, and a broken ImGui call sequence fails here, not on a laptop.
#include "ui/views/app.h"

#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "demo_store_test.h"
#include "imgui_scope.h"

namespace relay::edge::ui {
namespace {

class HeadlessFramesTest : public testing::DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    if (HasFatalFailure()) return;
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

TEST_F(HeadlessFramesTest, EveryScreenDrawsInBothLanguages) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  for (const char* name :
       {"volunteers", "teams", "transports", "transport-new", "handoff-new", "training",
        "geography", "conflicts", "staff", "planning", "transport-plan"}) {
    for (Language language : {Language::kZh, Language::kEn}) {
      App app(model, Load(Language::kZh), Load(Language::kEn), language, *ScreenFromName(name));
      EXPECT_GT(RunFrames(app, model, 3), 500) << name;
    }
  }
}

TEST_F(HeadlessFramesTest, HandoffScreenOpensTheLatestTransportsHandoffForm) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kZh, Screen::kHandoffNew);
  EXPECT_EQ(app.screen(), Screen::kTransports);
  EXPECT_EQ(model.browser("transports").selected_id(), demo_->id("stroke"));
  const RecordForm& form = model.browser("handoffs").form();
  EXPECT_TRUE(form.creating());
  EXPECT_EQ(model.browser("handoffs").form().Changes(),
            nlohmann::json({{"transport_id", demo_->id("stroke")}}));
  EXPECT_GT(RunFrames(app, model, 3), 1000);
}

TEST_F(HeadlessFramesTest, ConflictsScreenOpensTheNewestAndDrawsARefusal) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  const Translations zh = Load(Language::kZh);
  App app(model, zh, Load(Language::kEn), Language::kZh, Screen::kConflicts);
  EXPECT_EQ(app.screen(), Screen::kConflicts);
  ASSERT_NE(model.conflicts().selected(), nullptr);
  EXPECT_EQ(model.conflicts().selected()->value("id", ""), demo_->id("conflict/seats"));
  EXPECT_GT(RunFrames(app, model, 3), 1000);

  model.conflicts().decision().choice = Resolution::Choice::kTakeLost;
  EXPECT_FALSE(model.SettleConflict(zh));  // no reason given
  EXPECT_FALSE(model.conflicts().error().empty());
  EXPECT_GT(RunFrames(app, model, 2), 1000);
}

// The clinic worker's path with no mouse: the handoff form opens its meeting-point picker,
// Enter takes the pickup gacha's point and moves on to the first time field, F2 puts the
// current time there and Ctrl+S stores the handoff, which opens the ambulance's leg.
TEST_F(HeadlessFramesTest, AHandoffIsRecordedWithEnterF2AndCtrlS) {
  ManualClock clock(int64_t{1726281000} * 1000);  // 2024-09-14 10:30 Beijing time
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kZh, Screen::kHandoffNew);
  constexpr int kEnter = 257;  // GLFW_KEY_ENTER
  constexpr int kF2 = 291;     // GLFW_KEY_F2
  constexpr int kS = 'S';      // GLFW_KEY_S
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Enter] = kEnter;
  const auto press = [&](int key) {
    io.KeysDown[key] = true;
    RunFrames(app, model, 1);
    io.KeysDown[key] = false;
    RunFrames(app, model, 2);
  };
  RunFrames(app, model, 4);  // the picker opens, its filter taking the keys
  press(kEnter);
  EXPECT_EQ(model.browser("handoffs").form().Field("rendezvous_point_id")->text, demo_->id("oboo"));
  press(kF2);
  EXPECT_EQ(model.browser("handoffs").form().Field("planned_at")->text, "2024-09-14 10:30");
  io.KeyCtrl = true;
  io.KeysDown[kS] = true;
  RunFrames(app, model, 1);
  io.KeyCtrl = false;
  io.KeysDown[kS] = false;

  auto handoffs = store_->ListWhere("handoffs", "transport_id", demo_->id("stroke"));
  ASSERT_TRUE(handoffs.ok());
  ASSERT_EQ(handoffs.value().size(), 2u);
  EXPECT_EQ(handoffs.value().back().value("planned_at", ""), "2024-09-14T02:30:00Z");
  RecordForm& leg = model.browser("transport_legs").form();
  ASSERT_TRUE(leg.creating());
  EXPECT_EQ(leg.Field("vehicle_id")->text, demo_->id("蒙H·120A1"));
  EXPECT_EQ(leg.Field("from_place")->text, "宝力根敖包路口");
}

TEST_F(HeadlessFramesTest, SignInAndLockScreensDrawInBothLanguages) {
  for (const auto& [name, role] : {std::pair{"其木格", "doctor"}, {"萨仁", "nurse"}}) {
    ASSERT_TRUE(
        store_
            ->Put("staff",
                  {{"township_id", demo_->id("mingantu")}, {"name", name}, {"staff_role", role}})
            .ok());
  }
  const std::string doctor = store_->ListWhere("staff", "name", "其木格").value()[0]["id"];
  ASSERT_TRUE(store_->SetPin(doctor, "4821").ok());
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  for (Language language : {Language::kZh, Language::kEn}) {
    App sign_in(model, Load(Language::kZh), Load(Language::kEn), language, Screen::kSignIn);
    EXPECT_TRUE(model.session().locked());
    EXPECT_FALSE(model.session().person());
    ASSERT_TRUE(model.session().chosen());
    EXPECT_TRUE(model.session().chosen()->has_pin);  // the PIN field shows
    EXPECT_GT(RunFrames(sign_in, model, 3), 300);
    App lock(model, Load(Language::kZh), Load(Language::kEn), language, Screen::kLock);
    EXPECT_TRUE(model.session().locked());
    ASSERT_TRUE(model.session().person());
    EXPECT_EQ(model.session().person()->name, "萨仁");
    EXPECT_GT(RunFrames(lock, model, 3), 300);
  }
}

// The idle lock through the whole window: a key pressed keeps it open, ten minutes of frames
// without input lock it, and then the sign-in is all that is drawn.
TEST_F(HeadlessFramesTest, TenMinutesWithoutInputLockTheWindow) {
  ManualClock clock(int64_t{1726281000} * 1000);
  const std::string nurse =
      store_
          ->Put("staff",
                {{"township_id", demo_->id("mingantu")}, {"name", "萨仁"}, {"staff_role", "nurse"}})
          .value();
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kZh, Screen::kVehicles);
  EXPECT_TRUE(model.session().locked());
  model.session().Choose(nurse);
  ASSERT_TRUE(model.session().SignIn());
  const int open_vertices = RunFrames(app, model, 3);
  constexpr int64_t kMinute = 60'000;
  clock.Advance(9 * kMinute);
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown['A'] = true;
  RunFrames(app, model, 1);
  io.KeysDown['A'] = false;
  clock.Advance(9 * kMinute);
  RunFrames(app, model, 1);
  EXPECT_FALSE(model.session().locked());
  clock.Advance(kMinute);
  const int locked_vertices = RunFrames(app, model, 2);
  EXPECT_TRUE(model.session().locked());
  EXPECT_LT(locked_vertices, open_vertices / 2);  // the vehicle list is gone
  EXPECT_GT(locked_vertices, 200);
}

TEST_F(HeadlessFramesTest, ATeamsGridAndAPostFormDraw) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kEn, Screen::kTeams);
  model.browser("teams").Select(demo_->id("squad"));
  model.browser("posts").Select(
      model.team_grid(demo_->id("squad")).value().units[0].posts[1].post_id);
  EXPECT_GT(RunFrames(app, model, 3), 1000);
}

TEST_F(HeadlessFramesTest, AddScreenShowsTheRefusalOfAnEmptyForm) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kZh, Screen::kVehiclesAdd);

  const RecordForm& form = model.vehicles().form();
  EXPECT_TRUE(form.creating());
  EXPECT_TRUE(form.has_field_errors());
  EXPECT_EQ(model.vehicles().count(),
            static_cast<int64_t>(testing::DemoVehicles().size()));  // nothing stored
  EXPECT_GT(RunFrames(app, model, 3), 1000);
}

TEST_F(HeadlessFramesTest, EditingAVehicleDraws) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kEn, Screen::kVehicles);
  model.vehicles().Select(model.vehicles().Row(0)->at("id"));
  model.vehicles().form().Field("note")->text = "改过的备注";
  EXPECT_GT(RunFrames(app, model, 3), 1000);
}

// The centre of the last item a window drew: Dear ImGui keeps where that item's line began,
// where the item ended and the line's height.
ImVec2 LastItemCentre(const ImGuiWindow& window) {
  return ImVec2(window.DC.CursorPosPrevLine.x - 8,
                window.DC.CursorPosPrevLine.y + window.DC.PrevLineSize.y / 2);
}

// The child window whose name holds `part`, or nullptr.
const ImGuiWindow* ChildWindow(const char* part) {
  for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (std::string(window->Name).find(part) != std::string::npos) return window;
  }
  return nullptr;
}

// A half-filled emergency record is not lost to a stray click on "放弃修改": the form asks
// first, Escape keeps editing, and only "放弃" throws the record away.
TEST_F(HeadlessFramesTest, ClosingAChangedFormAsksFirst) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kZh, Screen::kTransportNew);
  const RecordForm& form = model.browser("transports").form();
  model.browser("transports").form().Field("patient_name")->text = "巴特尔";
  RunFrames(app, model, 3);
  ImGuiIO& io = ImGui::GetIO();
  auto click = [&](ImVec2 at) {
    io.MousePos = at;
    RunFrames(app, model, 1);
    io.MouseDown[0] = true;
    RunFrames(app, model, 1);
    io.MouseDown[0] = false;
    RunFrames(app, model, 2);
  };
  const ImGuiWindow* form_panel = ChildWindow("/##form_");
  ASSERT_NE(form_panel, nullptr);
  const ImVec2 close = LastItemCentre(*form_panel);  // the form's last button: 放弃修改

  click(close);
  ASSERT_NE(ImGui::GetTopMostPopupModal(), nullptr);
  EXPECT_TRUE(form.open());
  constexpr int kEscape = 256;  // GLFW_KEY_ESCAPE, as the GLFW backend maps it
  io.KeyMap[ImGuiKey_Escape] = kEscape;
  io.KeysDown[kEscape] = true;
  RunFrames(app, model, 1);
  io.KeysDown[kEscape] = false;
  RunFrames(app, model, 2);
  EXPECT_EQ(ImGui::GetTopMostPopupModal(), nullptr);
  ASSERT_TRUE(form.open());
  EXPECT_EQ(form.Changes().value("patient_name", ""), "巴特尔");

  click(close);
  const ImGuiWindow* question = ImGui::GetTopMostPopupModal();
  ASSERT_NE(question, nullptr);
  click(LastItemCentre(*question));  // the question's last button: 放弃
  EXPECT_FALSE(form.open());
  EXPECT_EQ(ImGui::GetTopMostPopupModal(), nullptr);
}

// A form with nothing changed closes at once.
TEST_F(HeadlessFramesTest, ClosingAnUnchangedFormAsksNothing) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, Load(Language::kZh), Load(Language::kEn), Language::kZh, Screen::kTransportNew);
  RunFrames(app, model, 3);
  const ImGuiWindow* form_panel = ChildWindow("/##form_");
  ASSERT_NE(form_panel, nullptr);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = LastItemCentre(*form_panel);
  RunFrames(app, model, 1);
  io.MouseDown[0] = true;
  RunFrames(app, model, 1);
  io.MouseDown[0] = false;
  RunFrames(app, model, 2);
  EXPECT_FALSE(model.browser("transports").form().open());
  EXPECT_EQ(ImGui::GetTopMostPopupModal(), nullptr);
}

}  // namespace
}  // namespace relay::edge::ui
