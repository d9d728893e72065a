#include "relay/hlc.h"

#include <gtest/gtest.h>

namespace relay {
namespace {

constexpr int64_t kMinute = 60 * 1000;

TEST(HlcTimestamp, TextRoundTripsAndSortsLikeTime) {
  const HlcTimestamp early{1'700'000'000'000, 5};
  const HlcTimestamp late{1'700'000'000'001, 0};
  EXPECT_EQ(early.ToText().size(), 16u);
  EXPECT_LT(early.ToText(), late.ToText());
  EXPECT_EQ(HlcTimestamp::FromText(early.ToText()), early);
  EXPECT_EQ(HlcTimestamp::FromText(""), HlcTimestamp{});
  EXPECT_EQ(HlcTimestamp{}.ToText(), "");
}

TEST(HlcTimestamp, RejectsMalformedText) {
  EXPECT_FALSE(HlcTimestamp::FromText("123"));
  EXPECT_FALSE(HlcTimestamp::FromText("0000000000000ABC"));  // upper case
  EXPECT_FALSE(HlcTimestamp::FromText("zzzzzzzzzzzzzzzz"));
  EXPECT_FALSE(HlcTimestamp::FromText("ffffffffffffffff"));  // beyond signed 64 bits
}

TEST(HybridLogicalClock, CountsWithinOneMillisecond) {
  ManualClock wall(1'000'000);
  HybridLogicalClock hlc(wall, kMinute);
  const auto first = hlc.Now();
  const auto second = hlc.Now();
  EXPECT_EQ(first, (HlcTimestamp{1'000'000, 0}));
  EXPECT_EQ(second, (HlcTimestamp{1'000'000, 1}));
  wall.Advance(1);
  EXPECT_EQ(hlc.Now(), (HlcTimestamp{1'000'001, 0}));
}

TEST(HybridLogicalClock, NeverGoesBackwardsWhenTheWallClockDoes) {
  ManualClock wall(5'000'000);
  HybridLogicalClock hlc(wall, kMinute);
  const auto before = hlc.Now();
  wall.Set(4'000'000);  // someone set the laptop's clock back
  const auto after = hlc.Now();
  EXPECT_GT(after, before);
  EXPECT_EQ(after.wall_ms, before.wall_ms);
}

TEST(HybridLogicalClock, ObservedPeerTimestampsMoveItForward) {
  ManualClock wall(1'000'000);
  HybridLogicalClock hlc(wall, kMinute);
  const HlcTimestamp peer{1'030'000, 7};  // 30 s ahead: within the bound
  ASSERT_TRUE(hlc.Observe(peer).ok());
  EXPECT_GT(hlc.Now(), peer);
}

TEST(HybridLogicalClock, RefusesPeerTimestampsBeyondTheDriftBound) {
  ManualClock wall(1'000'000);
  HybridLogicalClock hlc(wall, kMinute);
  const Status refused = hlc.Observe(HlcTimestamp{1'000'000 + 2 * kMinute, 0});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("ahead"), std::string::npos);
  EXPECT_EQ(hlc.Now(), (HlcTimestamp{1'000'000, 0}));  // not dragged forward
}

TEST(HybridLogicalClock, CounterOverflowBorrowsTheNextMillisecond) {
  ManualClock wall(1'000);
  HybridLogicalClock hlc(wall, kMinute);
  HlcTimestamp last;
  for (int i = 0; i < 0x10000; ++i)
    last = hlc.Now();
  EXPECT_EQ(last, (HlcTimestamp{1'000, 0xffff}));
  EXPECT_EQ(hlc.Now(), (HlcTimestamp{1'001, 0}));
}

TEST(HybridLogicalClock, RestoreResumesPastTheLastStamp) {
  ManualClock wall(1'000);
  HybridLogicalClock hlc(wall, kMinute);
  hlc.Restore(HlcTimestamp{9'000, 3});
  EXPECT_EQ(hlc.Now(), (HlcTimestamp{9'000, 4}));
}

}  // namespace
}  // namespace relay
