#include "ui/model/team_grid.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"

namespace relay::edge::ui {
namespace {

using TeamGridTest = testing::DemoStoreTest;

TEST_F(TeamGridTest, UnitsInThePlansOrderWithPostsAndHolderNames) {
  auto grid = LoadTeamGrid(*store_, demo_->id("squad"), "2024-10-01");
  ASSERT_TRUE(grid.ok()) << grid.status().message();
  const auto& units = grid.value().units;
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0].unit_kind, "emergency_medical_rescue");
  EXPECT_EQ(units[1].unit_kind, "epidemic_prevention");
  EXPECT_EQ(units[2].unit_kind, "poisoning_response");
  ASSERT_EQ(units[0].posts.size(), 2u);
  const PostCell& treat = units[0].posts[0];
  EXPECT_EQ(treat.name, "现场救治");
  EXPECT_EQ(treat.qualification, "执业医师");
  EXPECT_EQ(treat.holder_a, "其木格");
  EXPECT_EQ(treat.holder_b, "张海军");
  EXPECT_FALSE(treat.gap);
}

TEST_F(TeamGridTest, APostWithoutItsBackupIsAGap) {
  auto grid = LoadTeamGrid(*store_, demo_->id("squad"), "2024-10-01");
  ASSERT_TRUE(grid.ok());
  const PostCell& monitor = grid.value().units[0].posts[1];
  EXPECT_EQ(monitor.name, "转运监护");
  EXPECT_EQ(monitor.holder_a, "萨仁高娃");
  EXPECT_EQ(monitor.holder_b, "");
  EXPECT_TRUE(monitor.gap);
  EXPECT_TRUE(grid.value().units[2].posts[0].gap);
}

TEST_F(TeamGridTest, ReadinessCountsFilledPostsAndTrainingInDate) {
  auto grid = LoadTeamGrid(*store_, demo_->id("squad"), "2024-10-01");
  ASSERT_TRUE(grid.ok());
  const TeamReadiness& readiness = grid.value().readiness;
  EXPECT_EQ(readiness.posts, 4);
  EXPECT_EQ(readiness.posts_filled, 2);
  EXPECT_EQ(readiness.members, 6);
  EXPECT_EQ(readiness.members_trained, 5);  // 萨仁高娃's training ran out in 2023
  EXPECT_EQ(
      LoadTeamGrid(*store_, demo_->id("squad"), "2027-07-01").value().readiness.members_trained, 4);
}

TEST_F(TeamGridTest, ArchivedUnitsAndPostsLeaveTheGrid) {
  ASSERT_TRUE(store_->Put("units", {{"id", demo_->id("poison")}, {"archived", true}}).ok());
  auto grid = LoadTeamGrid(*store_, demo_->id("squad"), "2024-10-01");
  ASSERT_TRUE(grid.ok());
  EXPECT_EQ(grid.value().units.size(), 2u);
  EXPECT_EQ(grid.value().readiness.posts, 3);
}

TEST_F(TeamGridTest, ATeamWithNoUnitsHasAnEmptyGrid) {
  auto grid = LoadTeamGrid(*store_, "01890000-0000-7000-8000-000000000000", "2024-10-01");
  ASSERT_TRUE(grid.ok());
  EXPECT_TRUE(grid.value().units.empty());
  EXPECT_EQ(grid.value().readiness.posts, 0);
}

}  // namespace
}  // namespace relay::edge::ui
