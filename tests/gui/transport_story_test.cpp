#include "ui/model/transport_story.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"

namespace relay::edge::ui {
namespace {

class TransportStoryTest : public testing::DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    labels_ = std::make_unique<RecordLabels>(*store_, glyphs_);
  }

  Result<TransportStory> Story(const std::string& key) {
    return LoadTransportStory(*store_, *labels_, zh_, demo_->id(key));
  }

  GlyphSet glyphs_;
  std::unique_ptr<RecordLabels> labels_;
  Translations zh_ = Translations::Load(RELAY_ASSETS_DIR, Language::kZh).value();
};

TEST_F(TransportStoryTest, StepsOfCallLegsAndHandoffInTimeOrder) {
  auto story = Story("stroke");
  ASSERT_TRUE(story.ok()) << story.status().message();
  std::vector<std::string> whats;
  for (const auto& step : story.value().steps)
    whats.push_back(step.what);
  EXPECT_EQ(whats, (std::vector<std::string>{"call", "dispatched", "dispatched", "departed",
                                             "departed", "leg_arrived", "carrier_arrived",
                                             "first_contact", "receiver_arrived", "transfer",
                                             "arrived_destination", "leg_arrived"}));
  const auto& steps = story.value().steps;
  EXPECT_EQ(steps[0].detail, "巴特尔 · 卒中");
  EXPECT_EQ(steps[1].detail, "蒙H·31552 · 宝力根嘎查 → 宝力根敖包路口");
  EXPECT_EQ(steps[9].detail, "宝力根敖包路口 · 额尔敦毕力格 → 其木格");
  EXPECT_EQ(steps[10].detail, "正镶白旗医院");
  EXPECT_LT(steps.front().at_s, steps.back().at_s);
}

TEST_F(TransportStoryTest, EachPartysWaitAtTheHandoff) {
  auto story = Story("stroke");
  ASSERT_TRUE(story.ok());
  ASSERT_EQ(story.value().handoffs.size(), 1u);
  const HandoffStory& handoff = story.value().handoffs[0];
  EXPECT_EQ(handoff.place, "宝力根敖包路口");
  EXPECT_EQ(handoff.waits.carrier_wait_s, 7 * 60);  // 10:55 to the ambulance at 11:02
  EXPECT_EQ(handoff.waits.receiver_wait_s, 0);
  EXPECT_EQ(handoff.waits.call_to_transfer_s, 46 * 60);
}

TEST_F(TransportStoryTest, PastoralPickupMetItsHourFarmingPickupMissedItsHalfHour) {
  auto stroke = Story("stroke");
  ASSERT_TRUE(stroke.ok());
  EXPECT_EQ(stroke.value().intervals.target_s, 60 * 60);
  EXPECT_EQ(stroke.value().intervals.call_to_first_contact_s, 42 * 60);
  EXPECT_EQ(stroke.value().intervals.met_target, true);
  EXPECT_EQ(stroke.value().intervals.call_to_destination_s, 105 * 60);

  auto trauma = Story("trauma");
  ASSERT_TRUE(trauma.ok());
  EXPECT_EQ(trauma.value().intervals.target_s, 30 * 60);
  EXPECT_EQ(trauma.value().intervals.met_target, false);
  EXPECT_FALSE(trauma.value().intervals.call_to_destination_s);
  EXPECT_TRUE(trauma.value().handoffs.empty());
}

TEST_F(TransportStoryTest, AnUnknownTransportIsAnError) {
  EXPECT_FALSE(
      LoadTransportStory(*store_, *labels_, zh_, "01890000-0000-7000-8000-000000000000").ok());
}

}  // namespace
}  // namespace relay::edge::ui
