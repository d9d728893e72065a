#include "relay/readiness.h"

#include "relay/clock.h"
#include "relay/schema.h"
#include "relay/validation.h"

namespace relay {
namespace {

std::optional<int64_t> TimeOf(const nlohmann::json& record, const char* field) {
  auto it = record.find(field);
  if (it == record.end() || !it->is_string()) return std::nullopt;
  return ParseTimeSeconds(it->get<std::string>());
}

std::optional<int64_t> Between(std::optional<int64_t> from, std::optional<int64_t> to) {
  if (!from || !to) return std::nullopt;
  return *to - *from;
}

std::string TextOf(const nlohmann::json& record, const char* field) {
  auto it = record.find(field);
  return (it != record.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

bool Archived(const nlohmann::json& record) {
  auto it = record.find(std::string(kArchivedField));
  return it != record.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

TransportTimeline ComputeTimeline(const nlohmann::json& transport,
                                  const std::vector<nlohmann::json>& handoffs,
                                  const std::optional<nlohmann::json>& pickup_gacha) {
  TransportTimeline timeline;
  const auto call = TimeOf(transport, "call_received_at");
  timeline.call_to_first_contact_s = Between(call, TimeOf(transport, "first_contact_at"));
  timeline.call_to_destination_s = Between(call, TimeOf(transport, "arrived_destination_at"));
  for (const auto& handoff : handoffs) {
    if (Archived(handoff)) continue;
    HandoffWaits waits;
    waits.handoff_id = TextOf(handoff, "id");
    const auto carrier = TimeOf(handoff, "carrier_arrived_at");
    const auto receiver = TimeOf(handoff, "receiver_arrived_at");
    // Whoever arrives first waits for the other; the later one does not wait.
    if (carrier && receiver) {
      waits.carrier_wait_s = std::max<int64_t>(0, *receiver - *carrier);
      waits.receiver_wait_s = std::max<int64_t>(0, *carrier - *receiver);
    }
    waits.call_to_transfer_s = Between(call, TimeOf(handoff, "transfer_at"));
    timeline.handoffs.push_back(std::move(waits));
  }
  if (pickup_gacha) {
    const std::string area = TextOf(*pickup_gacha, "area_type");
    if (area == "farming") timeline.target_s = kFarmingTargetSeconds;
    if (area == "pastoral") timeline.target_s = kPastoralTargetSeconds;
  }
  if (timeline.target_s && timeline.call_to_first_contact_s) {
    timeline.met_target = *timeline.call_to_first_contact_s <= *timeline.target_s;
  }
  return timeline;
}

TeamReadiness ComputeReadiness(const std::vector<nlohmann::json>& posts,
                               const std::vector<nlohmann::json>& members,
                               const std::string& today) {
  TeamReadiness readiness;
  for (const auto& post : posts) {
    if (Archived(post)) continue;
    ++readiness.posts;
    if (!TextOf(post, "holder_a_id").empty() && !TextOf(post, "holder_b_id").empty()) {
      ++readiness.posts_filled;
    }
  }
  for (const auto& member : members) {
    if (Archived(member)) continue;
    ++readiness.members;
    const std::string expires = TextOf(member, "training_expires_on");
    if (!expires.empty() && expires >= today) ++readiness.members_trained;
  }
  return readiness;
}

std::string BannerToday() {
  SystemClock clock;
  const int64_t local_seconds = clock.NowMs() / 1000 + kBannerUtcOffsetMinutes * 60;
  return FormatUtcTime(local_seconds).substr(0, 10);
}

bool LegUnderWay(const nlohmann::json& leg, const nlohmann::json& transport) {
  return TextOf(leg, "arrived_at").empty() && !Archived(leg) && !Archived(transport) &&
         TextOf(transport, "transport_state") != "closed";
}

std::map<std::string, int> AvailableVehiclesByGacha(const std::vector<nlohmann::json>& vehicles,
                                                    const std::set<std::string>& busy) {
  std::map<std::string, int> available;
  for (const auto& vehicle : vehicles) {
    if (!Archived(vehicle) && TextOf(vehicle, "status") == "available" &&
        !busy.count(TextOf(vehicle, "id"))) {
      ++available[TextOf(vehicle, "home_gacha_id")];
    }
  }
  return available;
}

}  // namespace relay
