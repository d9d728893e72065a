#include "ui/model/time_text.h"

#include <gtest/gtest.h>

namespace relay::edge::ui {
namespace {

TEST(TimeTextTest, StoredUtcReadsAsBeijingTimeToTheMinute) {
  EXPECT_EQ(LocalTimeText("2024-05-01T02:20:00Z"), "2024-05-01 10:20");
  // Late evening UTC is the next morning in the banner.
  EXPECT_EQ(LocalTimeText("2024-12-31T17:30:59Z"), "2025-01-01 01:30");
}

TEST(TimeTextTest, TextThatIsNoTimeComesBackUnchanged) {
  EXPECT_EQ(LocalTimeText("昨天上午"), "昨天上午");
  EXPECT_EQ(LocalTimeText(""), "");
}

TEST(TimeTextTest, NowIsShownLikeAStoredTime) {
  // 2024-05-01T02:20:30Z
  EXPECT_EQ(LocalNowText(int64_t{1714530030} * 1000 + 999), "2024-05-01 10:20");
}

TEST(TimeTextTest, DurationsInMinutesOrHoursAndMinutes) {
  const auto tr = Translations::Parse(
                      R"({"duration.minutes": "{m} 分钟", "duration.hours": "{h} 小时 {m} 分"})")
                      .value();
  EXPECT_EQ(DurationText(0, tr), "0 分钟");
  EXPECT_EQ(DurationText(42 * 60 + 59, tr), "42 分钟");
  EXPECT_EQ(DurationText(65 * 60, tr), "1 小时 05 分");
  EXPECT_EQ(DurationText(-7 * 60, tr), "-7 分钟");
}

}  // namespace
}  // namespace relay::edge::ui
