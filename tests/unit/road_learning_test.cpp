// Road minutes corrected by recorded legs, on A —10— B —20— C (good; winter 15 and 30).
#include <gtest/gtest.h>

#include "relay/planning/road_learning.h"

namespace relay::planning {
namespace {

constexpr size_t kA = 0, kB = 1, kC = 2;

RoadNetwork Line() {
  return RoadNetwork({{"a", Place::Kind::kGacha, "A", 30, {}},
                      {"b", Place::Kind::kRendezvousPoint, "B", 0, {}},
                      {"c", Place::Kind::kStation, "C", 0, {}}},
                     {{"ab", "a", "b", 10, 15, true}, {"bc", "b", "c", 20, 30, true}});
}

TimedLeg Leg(int minutes, std::string departed_at, Season season = Season::kGood) {
  return {kA, kC, season, Drive::kFourWheel, minutes, std::move(departed_at)};
}

TEST(RoadLearning, ALegSharesItsRatioOverItsRoadsByTheirMinutes) {
  // A→C took 45 where 30 was predicted: ratio 1.5. A–B carries a third of the leg:
  // (1 + 1.5/3) / (1 + 1/3) = 1.125 → 11 minutes; B–C two thirds: (1 + 1) / (5/3) = 1.2 → 24.
  const RoadNetwork learned = LearnFromLegs(Line(), {Leg(45, "2024-06-01T02:00:00Z")});
  EXPECT_EQ(learned.links()[0].Minutes(Season::kGood), 11);
  EXPECT_EQ(learned.links()[1].Minutes(Season::kGood), 24);
  EXPECT_EQ(learned.links()[0].Minutes(Season::kWinter), 15);  // a summer leg leaves winter be
  EXPECT_EQ(learned.MinutesFrom(kA, Season::kGood, Drive::kFourWheel)[kC], 35);
}

TEST(RoadLearning, ManyLegsOutweighTheEstimateAndAnAbsurdOneIsHeldInBounds) {
  std::vector<TimedLeg> legs(10, Leg(45, "2024-06-01T02:00:00Z"));
  const RoadNetwork learned = LearnFromLegs(Line(), legs);
  EXPECT_EQ(learned.MinutesFrom(kA, Season::kGood, Drive::kFourWheel)[kC], 14 + 29);
  // 600 minutes recorded for a 45-minute winter way counts as 4 times slower, no more.
  const RoadNetwork stuck =
      LearnFromLegs(Line(), {Leg(600, "2024-01-10T02:00:00Z", Season::kWinter)});
  EXPECT_EQ(stuck.links()[0].Minutes(Season::kWinter), 26);  // 15 · (1 + 4/3) / (4/3)
  EXPECT_EQ(stuck.links()[0].Minutes(Season::kGood), 10);
}

TEST(RoadLearning, TheErrorIsJudgedOnTheNewestThirdBeforeAndAfterLearning) {
  std::vector<TimedLeg> legs;
  for (int day = 6; day >= 1; --day)
    legs.push_back(Leg(45, "2024-06-0" + std::to_string(day) + "T02:00:00Z"));
  legs.push_back({kA, kA, Season::kGood, Drive::kFourWheel, 5, "2024-06-07T02:00:00Z"});
  const LearningReport report = AssessLearning(Line(), legs);
  EXPECT_EQ(report.legs, 6u);  // the leg that goes nowhere has no route to judge
  EXPECT_EQ(report.legs_judged, 2u);
  // Before: 30 against 45. After learning from four legs: 13 + 27 = 40.
  ASSERT_TRUE(report.mean_abs_minutes_before && report.mean_abs_minutes_after);
  EXPECT_DOUBLE_EQ(*report.mean_abs_minutes_before, 15);
  EXPECT_DOUBLE_EQ(*report.mean_abs_minutes_after, 5);
}

TEST(RoadLearning, TooFewLegsAreNotJudged) {
  const LearningReport report = AssessLearning(Line(), {Leg(45, "2024-06-01T02:00:00Z")});
  EXPECT_EQ(report.legs, 1u);
  EXPECT_FALSE(report.mean_abs_minutes_before.has_value());
}

}  // namespace
}  // namespace relay::planning
