// The handoff planner on a hand-made network whose answers are worked out below.
//
//        G2 (pastoral) ──15/25 (4WD)── S1 ──20/30── R1 ──10/15── G1 (farming)
//          └──────────30/45──────────────────────────┘│            │
//                                                     └─15/25 (4WD)┤ G4 (farming)
//                                                                  └──25/40── G1
//   G3 (farming): no road.      minutes good/winter; (4WD): two-wheel drive cannot pass
#include <gtest/gtest.h>

#include "relay/planning/coverage.h"
#include "relay/planning/handoff_planner.h"

namespace relay::planning {
namespace {

constexpr size_t kG1 = 0, kG2 = 1, kG3 = 2, kG4 = 3, kR1 = 4, kS1 = 5;

std::vector<Place> Places() {
  return {{"g1", Place::Kind::kGacha, "G1", 30, {}},
          {"g2", Place::Kind::kGacha, "G2", 60, {}},
          {"g3", Place::Kind::kGacha, "G3", 30, {}},
          {"g4", Place::Kind::kGacha, "G4", 30, {}},
          {"r1", Place::Kind::kRendezvousPoint, "R1", 0, {}},
          {"s1", Place::Kind::kStation, "S1", 0, {}}};
}

std::vector<Road> Roads() {
  return {{"s1-r1", "s1", "r1", 20, 30, true},  {"r1-g1", "r1", "g1", 10, 15, true},
          {"s1-g2", "s1", "g2", 15, 25, false}, {"g2-r1", "g2", "r1", 30, 45, true},
          {"g4-r1", "g4", "r1", 15, 25, false}, {"g4-g1", "g4", "g1", 25, 40, true}};
}

VolunteerVehicle Car(std::string id, size_t home, Drive drive, bool medical, bool available) {
  VolunteerVehicle vehicle;
  vehicle.id = std::move(id);
  vehicle.home = home;
  vehicle.drive = drive;
  vehicle.medical = medical;
  vehicle.available = available;
  return vehicle;
}

Fleet TheFleet() {
  Fleet fleet;
  fleet.stations = {{"s1", kS1}};
  fleet.vehicles = {Car("v1", kG1, Drive::kTwoWheel, false, true),
                    Car("v2", kG2, Drive::kTwoWheel, false, true),
                    Car("v3", kG2, Drive::kFourWheel, true, false)};
  return fleet;
}

const PlanningAssumptions kAssumed{/*volunteer_start=*/5, /*ambulance_start=*/3, /*transfer=*/5};

class HandoffPlannerTest : public ::testing::Test {
 protected:
  RoadNetwork network_{Places(), Roads()};
  Fleet fleet_ = TheFleet();
};

TEST_F(HandoffPlannerTest, ShortestMinutesFollowTheSeasonAndKeepTwoWheelDriveOffTracks) {
  const auto good = network_.MinutesFrom(kS1, Season::kGood, Drive::kFourWheel);
  EXPECT_EQ(good[kG1], 30);  // S1–R1–G1
  EXPECT_EQ(good[kG4], 35);  // S1–R1–G4
  EXPECT_EQ(good[kG2], 15);
  EXPECT_EQ(good[kG3], kNoRoute);
  const auto winter = network_.MinutesFrom(kS1, Season::kWinter, Drive::kFourWheel);
  EXPECT_EQ(winter[kG1], 45);
  const auto two_wheel = network_.MinutesFrom(kS1, Season::kGood, Drive::kTwoWheel);
  EXPECT_EQ(two_wheel[kG2], 50);  // not the 4WD road: S1–R1–G2
  EXPECT_EQ(two_wheel[kG4], 55);  // S1–R1–G1–G4
}

TEST_F(HandoffPlannerTest, AHandoffBeatsTheAmbulanceGoingAllTheWay) {
  const HandoffPlanner planner(network_, fleet_, Season::kGood, kAssumed);
  const auto options = planner.Options(kG1);
  // v2 (two-wheel drive) would go round by R1: at G1 at 5 + 40, back at R1 at 55, at S1 at
  // 80 — later on both counts than the ambulance alone, so it is not offered.
  ASSERT_EQ(options.size(), 2u);
  // v1 leaves G1 at 5, is at R1 at 15; the ambulance is there at 3 + 20 = 23; care starts at
  // 23, the patient is moved by 28 and at S1 at 48.
  EXPECT_EQ(options[0].vehicle, 0u);
  EXPECT_EQ(options[0].rendezvous, kR1);
  EXPECT_EQ(options[0].minutes_to_first_contact, 23);
  EXPECT_EQ(options[0].minutes_to_meeting, 23);
  EXPECT_EQ(options[0].minutes_to_destination, 48);
  EXPECT_TRUE(options[0].meets_target());
  // The ambulance alone: 3 + 30 = 33 at the patient, outside the farming target; 63 at S1.
  EXPECT_FALSE(options[1].vehicle.has_value());
  EXPECT_EQ(options[1].minutes_to_first_contact, 33);
  EXPECT_EQ(options[1].minutes_to_destination, 63);
  EXPECT_FALSE(options[1].meets_target());
  EXPECT_EQ(options[1].target_minutes, 30);
}

TEST_F(HandoffPlannerTest, TheAmbulanceAloneWinsWhenTheCarWouldOnlyAddADetour) {
  const HandoffPlanner planner(network_, fleet_, Season::kGood, kAssumed);
  const auto options = planner.Options(kG2);
  ASSERT_FALSE(options.empty());
  // The ambulance: 3 + 15 = 18, back at S1 at 33. v2 from G2 would meet it at R1 at 35 and
  // be at S1 at 60: later on both counts, so the ambulance alone is the only option.
  ASSERT_EQ(options.size(), 1u);
  EXPECT_FALSE(options[0].vehicle.has_value());
  EXPECT_EQ(options[0].minutes_to_first_contact, 18);
  EXPECT_EQ(options[0].minutes_to_destination, 33);
}

TEST_F(HandoffPlannerTest, AGachaDoctorsCarBringsCareAtPickupAndCountsOnlyWhenAvailable) {
  const HandoffPlanner planner(network_, fleet_, Season::kGood, kAssumed);
  CallRequest every_vehicle;
  every_vehicle.available_only = false;
  const auto options = planner.Options(kG2, every_vehicle);
  ASSERT_FALSE(options.empty());
  EXPECT_EQ(options[0].vehicle, 2u);  // v3, a doctor's car at G2: care at 5
  EXPECT_EQ(options[0].minutes_to_first_contact, 5);
  EXPECT_EQ(options[0].minutes_to_destination, 60);  // meets the ambulance at R1 at 35
  for (const auto& option : planner.Options(kG2))
    EXPECT_NE(option.vehicle, 2u);
}

TEST_F(HandoffPlannerTest, AShortListKeepsTheAmbulanceAloneAsItsLastLine) {
  Fleet fleet = TheFleet();
  for (int i = 0; i < 6; ++i)  // doctors' cars at G1: care at 5, each sooner than the ambulance
    fleet.vehicles.push_back(Car("d" + std::to_string(i), kG1, Drive::kFourWheel, true, true));
  const HandoffPlanner planner(network_, fleet, Season::kGood, kAssumed);
  const auto five = planner.Options(kG1);
  ASSERT_EQ(five.size(), 5u);
  for (size_t i = 0; i < 4; ++i)
    EXPECT_EQ(five[i].minutes_to_first_contact, 5);
  EXPECT_FALSE(five[4].vehicle.has_value());  // the yardstick, though six cars were sooner
  CallRequest one;
  one.limit = 1;
  const auto best = planner.Options(kG1, one);
  ASSERT_EQ(best.size(), 1u);
  EXPECT_EQ(best[0].minutes_to_first_contact, 5);
}

TEST_F(HandoffPlannerTest, WinterMinutesAndAnotherDestination) {
  const HandoffPlanner planner(network_, fleet_, Season::kWinter, kAssumed);
  const auto options = planner.Options(kG1);
  ASSERT_GE(options.size(), 2u);
  // v1: at R1 at 5 + 15 = 20, the ambulance at 3 + 30 = 33: care at 33, at S1 at 68.
  EXPECT_EQ(options[0].vehicle, 0u);
  EXPECT_EQ(options[0].minutes_to_first_contact, 33);
  EXPECT_EQ(options[0].minutes_to_destination, 68);
  EXPECT_EQ(options[1].minutes_to_first_contact, 48);  // the ambulance alone, 3 + 45
  CallRequest to_g2;  // any place can be asked for; here G2, 45 minutes from R1 in winter
  to_g2.destination = kG2;
  const auto elsewhere = planner.Options(kG1, to_g2);
  EXPECT_EQ(elsewhere[0].destination, kG2);
  EXPECT_EQ(elsewhere[0].minutes_to_destination, 33 + 5 + 45);
}

TEST_F(HandoffPlannerTest, NoRouteMeansNoOptionsNeverAGuess) {
  const HandoffPlanner planner(network_, fleet_, Season::kGood, kAssumed);
  EXPECT_TRUE(planner.Options(kG3).empty());
}

TEST_F(HandoffPlannerTest, ATwoWheelDriveCarWithoutAPassableRoadIsNoOption) {
  std::vector<Road> roads = Roads();
  roads.erase(roads.begin() + 3);  // g2-r1: now G2 is reached by the 4WD road only
  const RoadNetwork network(Places(), roads);
  const HandoffPlanner planner(network, fleet_, Season::kGood, kAssumed);
  for (const auto& option : planner.Options(kG2))
    EXPECT_NE(option.vehicle, 1u);
  for (const auto& option : planner.Options(kG1))
    EXPECT_NE(option.vehicle, 1u);
}

TEST_F(HandoffPlannerTest, BadRoadsAreLeftOutAndNamedWithTheFieldAndRule) {
  std::vector<Road> roads = Roads();
  roads.push_back({"to-nowhere", "g1", "elsewhere", 10, 10, true});
  roads.push_back({"loop", "g1", "g1", 10, 10, true});
  roads.push_back({"zero", "g1", "g2", 0, 10, true});
  roads.push_back({"absurd", "g1", "g2", 10, 100000, true});
  const RoadNetwork network(Places(), roads);
  ASSERT_EQ(network.problems().size(), 4u);
  EXPECT_EQ(network.problems()[0].road_id, "to-nowhere");
  EXPECT_EQ(network.problems()[0].error.ToString(), "to: no place has id elsewhere (road_ends)");
  EXPECT_EQ(network.problems()[1].error.rule, "road_ends");
  EXPECT_EQ(network.problems()[2].error.field, "minutes_good");
  EXPECT_EQ(network.problems()[3].error.field, "minutes_winter");
  EXPECT_EQ(network.links().size(), Roads().size());
}

TEST_F(HandoffPlannerTest, CoverageListsEveryGachaAndRecommendsWhatBringsCallsInside) {
  std::vector<int> calls(Places().size(), 0);
  calls[kG1] = 10;
  calls[kG2] = 4;
  calls[kG4] = 7;
  const CoverageReport report = AssessCoverage(network_, fleet_, calls, Season::kGood, 5, kAssumed);
  ASSERT_EQ(report.gachas.size(), 4u);
  EXPECT_EQ(report.gachas[kG1].best_minutes, 23);
  EXPECT_TRUE(report.gachas[kG1].meets_target());
  EXPECT_EQ(report.gachas[kG2].best_minutes, 18);     // the ambulance
  EXPECT_EQ(report.gachas[kG2].best_minutes_all, 5);  // with v3, a doctor's car
  EXPECT_EQ(report.gachas[kG3].best_minutes, kNoRoute);
  EXPECT_FALSE(report.gachas[kG3].meets_target());
  EXPECT_EQ(report.gachas[kG4].best_minutes, 38);  // the ambulance: 3 + 35
  EXPECT_FALSE(report.gachas[kG4].meets_target());
  // A four-wheel-drive car at G4 takes its patient down the track to R1 by 20 and meets the
  // ambulance there at 23: G4's 7 calls come inside. Nothing brings G3 (no road) inside.
  ASSERT_EQ(report.recommendations.size(), 1u);
  EXPECT_EQ(report.recommendations[0].kind, Recommendation::Kind::kVehicle);
  EXPECT_EQ(report.recommendations[0].near_gacha, kG4);
  EXPECT_EQ(report.recommendations[0].gain_calls, 7);
  EXPECT_EQ(report.recommendations[0].gachas_brought_inside, std::vector<size_t>{kG4});
}

TEST_F(HandoffPlannerTest, ARendezvousPointIsRecommendedWhereACarCouldMeetTheAmbulanceSooner) {
  // G5 (farming) is 20 minutes from G6 (pastoral), which is 12 from S1. The ambulance reaches
  // G5 at 3 + 12 + 20 = 35, outside the target; v5 at G5 cannot meet it at R1 in time
  // (G5–G6–S1–R1 is 52). A meeting point at G6: v5 is there at 5 + 20 = 25, the ambulance at
  // 15, so care reaches G5's patients at 25.
  std::vector<Place> places = Places();
  constexpr size_t kG5 = 6, kG6 = 7;
  places.push_back({"g5", Place::Kind::kGacha, "G5", 30, {}});
  places.push_back({"g6", Place::Kind::kGacha, "G6", 60, {}});
  std::vector<Road> roads = Roads();
  roads.push_back({"g5-g6", "g5", "g6", 20, 30, true});
  roads.push_back({"g6-s1", "g6", "s1", 12, 20, true});
  const RoadNetwork network(places, roads);
  Fleet fleet = TheFleet();
  fleet.vehicles.push_back(Car("v5", kG5, Drive::kTwoWheel, false, true));
  std::vector<int> calls(places.size(), 0);
  calls[kG5] = 3;
  const CoverageReport report = AssessCoverage(network, fleet, calls, Season::kGood, 5, kAssumed);
  EXPECT_EQ(report.gachas[kG5 - 2].best_minutes, 35);  // gachas are listed without R1 and S1
  ASSERT_EQ(report.recommendations.size(), 1u);
  EXPECT_EQ(report.recommendations[0].kind, Recommendation::Kind::kRendezvousPoint);
  EXPECT_EQ(report.recommendations[0].near_gacha, kG6);
  EXPECT_EQ(report.recommendations[0].gain_calls, 3);
  EXPECT_EQ(report.recommendations[0].gachas_brought_inside, std::vector<size_t>{kG5});
}

}  // namespace
}  // namespace relay::planning
