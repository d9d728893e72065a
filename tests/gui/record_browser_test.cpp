#include "ui/model/record_browser.h"

#include <cstdio>

#include <gtest/gtest.h>

#include "relay/clock.h"
#include "temp_dir.h"

namespace relay::edge::ui {
namespace {

// 600 townships, more than two pages, named 演示苏木000 … 演示苏木599.
class RecordBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = LocalStore::Open(dir_.File("edge.db"), clock_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    std::vector<nlohmann::json> townships;
    for (int i = kTownships - 1; i >= 0; --i) {  // stored in reverse, listed by name
      townships.push_back({{"name", Name(i)}, {"township_kind", "sumu"}});
    }
    auto ids = store_->PutAll("townships", townships);
    ASSERT_TRUE(ids.ok()) << ids.status().message();
    ids_ = std::move(ids).value();
  }

  static std::string Name(int i) {
    char digits[12];
    std::snprintf(digits, sizeof digits, "%03d", i);
    return "演示苏木" + std::string(digits);
  }

  static constexpr int kTownships = 600;
  testing::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LocalStore> store_;
  std::vector<std::string> ids_;
  GlyphSet glyphs_;
};

TEST_F(RecordBrowserTest, RowsAreReadAPageAtATimeInListOrder) {
  RecordBrowser browser(*store_, *FindTable("townships"), glyphs_);
  browser.Reload();
  ASSERT_EQ(browser.count(), kTownships);
  for (int index : {0, 1, 255, 256, 300, 599, 10, 598}) {  // forwards, then back up
    const nlohmann::json* row = browser.Row(index);
    ASSERT_NE(row, nullptr) << index;
    EXPECT_EQ(row->at("name"), Name(index));
  }
  EXPECT_EQ(browser.Row(kTownships), nullptr);
  EXPECT_EQ(browser.Row(-1), nullptr);
  EXPECT_TRUE(browser.load_error().empty());
  EXPECT_TRUE(glyphs_.Contains(U'演'));  // what a page brought is drawable
}

// Matches are found once per filter and then read a page at a time by id: the rows are the
// same, in the same order, as the store's own filtered pages.
TEST_F(RecordBrowserTest, AFilteredListPagesThroughItsMatchesInListOrder) {
  RecordBrowser browser(*store_, *FindTable("townships"), glyphs_);
  browser.SetFilter("苏木1");  // 演示苏木100 … 演示苏木199
  ASSERT_EQ(browser.count(), 100);
  for (int index : {0, 99, 50, 1}) {
    const nlohmann::json* row = browser.Row(index);
    ASSERT_NE(row, nullptr) << index;
    EXPECT_EQ(row->at("name"), Name(100 + index));
  }
  EXPECT_EQ(browser.Row(100), nullptr);

  browser.SetFilter("演示");  // every township: more than two pages of matches
  ASSERT_EQ(browser.count(), kTownships);
  for (int index : {0, 300, 599, 10}) {
    const nlohmann::json* row = browser.Row(index);
    ASSERT_NE(row, nullptr) << index;
    EXPECT_EQ(row->at("name"), Name(index));
  }
  // A record stored after the filter applied is listed once the data are read again.
  ASSERT_TRUE(store_->Put("townships", {{"name", "演示苏木600"}, {"township_kind", "sumu"}}).ok());
  browser.Reload();
  EXPECT_EQ(browser.count(), kTownships + 1);
  EXPECT_EQ(browser.Row(kTownships)->at("name"), "演示苏木600");
}

TEST_F(RecordBrowserTest, ATypedFilterAppliesOnceTypingPauses) {
  RecordBrowser browser(*store_, *FindTable("townships"), glyphs_);
  browser.Reload();
  browser.TypeFilter("苏木59", 1000);
  browser.ApplyTypedFilter(1000 + RecordBrowser::kFilterPauseMs - 1);
  EXPECT_EQ(browser.filter(), "");
  EXPECT_EQ(browser.count(), kTownships);
  browser.ApplyTypedFilter(1000 + RecordBrowser::kFilterPauseMs);
  EXPECT_EQ(browser.filter(), "苏木59");
  EXPECT_EQ(browser.count(), 10);  // 590 … 599
  EXPECT_EQ(browser.Row(0)->at("name"), Name(590));
}

TEST_F(RecordBrowserTest, ArchivedRecordsShowOnlyWhenAskedFor) {
  ASSERT_TRUE(store_->Put("townships", {{"id", ids_.front()}, {"archived", true}}).ok());
  RecordBrowser browser(*store_, *FindTable("townships"), glyphs_);
  browser.Reload();
  EXPECT_EQ(browser.count(), kTownships - 1);
  EXPECT_EQ(browser.Row(kTownships - 2)->at("name"), Name(kTownships - 2));  // 599 archived
  browser.SetShowArchived(true);
  EXPECT_EQ(browser.count(), kTownships);
}

// 2024-05-01 00:30 Beijing time.
constexpr int64_t kJustAfterMidnight = int64_t{1714494600} * 1000;

TEST_F(RecordBrowserTest, ATimeTypedAsPeopleSayItIsStoredAsTheMomentItMeans) {
  RecordBrowser transports(*store_, *FindTable("transports"), glyphs_);
  transports.StartNew();
  transports.form().Field("call_received_at")->text = "23:52";
  ASSERT_TRUE(transports.Save(kJustAfterMidnight));
  // The form shows what was understood: last night, not tonight.
  EXPECT_EQ(transports.form().Field("call_received_at")->text, "2024-04-30 23:52");
  auto stored = store_->Get("transports", transports.selected_id());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value()["call_received_at"], "2024-04-30T15:52:00Z");
}

TEST_F(RecordBrowserTest, AFutureTimeIsQuestionedAndASecondSaveConfirmsIt) {
  RecordBrowser transports(*store_, *FindTable("transports"), glyphs_);
  transports.StartNew();
  transports.form().Field("call_received_at")->text = "今天 10:00";
  EXPECT_FALSE(transports.Save(kJustAfterMidnight));
  EXPECT_TRUE(transports.form().questioned("call_received_at"));
  EXPECT_EQ(transports.count(), 0);
  // Corrected to another future time: questioned again, not yet stored.
  transports.form().Field("call_received_at")->text = "今天 11:00";
  EXPECT_FALSE(transports.Save(kJustAfterMidnight));
  EXPECT_EQ(transports.count(), 0);
  ASSERT_TRUE(transports.Save(kJustAfterMidnight));
  EXPECT_FALSE(transports.form().questioned("call_received_at"));
  EXPECT_EQ(transports.count(), 1);
}

}  // namespace
}  // namespace relay::edge::ui
