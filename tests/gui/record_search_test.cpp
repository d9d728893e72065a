// The list filter finds records by what people remember of them: the names, phones and places
// shown, the names of what they point to, and times as shown in Beijing time.
#include <gtest/gtest.h>

#include "demo_store_test.h"
#include "ui/model/record_browser.h"

namespace relay::edge::ui {
namespace {

class RecordSearchTest : public testing::DemoStoreTest {
 protected:
  // The demo keys of the transports the filter finds.
  std::set<std::string> Found(const std::string& filter) {
    RecordBrowser transports(*store_, *FindTable("transports"), glyphs_);
    transports.SetFilter(filter);
    EXPECT_TRUE(transports.load_error().empty()) << transports.load_error();
    std::set<std::string> found;
    for (int64_t i = 0; i < transports.count(); ++i) {
      const std::string id = transports.Row(i)->at("id");
      for (const char* key : {"stroke", "trauma"}) {
        if (demo_->id(key) == id) found.insert(key);
      }
    }
    EXPECT_EQ(static_cast<int64_t>(found.size()), transports.count()) << filter;
    return found;
  }

  GlyphSet glyphs_;
};

using Keys = std::set<std::string>;

TEST_F(RecordSearchTest, TransportsAreFoundByPatientCallerAndPhone) {
  EXPECT_EQ(Found("其其格"), Keys{"stroke"});
  EXPECT_EQ(Found("王桂兰"), Keys{"trauma"});
  EXPECT_EQ(Found("1234"), Keys{"stroke"});  // the callback phone's last digits
  EXPECT_EQ(Found("没有这个人"), Keys{});
}

TEST_F(RecordSearchTest, TransportsAreFoundByTheNamesOfTheirGachaAndDestination) {
  EXPECT_EQ(Found("宝力根"), Keys{"stroke"});
  EXPECT_EQ(Found("巴音嘎查"), Keys{"trauma"});
  EXPECT_EQ(Found("正镶白旗医院"), Keys{"stroke"});
}

TEST_F(RecordSearchTest, TimesAreMatchedAsShownInBeijingTime) {
  // The stroke call came in at 10:20 Beijing time, stored as 02:20 UTC.
  EXPECT_EQ(Found("09-14 10:2"), Keys{"stroke"});
  EXPECT_EQ(Found("10:20"), Keys{"stroke"});
  EXPECT_EQ(Found("02:20"), Keys{});
  EXPECT_EQ(Found("17:41"), Keys{"trauma"});  // its first contact
  EXPECT_EQ(Found("2024-06"), Keys{"trauma"});
}

TEST_F(RecordSearchTest, TransportsAreFoundByWhatTheirLegsAndHandoffsShow) {
  EXPECT_EQ(Found("敖包路口"), Keys{"stroke"});  // where the car handed the patient over
  EXPECT_EQ(Found("其木格"), Keys{"stroke"});    // who took the patient over
  EXPECT_EQ(Found("120A1"), Keys{"stroke"});     // the ambulance's plate, on its leg
  EXPECT_EQ(Found("11:06"), Keys{"stroke"});     // the handoff, in Beijing time
  EXPECT_EQ(Found("03:06"), Keys{});             // ... not as stored in UTC
}

TEST_F(RecordSearchTest, AnArchivedHandoffNoLongerFindsItsTransport) {
  ASSERT_TRUE(store_->Put("handoffs", {{"id", demo_->id("handoff")}, {"archived", true}}).ok());
  EXPECT_EQ(Found("其木格"), Keys{});
}

TEST_F(RecordSearchTest, VolunteersAreFoundByTheirGachaName) {
  RecordBrowser volunteers(*store_, *FindTable("volunteers"), glyphs_);
  volunteers.SetFilter("宝力根");
  ASSERT_EQ(volunteers.count(), 1);
  EXPECT_EQ(volunteers.Row(0)->at("name"), "额尔敦毕力格");
}

}  // namespace
}  // namespace relay::edge::ui
