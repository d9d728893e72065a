// The planner as the transport form and the Planning screen use it (AppModel, PlanningModel),
// on the hand-made network of tests/unit/handoff_planner_test.cpp cut down to G1, G2, R1, S1.
#include <gtest/gtest.h>

#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_worker.h"
#include "temp_dir.h"
#include "ui/model/app_model.h"

namespace relay::edge::ui {
namespace {

// 2024-06-01 10:00 in the banner (02:00 UTC): good conditions.
constexpr int64_t kJuneMorningMs = 1'717'207'200'000;

class PlanningModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = LocalStore::Open(dir_.File("edge.db"), clock_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    const std::string township =
        Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
    g1_ = Put("gachas", {{"township_id", township},
                         {"name", "额日和图嘎查"},
                         {"area_type", "farming"},
                         {"location", "42.30,115.00"}});
    g2_ = Put("gachas",
              {{"township_id", township}, {"name", "巴音查干嘎查"}, {"area_type", "pastoral"}});
    r1_ = Put("rendezvous_points",
              {{"gacha_id", g1_}, {"name", "S105 路口"}, {"location", "42.25,115.05"}});
    s1_ = Put("stations", {{"name", "明安图镇中心卫生院急救站"},
                           {"station_kind", "township_station"},
                           {"ambulances", 1},
                           {"location", "42.20,115.10"}});
    Put("roads", {{"from_station_id", s1_},
                  {"to_rendezvous_point_id", r1_},
                  {"minutes_good", 20},
                  {"minutes_winter", 30},
                  {"two_wd_passable", true}});
    Put("roads", {{"from_rendezvous_point_id", r1_},
                  {"to_gacha_id", g1_},
                  {"minutes_good", 10},
                  {"minutes_winter", 15},
                  {"two_wd_passable", true}});
    Put("roads", {{"from_station_id", s1_},
                  {"to_gacha_id", g2_},
                  {"minutes_good", 15},
                  {"minutes_winter", 25}});
    driver_ = Put("volunteers", {{"name", "其木格"}, {"phone", "13947900001"}});
    v1_ = Put("vehicles", {{"plate", "蒙H12345"},
                           {"owner_category", "gacha_committee"},
                           {"phone", "13947900001"},
                           {"home_gacha_id", g1_},
                           {"driver_id", driver_},
                           {"status", "available"}});
  }

  std::string Put(const std::string& table, const nlohmann::json& fields) {
    auto id = store_->Put(table, fields);
    EXPECT_TRUE(id.ok()) << table << ": " << id.status().message();
    return id.ok() ? id.value() : "";
  }

  // A new transport's form, called in at 10:00 from gacha.
  void NewCall(AppModel& model, const std::string& gacha) {
    RecordBrowser& transports = model.browser("transports");
    transports.StartNew();
    transports.form().Field("call_received_at")->text = "2024-06-01 10:00";
    transports.form().Field("pickup_gacha_id")->text = gacha;
  }

  testing::TempDir dir_;
  ManualClock clock_{kJuneMorningMs};
  std::unique_ptr<LocalStore> store_;
  std::string g1_, g2_, r1_, s1_, driver_, v1_;
};

TEST_F(PlanningModelTest, TheFormsOptionsNameTheCarItsDriverAndTheMeetingPoint) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  EXPECT_EQ(model.planning().season(), planning::Season::kGood);  // June
  const auto& options = model.call_options(g1_);
  ASSERT_TRUE(options.ok()) << options.status().message();
  ASSERT_EQ(options.value().size(), 2u);
  const PlannedOption& car = options.value()[0];
  EXPECT_EQ(car.vehicle_id, v1_);
  EXPECT_EQ(car.driver_name, "其木格");
  EXPECT_EQ(car.phone, "13947900001");
  EXPECT_EQ(car.rendezvous_point_name, "S105 路口");
  EXPECT_EQ(car.minutes_to_first_contact, 23);
  EXPECT_TRUE(car.meets_target);
  EXPECT_TRUE(options.value()[1].vehicle_id.empty());
  EXPECT_EQ(options.value()[1].minutes_to_first_contact, 33);

  // Left running into November, the laptop turns to winter minutes by itself.
  clock_.Set(kJuneMorningMs + int64_t{160} * 24 * 3600 * 1000);
  EXPECT_EQ(model.call_options(g1_).value()[0].minutes_to_first_contact, 33);  // 3 + 30
  EXPECT_EQ(model.planning().season(), planning::Season::kWinter);
  // A season switched to by hand stays.
  model.planning().set_season(planning::Season::kGood);
  EXPECT_EQ(model.call_options(g1_).value()[0].minutes_to_first_contact, 23);
}

