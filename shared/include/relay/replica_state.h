#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/change.h"
#include "relay/record_rules.h"
#include "relay/record_stamps.h"
#include "relay/record_statements.h"
#include "relay/schema.h"
#include "relay/sqlite.h"
#include "relay/status.h"

namespace relay {

// Which records of a table to read, in the table's list order (TableSpec::order_field).
struct RecordQuery {
  // Text as a person reads it in any text field, a time in Beijing time ("05-01 10:2"), or a
  // name, plate or phone of a record a field points to; empty matches every record.
  std::string contains;
  std::string where_field;  // when set, only records whose field holds exactly where_value
  std::string where_value;
  bool include_archived = true;
  int64_t offset = 0;
  int64_t limit = -1;  // -1: no limit
};

// Two writes to one field where the later one was made without seeing the earlier: the merge
// keeps the winner (Supersedes) as the field's value, and this keeps the loser for a person.
struct ConcurrentWrite {
  std::string table;
  std::string record_id;
  std::string field;
  nlohmann::json kept_value;
  FieldStamp kept;
  nlohmann::json lost_value;
  FieldStamp lost;
};

// What applying one change did: whether it won, and the concurrent write it met, if any (as
// ReplicaState::Apply says).
struct ApplyOutcome {
  bool won = false;
  std::optional<ConcurrentWrite> concurrent;
};

// The merged state of every synced record on one replica, in SQLite: a typed table per schema
// table holds each record's winning values, and beside them, in column _stamps, the stamp of
// every field ever set (RecordStamps), so a record costs one row however many fields it has.
// Client and server use this same class, so the merge is the same code on both sides. Writes
// must run inside a caller's transaction.
class ReplicaState {
 public:
  explicit ReplicaState(sql::Database& db) : db_(db) {}

  // While one lives, Record answers each record from memory after its first read, and forgets
  // a record this state writes: for a run of checks that read the same records many times
  // (a push on the server), inside one transaction.
  class RecordCache {
   public:
    explicit RecordCache(ReplicaState& state) : state_(state) { state_.cached_records_.emplace(); }
    ~RecordCache() { state_.cached_records_.reset(); }
    RecordCache(const RecordCache&) = delete;
    RecordCache& operator=(const RecordCache&) = delete;

   private:
    ReplicaState& state_;
  };

  // The column of each typed table holding its record's stamps.
  static constexpr std::string_view kStampsColumn = "_stamps";

  // Creates missing tables, columns and indexes from the schema registry, and moves the
  // stamps of a database from before _stamps (table field_state) into it.
  Status EnsureSchema();
  // Applies a change by the merge rule. True when it won and is now the field's value. When
  // concurrent is given, it is set when the change and the field's current value are
  // concurrent writes of different values by different devices: the change won without its
  // writer having seen the current value (its `seen` is older than the value's stamp), or it
  // lost to a value from another device (a value that saw the change could only come after).
  Result<bool> Apply(const Change& change, std::optional<ConcurrentWrite>* concurrent = nullptr);
  // Applies each change by the merge rule as Apply does, reading and writing each record once
  // for a run of its changes; returns how many won.
  Result<int64_t> ApplyAll(const std::vector<const Change*>& changes);
  // Applies changes of one record (at least one) in order, as Apply each, with one read and
  // one write; an outcome per change, in order.
  Result<std::vector<ApplyOutcome>> ApplyToOneRecord(const std::vector<const Change*>& changes);
  // The stamp of the field's current value, or nullopt when the field was never set.
  Result<std::optional<FieldStamp>> StampOf(const std::string& table, const std::string& record_id,
                                            const std::string& field);
  // The stamp of every field of the record ever set on this replica, by field name.
  Result<std::map<std::string, FieldStamp>> StampsOf(const std::string& table,
                                                     const std::string& record_id);
  // True when any field of the record was ever set on this replica.
  Result<bool> Exists(const std::string& table, const std::string& record_id);
  // One record as {"id": ..., field: value, ...}, or nullopt when unknown.
  Result<std::optional<nlohmann::json>> Record(const std::string& table,
                                               const std::string& record_id);
  // The records the query selects, a page of them when it has an offset or a limit.
  Result<std::vector<nlohmann::json>> Records(const std::string& table, const RecordQuery& query);
  // The ids of the records the query selects, in list order: one pass over the table where
  // Records would make one per page.
  Result<std::vector<std::string>> RecordIds(const std::string& table, const RecordQuery& query);
  // How many records the query selects, offset and limit aside.
  Result<int64_t> Count(const std::string& table, const RecordQuery& query);
  // The greatest HLC this replica holds, so a restarted clock resumes past it.
  Result<HlcTimestamp> LatestStamp();
  // SHA-256 over every (table, record, field, value) in order: equal on two replicas exactly
  // when their merged data are equal.
  Result<std::string> Digest();

 private:
  Status MoveFieldStateToRecords();
  // The record's stamps, or nullopt when it was never set here.
  Result<std::optional<RecordStamps>> ReadStamps(const TableSpec& table,
                                                 const std::string& record_id);
  // Applies changes of one record (at least one) in order with one read and one write. With
  // outcomes, says what each did, which costs reading the record's values. Returns how many
  // won.
  Result<int64_t> ApplyToRecord(const std::vector<const Change*>& changes,
                                std::vector<ApplyOutcome>* outcomes);

  sql::Database& db_;
  RecordStatements statements_;
  // (table, id) -> the record or nullopt when unknown; set while a RecordCache lives.
  std::optional<std::map<std::pair<std::string, std::string>, std::optional<nlohmann::json>>>
      cached_records_;
};

// RecordLookup over a replica's merged records, for the rules checked when a record is stored.
class ReplicaLookup final : public RecordLookup {
 public:
  explicit ReplicaLookup(ReplicaState& state) : state_(state) {}
  std::optional<nlohmann::json> Find(const std::string& table, const std::string& id) override;
  std::vector<nlohmann::json> FindWhere(const std::string& table, const std::string& field,
                                        const std::string& value) override;

 private:
  ReplicaState& state_;
};

}  // namespace relay
