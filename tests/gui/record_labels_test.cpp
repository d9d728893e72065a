#include "ui/model/record_labels.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"

namespace relay::edge::ui {
namespace {

class RecordLabelsTest : public testing::DemoStoreTest {
 protected:
  GlyphSet glyphs_;
  Translations zh_ = Translations::Load(RELAY_ASSETS_DIR, Language::kZh).value();
};

TEST_F(RecordLabelsTest, RecordsAreKnownByNamePlateOrCallTime) {
  RecordLabels labels(*store_, glyphs_);
  EXPECT_EQ(labels.Label("gachas", demo_->id("baoligen"), zh_), "宝力根嘎查");
  EXPECT_EQ(labels.Label("townships", demo_->id("yihe"), zh_), "伊和淖尔苏木");
  EXPECT_EQ(labels.Label("vehicles", demo_->id("蒙H·31552"), zh_), "蒙H·31552");
  EXPECT_EQ(labels.Label("transports", demo_->id("stroke"), zh_), "2024-09-14 10:20 · 其其格");
  EXPECT_EQ(labels.Label("units", demo_->id("rescue"), zh_),
            "紧急医学救援 · 正镶白旗基层卫生应急小分队");
  EXPECT_EQ(labels.Label("trainings", demo_->id("drill"), zh_),
            "2024-09-20 · 牧区冬季中途对接演练");
  EXPECT_TRUE(glyphs_.Contains(U'根'));  // what was read is drawable
}

TEST_F(RecordLabelsTest, AnUnknownIdShowsShortenedAndAnEmptyOneAsNothing) {
  RecordLabels labels(*store_, glyphs_);
  EXPECT_EQ(labels.Label("gachas", "01890000-0000-7000-8000-000000000000", zh_), "01890000…");
  EXPECT_EQ(labels.Label("gachas", "", zh_), "");
}

TEST_F(RecordLabelsTest, OptionsAreFilteredSortedAndLeaveArchivedOut) {
  RecordLabels labels(*store_, glyphs_);
  ASSERT_TRUE(store_->Put("gachas", {{"id", demo_->id("bayin")}, {"archived", true}}).ok());
  labels.Invalidate();
  const auto all = labels.Options("gachas", "", zh_);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, demo_->id("baoligen"));

  const auto plates = labels.Options("vehicles", "H·7", zh_);
  ASSERT_EQ(plates.size(), 1u);
  EXPECT_EQ(plates[0].label, "蒙H·77F19 · 社会车辆");
  EXPECT_EQ(labels.Options("vehicles", "", zh_).size(), testing::DemoVehicles().size());
}

TEST_F(RecordLabelsTest, InvalidateReadsNewRecords) {
  RecordLabels labels(*store_, glyphs_);
  EXPECT_EQ(labels.Options("townships", "", zh_).size(), 2u);
  ASSERT_TRUE(store_->Put("townships", {{"name", "星耀镇"}, {"township_kind", "town"}}).ok());
  EXPECT_EQ(labels.Options("townships", "", zh_).size(), 2u);  // read once
  labels.Invalidate();
  EXPECT_EQ(labels.Options("townships", "", zh_).size(), 3u);
}

TEST_F(RecordLabelsTest, AScopeNarrowsOptionsToOneTeamsMembers) {
  RecordLabels labels(*store_, glyphs_);
  const auto other_team =
      store_->Put("teams", {{"name", "明安图镇卫生院应急队"}, {"team_level", "township"}});
  ASSERT_TRUE(other_team.ok());
  ASSERT_TRUE(store_->Put("members", {{"team_id", other_team.value()}, {"name", "巴特尔"}}).ok());
  labels.Invalidate();
  const auto everyone = labels.Options("members", "", zh_);
  const auto own =
      labels.Options("members", "", zh_, OptionScope::Only("team_id", demo_->id("squad")));
  EXPECT_EQ(everyone.size(), own.size() + 1);
  for (const auto& option : own)
    EXPECT_NE(option.label, "巴特尔");
}

TEST_F(RecordLabelsTest, ATableTooBigToListIsSearchedByTheStore) {
  std::vector<nlohmann::json> townships;
  for (int i = 0; i < RecordLabels::kMaxOptions + 5; ++i) {
    townships.push_back({{"name", "演示苏木" + std::to_string(i)}, {"township_kind", "sumu"}});
  }
  ASSERT_TRUE(store_->PutAll("townships", townships).ok());
  RecordLabels labels(*store_, glyphs_);
  EXPECT_EQ(static_cast<int64_t>(labels.Options("townships", "", zh_).size()),
            RecordLabels::kMaxOptions);  // the first ones, with a filter to find the rest
  const auto found = labels.Options("townships", "苏木1999", zh_);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].label, "演示苏木1999");
}