TEST_F(PlanningModelTest, ChoosingAnOptionRecordsThePlannedHandoffAndTheCarsLeg) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  NewCall(model, g1_);
  const PlannedOption car = model.call_options(g1_).value()[0];
  ASSERT_TRUE(model.ChooseHandoff(car)) << model.plan_error();

  const std::string transport = model.browser("transports").selected_id();
  ASSERT_FALSE(transport.empty());  // the call was saved first
  auto handoffs = store_->ListWhere("handoffs", "transport_id", transport);
  ASSERT_TRUE(handoffs.ok());
  ASSERT_EQ(handoffs.value().size(), 1u);
  EXPECT_EQ(handoffs.value()[0]["rendezvous_point_id"], r1_);
  EXPECT_EQ(handoffs.value()[0]["planned_at"], "2024-06-01T02:23:00Z");  // the call + 23 min
  auto legs = store_->ListWhere("transport_legs", "transport_id", transport);
  ASSERT_TRUE(legs.ok());
  ASSERT_EQ(legs.value().size(), 1u);
  EXPECT_EQ(legs.value()[0]["vehicle_id"], v1_);
  EXPECT_EQ(legs.value()[0]["driver_id"], driver_);
  EXPECT_EQ(legs.value()[0]["from_place"], "额日和图嘎查");
  EXPECT_EQ(legs.value()[0]["to_place"], "S105 路口");
  // The leg is open, asking when the car was sent; the phone stays in view for the call.
  const RecordBrowser& leg_form = model.browser("transport_legs");
  EXPECT_EQ(leg_form.selected_id(), legs.value()[0]["id"]);
  EXPECT_EQ(leg_form.form().asked(), "dispatched_at");
  ASSERT_TRUE(model.chosen_handoff().has_value());
  EXPECT_EQ(model.chosen_handoff()->transport_id, transport);
}

TEST_F(PlanningModelTest, ACarAlreadyOutIsNotOfferedAndAStaleChoiceOfItIsRefused) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  NewCall(model, g1_);
  const PlannedOption car = model.call_options(g1_).value()[0];
  ASSERT_TRUE(model.ChooseHandoff(car));
  // The car is no longer offered once it is out.
  for (const PlannedOption& option : model.call_options(g1_).value())
    EXPECT_NE(option.vehicle_id, v1_);
  // An option chosen from a list made before (a sync brought the car's other transport
  // meanwhile) is refused: the call stays saved, nothing else is, and it stays to be planned.
  NewCall(model, g1_);
  EXPECT_FALSE(model.ChooseHandoff(car));
  EXPECT_NE(model.plan_error().find("vehicle_id"), std::string::npos) << model.plan_error();
  const std::string second = model.browser("transports").selected_id();
  EXPECT_EQ(model.unplanned_transport(), second);
  auto handoffs = store_->ListWhere("handoffs", "transport_id", second);
  ASSERT_TRUE(handoffs.ok());
  EXPECT_TRUE(handoffs.value().empty());
  auto legs = store_->ListWhere("transport_legs", "transport_id", second);
  ASSERT_TRUE(legs.ok());
  EXPECT_TRUE(legs.value().empty());
  // The ambulance alone, now the only option, arranges nothing.
  const auto& left = model.call_options(g1_);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left.value().size(), 1u);
  EXPECT_TRUE(left.value()[0].vehicle_id.empty());
  EXPECT_FALSE(model.ChooseHandoff(left.value()[0]));
}

TEST_F(PlanningModelTest, TheCoverageMapPlacesWhatHasALocationAndListsTheRest) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  const auto& coverage = model.coverage();
  ASSERT_TRUE(coverage.ok()) << coverage.status().message();
  EXPECT_EQ(coverage.value().gachas, 2u);
  EXPECT_EQ(coverage.value().spots.size(), 3u);  // G1, R1, S1
  EXPECT_EQ(coverage.value().unplaced, std::vector<std::string>{"巴音查干嘎查"});
  EXPECT_EQ(coverage.value().roads.size(), 2u);  // S1–R1 and R1–G1; S1–G2 has no end on the map
  EXPECT_TRUE(coverage.value().outside.empty());  // G1 by the car at 23, G2 by the ambulance
}

}  // namespace
}  // namespace relay::edge::ui
