// The keyboard through the whole window: focus lands in the first field, Tab reaches every kind
// of control in every panel, Enter presses what has the focus, keys open screens and the help.
#include <gtest/gtest.h>

#include "app_frames.h"

namespace relay::edge::ui {
namespace {

class KeyboardTest : public testing::AppFramesTest {
 protected:
  // The control that has the keyboard, among those the window drew last.
  static const KeyboardFocus::Stop* Focused(const App& app) {
    const ImGuiID id = GImGui->ActiveId != 0 ? GImGui->ActiveId : GImGui->NavId;
    for (const auto& stop : app.focus().stops()) {
      if (stop.id == id) return &stop;
    }
    return nullptr;
  }
};

// A clinic worker on the new transport's form, keyboard only: the first field takes typing,
// Tab steps to a button of the form that Enter presses (the call time's "now"), on to a combo
// that Enter opens, and on to Save, which Enter presses: the transport is stored.
TEST_F(KeyboardTest, TabReachesTheSideFormsButtonsAndCombosAndEnterPressesThem) {
  ManualClock clock(int64_t{1726281000} * 1000);  // 2024-09-14 10:30 Beijing time
  model_ = std::make_unique<AppModel>(*store_, *sync_, clock);
  FontLoader::AddBaseRanges(model_->glyphs());
  const int64_t before = model_->browser("transports").count();
  auto app = Open(Screen::kTransportNew);
  RunFrames(*app, 3);
  ImGuiWindow* fields = ChildWindow("##field-scroll");
  ASSERT_NE(fields, nullptr);
  ASSERT_TRUE(Focused(*app));
  EXPECT_TRUE(Focused(*app)->text);
  EXPECT_EQ(Focused(*app)->window, fields);
  EXPECT_TRUE(ImGui::GetIO().WantTextInput);  // typing goes into it at once

  // F2 in the call time puts the current time there, and Tab goes on to the caller: the "now"
  // button beside the box is F2's twin for the mouse.
  Press(*app, GLFW_KEY_F2);
  EXPECT_EQ(model_->browser("transports").form().Field("call_received_at")->text,
            "2024-09-14 10:30");
  const ImGuiID call_time = Focused(*app)->id;
  Press(*app, GLFW_KEY_TAB);
  ASSERT_TRUE(Focused(*app));
  EXPECT_NE(Focused(*app)->id, call_time);
  EXPECT_TRUE(Focused(*app)->text);  // the caller's name

  bool combo_opened = false;
  ImGuiID combo = 0;
  for (int tabs = 0; tabs < 20 && !combo_opened; ++tabs) {
    Press(*app, GLFW_KEY_TAB);
    const KeyboardFocus::Stop* focused = Focused(*app);
    ASSERT_TRUE(focused);
    if (focused->text || focused->window != fields) continue;
    combo = focused->id;
    Press(*app, GLFW_KEY_ENTER);
    combo_opened = ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId);
  }
  ASSERT_TRUE(combo_opened);
  // Arrows move in its list, Enter chooses, and Tab goes on to the field after the combo.
  Press(*app, GLFW_KEY_DOWN);
  Press(*app, GLFW_KEY_ENTER);
  EXPECT_FALSE(ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId));
  ASSERT_NE(model_->browser("transports").form().Field("patient_sex"), nullptr);
  EXPECT_EQ(model_->browser("transports").form().Field("patient_sex")->choice, 0);
  Press(*app, GLFW_KEY_TAB);
  ASSERT_TRUE(Focused(*app));
  EXPECT_NE(Focused(*app)->id, combo);
  EXPECT_TRUE(Focused(*app)->text);
  EXPECT_EQ(Focused(*app)->window, fields);
  // Esc closes an open combo without choosing.
  Press(*app, GLFW_KEY_TAB, /*ctrl=*/false, /*shift=*/true);
  Press(*app, GLFW_KEY_ENTER);
  ASSERT_TRUE(ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId));
  Press(*app, GLFW_KEY_ESCAPE);
  EXPECT_FALSE(ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId));
  EXPECT_EQ(model_->browser("transports").form().Field("patient_sex")->choice, 0);

  ImGuiWindow* form = ChildWindow("##form");
  ASSERT_NE(form, nullptr);
  const ImGuiID save = form->GetID("###save");
  bool reached = false;
  for (int tabs = 0; tabs < 60 && !reached; ++tabs) {
    Press(*app, GLFW_KEY_TAB);
    reached = GImGui->NavId == save;
  }
  ASSERT_TRUE(reached);
  Press(*app, GLFW_KEY_ENTER);
  EXPECT_EQ(model_->browser("transports").count(), before + 1);
}

TEST_F(KeyboardTest, ShiftTabGoesBackAndTabWrapsAroundThroughTheNavigation) {
  auto app = Open(Screen::kVehicles);
  RunFrames(*app, 3);
  const KeyboardFocus::Stop* first = Focused(*app);
  ASSERT_TRUE(first);
  const ImGuiID filter = first->id;
  Press(*app, GLFW_KEY_TAB);
  ASSERT_TRUE(Focused(*app));
  EXPECT_NE(Focused(*app)->id, filter);
  Press(*app, GLFW_KEY_TAB, /*ctrl=*/false, /*shift=*/true);
  EXPECT_EQ(GImGui->ActiveId, filter);  // back in the filter, typing
  // Every control comes round: the order wraps, and the sync button and the navigation are in it.
  const size_t stops = app->focus().stops().size();
  EXPECT_GT(stops, 5u);
  bool navigation = false;
  for (size_t i = 0; i < stops; ++i) {
    Press(*app, GLFW_KEY_TAB);
    ASSERT_TRUE(Focused(*app));
    navigation = navigation ||
                 std::string(Focused(*app)->window->Name).find("##navigation") != std::string::npos;
  }
  EXPECT_TRUE(navigation);
  EXPECT_EQ(GImGui->ActiveId, filter);
}

