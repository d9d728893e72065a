#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/schema.h"
#include "relay/validation.h"

namespace relay {

// Reads the merged records a rule needs beyond the one being stored.
class RecordLookup {
 public:
  virtual ~RecordLookup() = default;
  // The record with this id, or nullopt when this replica has none.
  virtual std::optional<nlohmann::json> Find(const std::string& table, const std::string& id) = 0;
  // Every record of the table whose field holds exactly this text.
  virtual std::vector<nlohmann::json> FindWhere(const std::string& table, const std::string& field,
                                                const std::string& value) = 0;
};

// A rule over a whole record, and the records it points to; nullopt when it holds.
class RecordRule {
 public:
  virtual ~RecordRule() = default;
  virtual std::optional<FieldError> Check(const nlohmann::json& record,
                                          RecordLookup& lookup) const = 0;
};

// The rules a table can declare in the registry:
// times that are set follow one another in the order given (rule "time_order");
std::shared_ptr<const RecordRule> TimesInOrder(std::vector<std::string> fields);
// two fields, when both are set, hold different values (rule "differ");
std::shared_ptr<const RecordRule> Differ(std::string field, std::string other);
// exactly one of two fields is set (rule "exactly_one");
std::shared_ptr<const RecordRule> ExactlyOne(std::string field, std::string other);
// no time is before the call of the transport the record belongs to (rule "before_call");
std::shared_ptr<const RecordRule> NotBeforeTheCall(std::vector<std::string> fields);
// a leg's vehicle is on no other active transport (rule "vehicle_busy");
std::shared_ptr<const RecordRule> VehicleOnOneActiveTransport();
// a transport's own edits keep its legs and handoffs valid: the call stays before their
// times (rule "before_call") and reopening it frees no vehicle twice (rule "vehicle_busy").
std::shared_ptr<const RecordRule> TransportKeepsItsPartsValid();
// a correction names an event field (FieldSpec::event) of a record that exists (rule
// "corrects_event").
std::shared_ptr<const RecordRule> CorrectsAnEvent();

// each end of a road names exactly one place (a gacha, rendezvous point or station), and
// the two ends differ (rule "road_ends").
std::shared_ptr<const RecordRule> RoadJoinsTwoPlaces();

// Every broken rule of the table, and every reference to a record this replica lacks
// (rule "reference"), for the record as it would be stored (merged, with its "id").
std::vector<FieldError> CheckRecord(const TableSpec& table, const nlohmann::json& record,
                                    RecordLookup& lookup);

}  // namespace relay