TEST_F(RecordLabelsTest, NamesakesAndLookAlikePlacesAreToldApart) {
  // A second 乌日娜 in another gacha, and a meeting point named like one elsewhere.
  ASSERT_TRUE(
      store_
          ->Put("volunteers",
                {{"name", "乌日娜"}, {"phone", "13604793821"}, {"gacha_id", demo_->id("baoligen")}})
          .ok());
  ASSERT_TRUE(
      store_
          ->Put("rendezvous_points", {{"name", "宝力根敖包路口"}, {"gacha_id", demo_->id("bayin")}})
          .ok());
  ASSERT_TRUE(
      store_->Put("vehicles", {{"id", demo_->id("蒙H·31552")}, {"driver_id", demo_->id("erdun")}})
          .ok());
  RecordLabels labels(*store_, glyphs_);
  std::vector<std::string> volunteers;
  for (const auto& option : labels.Options("volunteers", "乌日娜", zh_)) {
    volunteers.push_back(option.label);
  }
  EXPECT_EQ(volunteers, (std::vector<std::string>{"乌日娜 · 宝力根嘎查 · 尾号 3821",
                                                  "乌日娜 · 巴音嘎查 · 尾号 1234"}));
  std::vector<std::string> points;
  for (const auto& option : labels.Options("rendezvous_points", "", zh_)) {
    points.push_back(option.label);
  }
  EXPECT_EQ(points,
            (std::vector<std::string>{"宝力根敖包路口 · 宝力根嘎查", "宝力根敖包路口 · 巴音嘎查"}));
  EXPECT_EQ(labels.PickerLabel("vehicles", demo_->id("蒙H·31552"), zh_),
            "蒙H·31552 · 嘎查村两委车辆 · 额尔敦毕力格 · 宝力根嘎查");
}

TEST_F(RecordLabelsTest, APickersSearchMatchesEveryPartShown) {
  RecordLabels labels(*store_, glyphs_);
  // The gacha, the phone's last digits, the owner category and the driver.
  ASSERT_EQ(labels.Options("volunteers", "巴音", zh_).size(), 1u);
  EXPECT_EQ(labels.Options("volunteers", "1688", zh_).front().label,
            "额尔敦毕力格 · 宝力根嘎查 · 尾号 1688");
  EXPECT_EQ(labels.Options("vehicles", "救护车", zh_).front().id, demo_->id("蒙H·120A1"));
  ASSERT_TRUE(
      store_->Put("vehicles", {{"id", demo_->id("蒙H·31552")}, {"driver_id", demo_->id("erdun")}})
          .ok());
  labels.Invalidate();
  ASSERT_EQ(labels.Options("vehicles", "额尔敦", zh_).size(), 1u);
}

TEST_F(RecordLabelsTest, AScopeListsThePickupGachasRecordsFirst) {
  RecordLabels labels(*store_, glyphs_);
  const auto vehicles = labels.Options("vehicles", "", zh_,
                                       OptionScope::First("home_gacha_id", demo_->id("baoligen")));
  ASSERT_EQ(vehicles.size(), testing::DemoVehicles().size());
  // 宝力根嘎查 has three: they lead, each labelled with the gacha; the rest follow by label.
  for (size_t i = 0; i < vehicles.size(); ++i) {
    EXPECT_EQ(vehicles[i].first, i < 3) << vehicles[i].label;
    EXPECT_EQ(vehicles[i].label.find("宝力根嘎查") != std::string::npos, i < 3)
        << vehicles[i].label;
  }
}

}  // namespace
}  // namespace relay::edge::ui