TEST_F(KeyboardTest, EnterInATextBoxPressesNothing) {
  auto app = Open(Screen::kVehicles);
  RunFrames(*app, 3);
  ASSERT_TRUE(ImGui::GetIO().WantTextInput);
  Press(*app, GLFW_KEY_ENTER);
  EXPECT_FALSE(model_->vehicles().form().open());
  EXPECT_EQ(app->screen(), Screen::kVehicles);
}

TEST_F(KeyboardTest, FocusLandsInTheFirstFieldAfterSignInAndAfterAScreenKey) {
  const std::string nurse =
      store_
          ->Put("staff",
                {{"township_id", demo_->id("mingantu")}, {"name", "萨仁"}, {"staff_role", "nurse"}})
          .value();
  auto app = Open(Screen::kSignIn);
  RunFrames(*app, 3);
  ASSERT_TRUE(model_->session().locked());
  // The staff list has the keyboard with no click: Enter chooses a person without a PIN and
  // signs in at once.
  Press(*app, GLFW_KEY_ENTER);
  ASSERT_TRUE(model_->session().chosen());
  EXPECT_EQ(model_->session().chosen()->id, nurse);
  ASSERT_FALSE(model_->session().locked());

  RunFrames(*app, 2);
  ImGui::GetIO().AddInputCharactersUTF8("蒙H");
  RunFrames(*app, 2);
  EXPECT_EQ(model_->vehicles().typed_filter(), "蒙H");  // typed straight into the filter

  Press(*app, '4', /*ctrl=*/true);
  EXPECT_EQ(app->screen(), Screen::kTransports);
  RunFrames(*app, 1);
  ImGui::GetIO().AddInputCharactersUTF8("白音");
  RunFrames(*app, 2);
  EXPECT_EQ(model_->browser("transports").typed_filter(), "白音");
  EXPECT_EQ(model_->vehicles().typed_filter(), "蒙H");
}

TEST_F(KeyboardTest, KeysOpenANewTransportAHandoffALegAndSync) {
  auto app = Open(Screen::kTransports);
  RunFrames(*app, 3);
  Press(*app, 'T', /*ctrl=*/true);
  EXPECT_TRUE(model_->browser("transports").form().creating());
  model_->browser("transports").CloseForm();
  model_->browser("transports").Select(demo_->id("stroke"));
  RunFrames(*app, 1);
  Press(*app, 'L', /*ctrl=*/true);
  EXPECT_TRUE(model_->browser("transport_legs").form().creating());
  model_->browser("transport_legs").CloseForm();
  RunFrames(*app, 1);
  Press(*app, 'H', /*ctrl=*/true);
  EXPECT_TRUE(model_->browser("handoffs").form().creating());
  Press(*app, GLFW_KEY_F5);
  EXPECT_TRUE(model_->sync_busy() || model_->last_outcome().has_value());
}

TEST_F(KeyboardTest, F1OpensAndClosesTheHelpInTheUIsLanguage) {
  for (Language language : {Language::kZh, Language::kEn}) {
    auto app = Open(Screen::kVehicles, language);
    RunFrames(*app, 2);
    EXPECT_FALSE(app->help_open());
    Press(*app, GLFW_KEY_F1);
    EXPECT_TRUE(app->help_open());
    Press(*app, GLFW_KEY_F1);
    EXPECT_FALSE(app->help_open());
  }
}

// The overview by keyboard only: Ctrl+0 opens it with the year picker focused, Tab steps to
// the cadence, Enter opens it, an arrow and Enter choose the first quarter after the whole
// year, and the overview is computed again for it.
TEST_F(KeyboardTest, CtrlZeroOpensTheOverviewAndTheKeysChangeItsPeriod) {
  auto app = Open(Screen::kVehicles);
  RunFrames(*app, 3);
  Press(*app, '0', /*ctrl=*/true);
  EXPECT_EQ(app->screen(), Screen::kOverview);
  RunFramesUntilIdle(*app);
  ASSERT_TRUE(model_->overview().overview());
  EXPECT_EQ(model_->overview().period_key(), "2024");
  ASSERT_TRUE(Focused(*app));
  EXPECT_FALSE(Focused(*app)->text);  // no text box takes the keys: the period does

  Press(*app, GLFW_KEY_TAB);
  Press(*app, GLFW_KEY_ENTER);
  ASSERT_TRUE(ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId));
  Press(*app, GLFW_KEY_DOWN);
  Press(*app, GLFW_KEY_ENTER);
  EXPECT_FALSE(ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId));
  EXPECT_EQ(model_->overview().cadence(), Cadence::kQ1);
  RunFramesUntilIdle(*app);
  ASSERT_TRUE(model_->overview().overview());
  EXPECT_EQ(model_->overview().overview()->report.period.key, "2024-Q1");
}

}  // namespace
}  // namespace relay::edge::ui
