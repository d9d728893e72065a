#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace relay {

// The rescue circle: first medical contact within 30 minutes in farming areas and one hour in
// pastoral areas (农村半小时、牧区1小时).
inline constexpr int64_t kFarmingTargetSeconds = 30 * 60;
inline constexpr int64_t kPastoralTargetSeconds = 60 * 60;

// How long each party waited at one handoff, and when care was handed over.
struct HandoffWaits {
  std::string handoff_id;
  std::optional<int64_t> carrier_wait_s;   // the vehicle bringing the patient waited this long
  std::optional<int64_t> receiver_wait_s;  // the receiving ambulance waited this long
  std::optional<int64_t> call_to_transfer_s;
};

// The intervals of one transport, in seconds, and whether it met its gacha's target.
struct TransportTimeline {
  std::optional<int64_t> call_to_first_contact_s;
  std::optional<int64_t> call_to_destination_s;
  std::vector<HandoffWaits> handoffs;
  std::optional<int64_t> target_s;  // unknown without the pickup gacha's area type
  std::optional<bool> met_target;   // unknown until first contact and target are known
};

// Computes a transport's timeline from the stored transport, its handoffs and its pickup
// gacha (records as LocalStore returns them; missing times leave their intervals unknown).
TransportTimeline ComputeTimeline(const nlohmann::json& transport,
                                  const std::vector<nlohmann::json>& handoffs,
                                  const std::optional<nlohmann::json>& pickup_gacha);

// A team's readiness: posts with both an A and a B holder, members whose training is in date.
struct TeamReadiness {
  int posts = 0;
  int posts_filled = 0;  // A and B both held
  int members = 0;
  int members_trained = 0;  // training_expires_on on or after today
};

// Counts readiness over a team's posts and members (archived ones left out); today is
// "YYYY-MM-DD" in the banner's local time.
TeamReadiness ComputeReadiness(const std::vector<nlohmann::json>& posts,
                               const std::vector<nlohmann::json>& members,
                               const std::string& today);

// Today's date in the banner's local time, "YYYY-MM-DD".
std::string BannerToday();

// Whether a leg keeps its vehicle busy: it has not arrived, and neither it nor its transport
// is archived and the transport is active (transport_state not "closed").
bool LegUnderWay(const nlohmann::json& leg, const nlohmann::json& transport);

// Vehicles with status "available", not archived and not on a leg under way (their ids in
// busy), counted per home gacha: keyed by the id of the gacha record (home_gacha_id), the
// empty key counting vehicles without one.
std::map<std::string, int> AvailableVehiclesByGacha(const std::vector<nlohmann::json>& vehicles,
                                                    const std::set<std::string>& busy = {});

}  // namespace relay
