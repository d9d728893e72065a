#include "ui/model/transport_flow.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"

namespace relay::edge::ui {
namespace {

class TransportFlowTest : public testing::DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    // The gacha committee's car is registered with its driver.
    ASSERT_TRUE(
        store_->Put("vehicles", {{"id", demo_->id("蒙H·31552")}, {"driver_id", demo_->id("erdun")}})
            .ok());
    // A new call from 宝力根嘎查 (伊和淖尔苏木) with no first contact yet.
    auto call = store_->Put("transports", {{"call_received_at", "2024-10-02 11:40"},
                                           {"pickup_gacha_id", demo_->id("baoligen")},
                                           {"destination_station_id", demo_->id("hospital")}});
    ASSERT_TRUE(call.ok()) << call.status().message();
    call_ = call.value();
    labels_ = std::make_unique<RecordLabels>(*store_, glyphs_);
  }

  GlyphSet glyphs_;
  std::unique_ptr<RecordLabels> labels_;
  std::string call_;
};

TEST_F(TransportFlowTest, PickingAVehicleFillsItsRegisteredDriver) {
  RecordForm leg(*FindTable("transport_legs"));
  leg.StartNew();
  leg.Field("vehicle_id")->text = demo_->id("蒙H·31552");
  FillFromPick(leg, *leg.table().Field("vehicle_id"), *labels_);
  EXPECT_EQ(leg.Field("driver_id")->text, demo_->id("erdun"));

  // A vehicle with no registered driver leaves the driver the clerk chose.
  leg.Field("driver_id")->text = demo_->id("urina");
  leg.Field("vehicle_id")->text = demo_->id("蒙H·77F19");
  FillFromPick(leg, *leg.table().Field("vehicle_id"), *labels_);
  EXPECT_EQ(leg.Field("driver_id")->text, demo_->id("urina"));
  // Picking the driver itself fills nothing else.
  leg.Field("vehicle_id")->text = demo_->id("蒙H·31552");
  FillFromPick(leg, *leg.table().Field("driver_id"), *labels_);
  EXPECT_EQ(leg.Field("driver_id")->text, demo_->id("urina"));
}

TEST_F(TransportFlowTest, AHandoffOpensTheAmbulancesLegFromTheMeetingPoint) {
  GlyphSet glyphs;
  RecordBrowser legs(*store_, *FindTable("transport_legs"), glyphs);
  const nlohmann::json handoff = {{"transport_id", call_},
                                  {"rendezvous_point_id", demo_->id("oboo")}};
  StartAmbulanceLeg(*store_, *labels_, legs, handoff);
  RecordForm& form = legs.form();
  ASSERT_TRUE(form.creating());
  EXPECT_EQ(form.Field("transport_id")->text, call_);
  // 伊和淖尔苏木 has no ambulance of its own: the banner's one is offered.
  EXPECT_EQ(form.Field("vehicle_id")->text, demo_->id("蒙H·120A1"));
  EXPECT_EQ(form.Field("from_place")->text, "宝力根敖包路口");
  EXPECT_EQ(form.Field("to_place")->text, "正镶白旗医院");
  EXPECT_EQ(form.asked(), "departed_at");
  EXPECT_TRUE(form.TakeAskedFocus());
  EXPECT_FALSE(form.TakeAskedFocus());  // the keyboard moves there once
}

TEST_F(TransportFlowTest, TheTownshipsOwnAvailableAmbulanceComesFirst) {
  auto own = store_->Put("vehicles", {{"plate", "蒙H·120B2"},
                                      {"owner_category", "ambulance"},
                                      {"phone", "13304790121"},
                                      {"township_id", demo_->id("yihe")},
                                      {"status", "available"}});
  ASSERT_TRUE(own.ok()) << own.status().message();
  GlyphSet glyphs;
  RecordBrowser legs(*store_, *FindTable("transport_legs"), glyphs);
  StartAmbulanceLeg(*store_, *labels_, legs, {{"transport_id", call_}});
  EXPECT_EQ(legs.form().Field("vehicle_id")->text, own.value());
  EXPECT_EQ(legs.form().Field("from_place")->text, "");  // no meeting point recorded
}

TEST_F(TransportFlowTest, AMissingFirstContactIsAskedForOnce) {
  GlyphSet glyphs;
  RecordBrowser transports(*store_, *FindTable("transports"), glyphs);
  ASSERT_TRUE(AskForFirstContact(transports, *labels_, call_));
  EXPECT_EQ(transports.selected_id(), call_);
  EXPECT_EQ(transports.form().asked(), "first_contact_at");
  // The stroke call's first contact is known.
  EXPECT_FALSE(AskForFirstContact(transports, *labels_, demo_->id("stroke")));
}

}  // namespace
}  // namespace relay::edge::ui
