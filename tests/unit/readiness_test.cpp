// Intervals, targets and readiness against hand-worked examples.
#include "relay/readiness.h"

#include <gtest/gtest.h>

namespace relay {
namespace {

const nlohmann::json kPastoralGacha = {{"id", "g"}, {"area_type", "pastoral"}};
const nlohmann::json kFarmingGacha = {{"id", "g"}, {"area_type", "farming"}};

// Call 10:00 Beijing time (02:00Z); first contact 10:42; at the hospital 11:35.
const nlohmann::json kTransport = {{"id", "t"},
                                   {"call_received_at", "2024-05-01T02:00:00Z"},
                                   {"first_contact_at", "2024-05-01T02:42:00Z"},
                                   {"arrived_destination_at", "2024-05-01T03:35:00Z"}};

TEST(Timeline, HandWorkedPastoralTransportMeetsItsHour) {
  // The volunteer car reached the S105 junction at 10:31, the ambulance at 10:39, and the
  // patient changed vehicles at 10:42.
  const nlohmann::json handoff = {{"id", "h"},
                                  {"carrier_arrived_at", "2024-05-01T02:31:00Z"},
                                  {"receiver_arrived_at", "2024-05-01T02:39:00Z"},
                                  {"transfer_at", "2024-05-01T02:42:00Z"}};
  const auto timeline = ComputeTimeline(kTransport, {handoff}, kPastoralGacha);
  EXPECT_EQ(timeline.call_to_first_contact_s, 42 * 60);
  EXPECT_EQ(timeline.call_to_destination_s, 95 * 60);
  ASSERT_EQ(timeline.handoffs.size(), 1u);
  EXPECT_EQ(timeline.handoffs[0].carrier_wait_s, 8 * 60);  // the car waited 8 minutes
  EXPECT_EQ(timeline.handoffs[0].receiver_wait_s, 0);
  EXPECT_EQ(timeline.handoffs[0].call_to_transfer_s, 42 * 60);
  EXPECT_EQ(timeline.target_s, 3600);
  EXPECT_EQ(timeline.met_target, true);
}

TEST(Timeline, TheSameTransportMissesTheFarmingHalfHour) {
  const auto timeline = ComputeTimeline(kTransport, {}, kFarmingGacha);
  EXPECT_EQ(timeline.target_s, 1800);
  EXPECT_EQ(timeline.met_target, false);  // 42 minutes > 30
}

TEST(Timeline, ExactlyOnTheTargetCounts) {
  auto transport = kTransport;
  transport["first_contact_at"] = "2024-05-01T02:30:00Z";
  EXPECT_EQ(ComputeTimeline(transport, {}, kFarmingGacha).met_target, true);
}

TEST(Timeline, TheAmbulanceWaitsWhenItArrivesFirst) {
  const nlohmann::json handoff = {{"id", "h"},
                                  {"carrier_arrived_at", "2024-05-01T02:50:00Z"},
                                  {"receiver_arrived_at", "2024-05-01T02:35:30Z"}};
  const auto waits = ComputeTimeline(kTransport, {handoff}, kFarmingGacha).handoffs.at(0);
  EXPECT_EQ(waits.receiver_wait_s, 14 * 60 + 30);
  EXPECT_EQ(waits.carrier_wait_s, 0);
  EXPECT_FALSE(waits.call_to_transfer_s.has_value());
}

TEST(Timeline, MissingTimesLeaveIntervalsUnknown) {
  const nlohmann::json open = {{"id", "t"}, {"call_received_at", "2024-05-01T02:00:00Z"}};
  const auto timeline = ComputeTimeline(open, {}, std::nullopt);
  EXPECT_FALSE(timeline.call_to_first_contact_s.has_value());
  EXPECT_FALSE(timeline.target_s.has_value());
  EXPECT_FALSE(timeline.met_target.has_value());
}

TEST(Readiness, CountsFilledPostsAndMembersInDate) {
  const std::vector<nlohmann::json> posts = {
      {{"holder_a_id", "m1"}, {"holder_b_id", "m2"}},
      {{"holder_a_id", "m3"}},                                             // no B
      {{"holder_a_id", "m1"}, {"holder_b_id", "m3"}, {"archived", true}},  // not counted
  };
  const std::vector<nlohmann::json> members = {
      {{"training_expires_on", "2024-12-31"}},
      {{"training_expires_on", "2024-06-01"}},  // expires today: still in date
      {{"training_expires_on", "2024-05-31"}},
      {{"name", "never trained"}},
  };
  const auto readiness = ComputeReadiness(posts, members, "2024-06-01");
  EXPECT_EQ(readiness.posts, 2);
  EXPECT_EQ(readiness.posts_filled, 1);
  EXPECT_EQ(readiness.members, 4);
  EXPECT_EQ(readiness.members_trained, 2);
}

TEST(Readiness, AvailableVehiclesPerGachaId) {
  // Two gachas' records by id; their names play no part in the grouping.
  const std::string erihetu = "018cc251-f416-77f7-8bed-01486ea90aad";
  const std::string bayinchagan = "018cc251-f417-7a2c-9d03-5b1e8c4f2a61";
  const std::vector<nlohmann::json> vehicles = {
      {{"home_gacha_id", erihetu}, {"status", "available"}},
      {{"home_gacha_id", erihetu}, {"status", "available"}},
      {{"home_gacha_id", erihetu}, {"status", "on_task"}},
      {{"home_gacha_id", bayinchagan}, {"status", "available"}, {"archived", true}},
      {{"home_gacha_id", bayinchagan}, {"status", "unavailable"}},
      {{"status", "available"}},
      {{"home_gacha_id", nullptr}, {"status", "available"}},
  };
  EXPECT_EQ(AvailableVehiclesByGacha(vehicles),
            (std::map<std::string, int>{{erihetu, 2}, {"", 2}}));
}

TEST(Readiness, AVehicleOnALegUnderWayIsNotAvailable) {
  const std::vector<nlohmann::json> vehicles = {
      {{"id", "v1"}, {"home_gacha_id", "g"}, {"status", "available"}},
      {{"id", "v2"}, {"home_gacha_id", "g"}, {"status", "available"}},
  };
  EXPECT_EQ(AvailableVehiclesByGacha(vehicles, {"v2"}), (std::map<std::string, int>{{"g", 1}}));
}

TEST(Readiness, ALegIsUnderWayUntilItArrivesOrItsTransportCloses) {
  const nlohmann::json active = {{"transport_state", "active"}};
  const nlohmann::json leg = {{"vehicle_id", "v1"}};
  EXPECT_TRUE(LegUnderWay(leg, active));
  EXPECT_FALSE(LegUnderWay({{"vehicle_id", "v1"}, {"arrived_at", "2024-05-01T02:20:00Z"}}, active));
  EXPECT_FALSE(LegUnderWay({{"vehicle_id", "v1"}, {"archived", true}}, active));
  EXPECT_FALSE(LegUnderWay(leg, {{"transport_state", "closed"}}));
  EXPECT_FALSE(LegUnderWay(leg, {{"transport_state", "active"}, {"archived", true}}));
}

}  // namespace
}  // namespace relay
