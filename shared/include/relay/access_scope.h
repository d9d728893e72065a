#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/record_rules.h"
#include "relay/validation.h"

namespace relay {

// What an enrolled device may read and change: its role, and the township it works for.
struct AccessScope {
  std::string role;         // "clinic", "team-lead" or "county"
  std::string township_id;  // empty for the county role

  static AccessScope County() { return AccessScope{"county", ""}; }
  bool IsCounty() const { return role == "county"; }
};

// Where a record belongs: reference data every laptop reads, one township's records, or the
// county's alone (a record whose data and creator name no township).
struct RecordHome {
  enum class Kind { kShared, kTownship, kCountyOnly };
  Kind kind = Kind::kCountyOnly;
  std::string township_id;  // set for kTownship

  bool operator==(const RecordHome&) const = default;
};

// Why the role may not change this field of a record of the table at all, or nullopt: reference
// geography is the county's, rosters are team leads' and the county's, and so is merging
// duplicates. For a conflict or a correction the table is that of the record it names.
std::optional<std::string> RoleRefusal(const AccessScope& scope, const std::string& table,
                                       const std::string& field);

// The record a conflict or a correction names (its table and id); the record itself otherwise.
std::pair<std::string, std::string> GoverningRecord(const std::string& table,
                                                    const nlohmann::json& record);

// The (table, field) pairs by which records of other tables take their home from a record of
// this table: its parts' reference to it (transport_legs.transport_id for a transport, ...), a
// gacha's placed records' gacha field, and the record_id of conflicts and corrections, which
// name a record of any table (with its table_name).
std::vector<std::pair<std::string, std::string>> HomeReferences(const std::string& table);

// Finds each record's home from the data: a township field, the gacha or parent record it
// hangs off, or, for a record whose data name none, the township it was created in.
// Transports, volunteers and trainings without a team keep the township they were created in,
// so a pickup in a neighbouring township's gacha does not move a clinic's transport away.
class RecordHomes {
 public:
  // created_in gives the township a record was created in, empty when unknown or the county.
  using CreatedIn = std::function<std::string(const std::string& table, const std::string& id)>;
  RecordHomes(RecordLookup& records, CreatedIn created_in)
      : records_(records), created_in_(std::move(created_in)) {}

  // The home of the stored record (remembered for this object's lifetime).
  RecordHome HomeOf(const std::string& table, const std::string& id);
  // The home of a record as given (for a record about to be stored).
  RecordHome HomeOfRecord(const std::string& table, const nlohmann::json& record);
  // The records whose home follows this one's, found again when it moves: its parts (a
  // transport's legs and handoffs, a team's units, members and trainings, ...), the records a
  // gacha places, and the conflicts and corrections naming any of them; all the way down.
  std::vector<std::pair<std::string, std::string>> Dependents(const std::string& table,
                                                              const std::string& id);
  // Why a device of this scope may not have a record at this home, or nullopt when it may.
  // The text names the townships, e.g. "belongs to 星耀镇, not to this laptop's 明安图镇".
  std::optional<std::string> Refusal(const AccessScope& scope, const RecordHome& home);

 private:
  RecordHome Resolve(const std::string& table, const nlohmann::json& record, int depth);
  RecordHome Stored(const std::string& table, const std::string& id, int depth);
  RecordHome GachaTownship(const nlohmann::json& record, const std::string& field);

  RecordLookup& records_;
  CreatedIn created_in_;
  std::map<std::pair<std::string, std::string>, RecordHome> known_;
};

// Why a device of this scope may not store an edit of a record, or nullopt: a field its role
// may not change, or the record outside its township before (stored; null for a new record) or
// after (as it would be stored). Where the laptop itself checks what it is about to queue, so
// the county's refusal (ScopeGuard) is not the first word.
std::optional<FieldError> EditRefusal(const AccessScope& scope, RecordHomes& homes,
                                      const std::string& table, const nlohmann::json* stored,
                                      const nlohmann::json& merged, const nlohmann::json& fields);

}  // namespace relay
