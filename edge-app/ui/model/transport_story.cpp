#include "ui/model/transport_story.h"

#include <algorithm>
#include <optional>

#include "relay/schema.h"
#include "relay/validation.h"
#include "ui/model/record_fields.h"

namespace relay::edge::ui {
namespace {

// "from → to" in the translations' words, so the font has every character of it.
std::string Arrow(const std::string& from, const std::string& to, const Translations& tr) {
  if (from.empty() || to.empty()) return from + to;
  return tr.Format("timeline.route", {{"from", from}, {"to", to}});
}

std::string Joined(const std::string& first, const std::string& second) {
  if (first.empty() || second.empty()) return first + second;
  return first + " · " + second;
}

class StepList {
 public:
  void Add(const nlohmann::json& record, const char* field, std::string what, std::string detail) {
    const auto at = ParseTimeSeconds(FieldText(record, field));
    if (at) steps_.push_back({*at, std::move(what), std::move(detail)});
  }
  std::vector<TimelineStep> Sorted() && {
    std::stable_sort(steps_.begin(), steps_.end(),
                     [](const TimelineStep& a, const TimelineStep& b) { return a.at_s < b.at_s; });
    return std::move(steps_);
  }

 private:
  std::vector<TimelineStep> steps_;
};

std::vector<nlohmann::json> Current(std::vector<nlohmann::json> records) {
  records.erase(std::remove_if(records.begin(), records.end(), IsArchived), records.end());
  return records;
}

}  // namespace

Result<TransportStory> LoadTransportStory(LocalStore& store, RecordLabels& labels,
                                          const Translations& tr, const std::string& transport_id) {
  auto transport = store.Get("transports", transport_id);
  if (!transport.ok()) return transport.status();
  auto legs = store.ListWhere("transport_legs", "transport_id", transport_id);
  if (!legs.ok()) return legs.status();
  auto handoffs = store.ListWhere("handoffs", "transport_id", transport_id);
  if (!handoffs.ok()) return handoffs.status();
  const nlohmann::json& call = transport.value();
  std::optional<nlohmann::json> gacha;
  if (const std::string gacha_id = FieldText(call, "pickup_gacha_id"); !gacha_id.empty()) {
    if (const nlohmann::json* found = labels.Find("gachas", gacha_id)) gacha = *found;
  }

  StepList steps;
  const std::string complaint = FieldText(call, "complaint_code");
  steps.Add(call, "call_received_at", "call",
            Joined(FieldText(call, "caller_name"),
                   complaint.empty() ? "" : tr("choice.complaint_code." + complaint)));
  steps.Add(call, "first_contact_at", "first_contact", "");
  steps.Add(call, "arrived_destination_at", "arrived_destination",
            labels.Label("stations", FieldText(call, "destination_station_id"), tr));
  for (const auto& leg : Current(std::move(legs).value())) {
    const std::string vehicle = labels.Label("vehicles", FieldText(leg, "vehicle_id"), tr);
    const std::string route = Arrow(FieldText(leg, "from_place"), FieldText(leg, "to_place"), tr);
    steps.Add(leg, "dispatched_at", "dispatched", Joined(vehicle, route));
    steps.Add(leg, "departed_at", "departed", Joined(vehicle, route));
    steps.Add(leg, "arrived_at", "leg_arrived", Joined(vehicle, FieldText(leg, "to_place")));
  }

  TransportStory story;
  const std::vector<nlohmann::json> current_handoffs = Current(std::move(handoffs).value());
  for (const auto& handoff : current_handoffs) {
    const std::string place =
        labels.Label("rendezvous_points", FieldText(handoff, "rendezvous_point_id"), tr);
    steps.Add(handoff, "carrier_arrived_at", "carrier_arrived", place);
    steps.Add(handoff, "receiver_arrived_at", "receiver_arrived", place);
    steps.Add(handoff, "transfer_at", "transfer",
              Joined(place, Arrow(FieldText(handoff, "giving_person"),
                                  FieldText(handoff, "receiving_person"), tr)));
  }
  story.intervals = ComputeTimeline(call, current_handoffs, gacha);
  for (size_t i = 0; i < current_handoffs.size(); ++i) {
    story.handoffs.push_back(
        {labels.Label("rendezvous_points", FieldText(current_handoffs[i], "rendezvous_point_id"),
                      tr),
         story.intervals.handoffs[i]});
  }
  story.steps = std::move(steps).Sorted();
  return story;
}

}  // namespace relay::edge::ui
