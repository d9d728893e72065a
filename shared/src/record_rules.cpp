#include "relay/record_rules.h"

namespace relay {
namespace {

// The text of a set field, or "" when it is absent or null.
std::string TextOf(const nlohmann::json& record, const std::string& field) {
  auto it = record.find(field);
  return (it != record.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

bool Archived(const nlohmann::json& record) {
  auto it = record.find(std::string(kArchivedField));
  return it != record.end() && it->is_boolean() && it->get<bool>();
}

class TimesInOrderRule final : public RecordRule {
 public:
  explicit TimesInOrderRule(std::vector<std::string> fields) : fields_(std::move(fields)) {}
  std::optional<FieldError> Check(const nlohmann::json& record, RecordLookup&) const override {
    std::string previous_field;
    std::string previous;
    for (const auto& field : fields_) {
      const std::string time = TextOf(record, field);
      if (time.empty()) continue;
      // Canonical UTC times compare correctly as text.
      if (!previous.empty() && time < previous) {
        return FieldError{field, "time_order",
                          "must not be before " + previous_field + " (" + previous + ")",
                          previous_field};
      }
      previous_field = field;
      previous = time;
    }
    return std::nullopt;
  }

 private:
  std::vector<std::string> fields_;
};

class DifferRule final : public RecordRule {
 public:
  DifferRule(std::string field, std::string other)
      : field_(std::move(field)), other_(std::move(other)) {}
  std::optional<FieldError> Check(const nlohmann::json& record, RecordLookup&) const override {
    const std::string value = TextOf(record, field_);
    if (!value.empty() && value == TextOf(record, other_)) {
      return FieldError{field_, "differ", "must not be the same as " + other_};
    }
    return std::nullopt;
  }

 private:
  std::string field_;
  std::string other_;
};

class ExactlyOneRule final : public RecordRule {
 public:
  ExactlyOneRule(std::string field, std::string other)
      : field_(std::move(field)), other_(std::move(other)) {}
  std::optional<FieldError> Check(const nlohmann::json& record, RecordLookup&) const override {
    if (TextOf(record, field_).empty() == TextOf(record, other_).empty()) {
      return FieldError{field_, "exactly_one",
                        "set either " + field_ + " or " + other_ + ", not both or neither"};
    }
    return std::nullopt;
  }

 private:
  std::string field_;
  std::string other_;
};

class NotBeforeTheCallRule final : public RecordRule {
 public:
  explicit NotBeforeTheCallRule(std::vector<std::string> fields) : fields_(std::move(fields)) {}
  std::optional<FieldError> Check(const nlohmann::json& record,
                                  RecordLookup& lookup) const override {
    const auto transport = lookup.Find("transports", TextOf(record, "transport_id"));
    if (!transport) return std::nullopt;  // the reference rule reports a missing transport
    const std::string call = TextOf(*transport, "call_received_at");
    for (const auto& field : fields_) {
      const std::string time = TextOf(record, field);
      if (!time.empty() && !call.empty() && time < call) {
        return FieldError{field, "before_call",
                          "must not be before the call was received (" + call + ")"};
      }
    }
    return std::nullopt;
  }

 private:
  std::vector<std::string> fields_;
};

bool ActiveTransport(const nlohmann::json& transport) {
  return !Archived(transport) && TextOf(transport, "transport_state") != "closed";
}

bool ActiveTransport(const std::string& transport_id, RecordLookup& lookup) {
  const auto transport = lookup.Find("transports", transport_id);
  return transport && ActiveTransport(*transport);
}

// The active transport other than `transport` that the vehicle is on, or "".
std::string OtherActiveTransport(const std::string& vehicle, const std::string& transport,
                                 RecordLookup& lookup) {
  for (const auto& leg : lookup.FindWhere("transport_legs", "vehicle_id", vehicle)) {
    const std::string other = TextOf(leg, "transport_id");
    if (other != transport && !Archived(leg) && ActiveTransport(other, lookup)) return other;
  }
  return "";
}

class VehicleOnOneActiveTransportRule final : public RecordRule {
 public:
  std::optional<FieldError> Check(const nlohmann::json& record,
                                  RecordLookup& lookup) const override {
    const std::string vehicle = TextOf(record, "vehicle_id");
    const std::string transport = TextOf(record, "transport_id");
    if (vehicle.empty() || Archived(record) || !ActiveTransport(transport, lookup)) {
      return std::nullopt;
    }
    if (const auto other = OtherActiveTransport(vehicle, transport, lookup); !other.empty()) {
      return FieldError{"vehicle_id", "vehicle_busy",
                        "this vehicle is already on active transport " + other};
    }
    return std::nullopt;
  }
};

class TransportKeepsItsPartsValidRule final : public RecordRule {
 public:
  std::optional<FieldError> Check(const nlohmann::json& transport,
                                  RecordLookup& lookup) const override {
    const std::string id = TextOf(transport, "id");
    const std::string call = TextOf(transport, "call_received_at");
    static const std::vector<std::pair<std::string, std::vector<std::string>>> kParts = {
        {"transport_legs", {"dispatched_at", "departed_at", "arrived_at"}},
        {"handoffs", {"planned_at", "carrier_arrived_at", "receiver_arrived_at", "transfer_at"}}};
    for (const auto& [table, fields] : kParts) {
      for (const auto& part : lookup.FindWhere(table, "transport_id", id)) {
        if (Archived(part)) continue;
        for (const auto& field : fields) {
          const std::string time = TextOf(part, field);
          if (!time.empty() && !call.empty() && time < call) {
            return FieldError{
                "call_received_at", "before_call",
                "must not be after the " + field + " of its " + table + " (" + time + ")",
                table + "." + field};
          }
        }
        if (table == "transport_legs" && ActiveTransport(transport)) {
          const auto other = OtherActiveTransport(TextOf(part, "vehicle_id"), id, lookup);
          if (!other.empty()) {
            return FieldError{
                "transport_state", "vehicle_busy",
                "a vehicle of this transport is already on active transport " + other};
          }
        }
      }
    }
    return std::nullopt;
  }
};

// A correction names a recorded event field of a record this replica holds.
class CorrectsAnEventRule final : public RecordRule {
 public:
  std::optional<FieldError> Check(const nlohmann::json& record,
                                  RecordLookup& lookup) const override {
    const std::string table_name = TextOf(record, "table_name");
    const std::string field_name = TextOf(record, "field_name");
    const std::string id = TextOf(record, "record_id");
    // Required fields are checked as such; a record the county receives a field at a time is
    // judged once its fields are there.
    if (table_name.empty() || field_name.empty() || id.empty()) return std::nullopt;
    const TableSpec* table = FindTable(table_name);
    if (!table) {
      return FieldError{"table_name", "corrects_event", "\"" + table_name + "\" is no table"};
    }
    if (table_name == "corrections") {
      return FieldError{"table_name", "corrects_event",
                        "a correction is not corrected; correct the record it names"};
    }
    const FieldSpec* field = table->Field(field_name);
    if (!field || !field->event) {
      return FieldError{"field_name", "corrects_event",
                        "must name a recorded event (a time or a handoff) of " + table_name};
    }
    if (!lookup.Find(table_name, id)) {
      return FieldError{"record_id", "corrects_event", "no " + table_name + " record has id " + id};
    }
    return std::nullopt;
  }
};

class RoadJoinsTwoPlacesRule final : public RecordRule {
 public:
  std::optional<FieldError> Check(const nlohmann::json& record, RecordLookup&) const override {
    std::string ends[2];
    for (int end = 0; end < 2; ++end) {
      const std::string prefix = end == 0 ? "from_" : "to_";
      int named = 0;
      for (const char* kind : {"gacha_id", "rendezvous_point_id", "station_id"}) {
        const std::string id = TextOf(record, prefix + kind);
        if (id.empty()) continue;
        ++named;
        ends[end] = id;
      }
      if (named != 1) {
        return FieldError{prefix + "gacha_id", "road_ends",
                          "a road's " + (end == 0 ? std::string("start") : std::string("end")) +
                              " names exactly one place: a gacha, a rendezvous point or a station"};
      }
    }
    if (ends[0] == ends[1]) {
      return FieldError{"to_gacha_id", "road_ends", "a road joins two different places"};
    }
    return std::nullopt;
  }
};

}  // namespace

std::shared_ptr<const RecordRule> CorrectsAnEvent() {
  return std::make_shared<CorrectsAnEventRule>();
}

std::shared_ptr<const RecordRule> RoadJoinsTwoPlaces() {
  return std::make_shared<RoadJoinsTwoPlacesRule>();
}

std::shared_ptr<const RecordRule> TimesInOrder(std::vector<std::string> fields) {
  return std::make_shared<TimesInOrderRule>(std::move(fields));
}

std::shared_ptr<const RecordRule> Differ(std::string field, std::string other) {
  return std::make_shared<DifferRule>(std::move(field), std::move(other));
}

std::shared_ptr<const RecordRule> ExactlyOne(std::string field, std::string other) {
  return std::make_shared<ExactlyOneRule>(std::move(field), std::move(other));
}

std::shared_ptr<const RecordRule> NotBeforeTheCall(std::vector<std::string> fields) {
  return std::make_shared<NotBeforeTheCallRule>(std::move(fields));
}

std::shared_ptr<const RecordRule> VehicleOnOneActiveTransport() {
  return std::make_shared<VehicleOnOneActiveTransportRule>();
}

std::shared_ptr<const RecordRule> TransportKeepsItsPartsValid() {
  return std::make_shared<TransportKeepsItsPartsValidRule>();
}

std::vector<FieldError> CheckRecord(const TableSpec& table, const nlohmann::json& record,
                                    RecordLookup& lookup) {
  std::vector<FieldError> errors;
  for (const auto& field : table.fields) {
    if (field.text_rule != TextRule::kReference) continue;
    const std::string id = TextOf(record, field.name);
    if (!id.empty() && !lookup.Find(field.references, id)) {
      errors.push_back(
          {field.name, "reference", "no " + field.references + " record has id " + id});
    }
  }
  for (const auto& rule : table.rules) {
    if (auto error = rule->Check(record, lookup)) errors.push_back(*error);
  }
  return errors;
}

}  // namespace relay
