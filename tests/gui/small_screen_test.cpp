// Every screen on a 1024×600 laptop screen: no control is cut off at the side, none lies out of
// reach below in a panel that cannot scroll, and a form's Save and Close stay in view.
#include <gtest/gtest.h>

#include "app_frames.h"

namespace relay::edge::ui {
namespace {

constexpr float kWidth = 1024;
constexpr float kHeight = 600;

class SmallScreenTest : public testing::AppFramesTest,
                        public ::testing::WithParamInterface<const char*> {};

bool Inside(const ImRect& inner, const ImRect& rect) {
  constexpr float kSlack = 1;  // rounding of borders
  return rect.Min.x >= inner.Min.x - kSlack && rect.Max.x <= inner.Max.x + kSlack &&
         rect.Min.y >= inner.Min.y - kSlack && rect.Max.y <= inner.Max.y + kSlack;
}

TEST_P(SmallScreenTest, EveryControlFitsAndSaveStaysInView) {
  ImGui::GetIO().DisplaySize = ImVec2(kWidth, kHeight);
  for (Language language : {Language::kZh, Language::kEn}) {
    SCOPED_TRACE(language == Language::kZh ? "zh" : "en");
    auto app = Open(*ScreenFromName(GetParam()), language);
    RunFrames(*app, 4);
    RunFramesUntilIdle(*app);
    const auto& stops = app->focus().stops();
    ASSERT_FALSE(stops.empty());
    const ImRect display(0, 0, kWidth, kHeight);
    for (const auto& stop : stops) {
      const ImRect& clip = stop.window->InnerClipRect;
      // Cut at the side: never. Below the panel's edge: only where the panel scrolls to it.
      EXPECT_LE(stop.rect.Max.x, std::min(clip.Max.x, kWidth) + 1) << stop.window->Name;
      if (stop.window->ScrollMax.y == 0 && stop.window->ScrollbarY == false) {
        EXPECT_LE(stop.rect.Max.y, std::min(clip.Max.y, kHeight) + 1) << stop.window->Name;
      }
    }
    ImGuiWindow* form = ChildWindow("##form");
    if (!form) form = ChildWindow("##vehicle-form");
    if (!form) continue;
    // Save sits left of Close on the form's pinned last line; it is no Tab stop while disabled
    // (an opened record with nothing changed), so Close stands for the line then.
    const auto find = [&](const char* button) {
      const ImGuiID id = form->GetID(button);
      return std::find_if(stops.begin(), stops.end(),
                          [&](const auto& known) { return known.id == id; });
    };
    ASSERT_NE(find("###close"), stops.end());
    for (const char* button : {"###save", "###close"}) {
      const auto stop = find(button);
      if (stop == stops.end()) continue;
      EXPECT_TRUE(Inside(form->InnerClipRect, stop->rect)) << button;
      EXPECT_TRUE(Inside(display, stop->rect)) << button;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Screens, SmallScreenTest,
                         ::testing::Values("vehicles", "vehicles-add", "volunteers", "teams",
                                           "transports", "transport-new", "handoff-new", "training",
                                           "geography", "conflicts", "staff", "enrollment",
                                           "sign-in", "overview"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace relay::edge::ui
