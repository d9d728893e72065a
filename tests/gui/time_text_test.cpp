#include "ui/model/time_text.h"

#include <gtest/gtest.h>

#include "relay/validation.h"

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

// 2024-05-01 00:30:00 Beijing time (2024-04-30T16:30:00Z), whatever the machine's zone.
constexpr int64_t kJustAfterMidnight = int64_t{1714494600} * 1000;

std::string Typed(const std::string& text, int64_t now_ms = kJustAfterMidnight) {
  const auto seconds = TypedTimeSeconds(text, now_ms);
  return seconds ? LocalTimeText(FormatUtcTime(*seconds)) : "(none)";
}

TEST(TimeTextTest, AClockTimeIsItsMostRecentMomentInBeijingTime) {
  EXPECT_EQ(Typed("0:10"), "2024-05-01 00:10");
  // 23:50 has not come yet today in Beijing, though it has in UTC: it was last night.
  EXPECT_EQ(Typed("23:50"), "2024-04-30 23:50");
  EXPECT_EQ(Typed("2350"), "2024-04-30 23:50");
  EXPECT_EQ(Typed(" 00：20 "), "2024-05-01 00:20");  // a Chinese input method's colon
  // A minute or two ahead is today: the clerk types the minute about to come.
  EXPECT_EQ(Typed("00:31"), "2024-05-01 00:31");
  EXPECT_EQ(Typed("00:40"), "2024-04-30 00:40");
}

TEST(TimeTextTest, YesterdayTodayAndADayOfTheYear) {
  EXPECT_EQ(Typed("昨天 23:10"), "2024-04-30 23:10");
  EXPECT_EQ(Typed("昨天23:10"), "2024-04-30 23:10");
  EXPECT_EQ(Typed("yesterday 8:05"), "2024-04-30 08:05");
  // Today's time stays today even ahead of now, for the form to question.
  EXPECT_EQ(Typed("今天 09:00"), "2024-05-01 09:00");
  EXPECT_EQ(Typed("04-29 10:20"), "2024-04-29 10:20");
  // 1 May 10:20 is still ahead: the most recent one was last year's.
  EXPECT_EQ(Typed("05-01 10:20"), "2023-05-01 10:20");
  EXPECT_EQ(Typed("2024-05-01 10:20"), "2024-05-01 10:20");
}

TEST(TimeTextTest, TextThatIsNoTimeIsNotRead) {
  for (const char* text :
       {"", "11", "115", "25:00", "11:60", "11:5", "昨天", "明天 10:00", "13-01 10:00", "午饭后"}) {
    EXPECT_EQ(Typed(text), "(none)") << text;
  }
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
