#include "feed_homes.h"

#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "scope_guard.h"

namespace relay::server {
namespace {

using RecordKey = std::pair<std::string, std::string>;  // (table, record id)

// The records that have feed entries not yet placed.
Result<std::vector<RecordKey>> Unplaced(sql::Database& db) {
  auto query = db.Prepare("SELECT DISTINCT tbl, rid FROM feed WHERE home IS NULL");
  if (!query.ok()) return query.status();
  std::vector<RecordKey> records;
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return records;
    records.emplace_back(query.value().Text(0), query.value().Text(1));
  }
}

// The home the record's placed entries hold, or nullopt when none is placed yet.
Result<std::optional<std::string>> PlacedHome(sql::Database& db, const RecordKey& record) {
  auto query =
      db.Prepare("SELECT home FROM feed WHERE rid=? AND tbl=? AND home IS NOT NULL LIMIT 1");
  if (!query.ok()) return query.status();
  query.value().Bind(1, record.second).Bind(2, record.first);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<std::string>();
  return std::optional<std::string>(query.value().Text(0));
}

// Whether a stored record points at this one by a reference its home may follow
// (HomeReferences), or names it as the other record of a conflict: one indexed look each.
Result<bool> Referenced(sql::Database& db, const RecordKey& record) {
  std::string sql = "SELECT EXISTS (SELECT 1 FROM conflicts WHERE other_record_id = ?1)";
  for (const auto& [table, field] : HomeReferences(record.first))
    sql += " OR EXISTS (SELECT 1 FROM " + table + " WHERE " + field + " = ?1)";
  auto query = db.Prepare(sql);
  if (!query.ok()) return query.status();
  query.value().Bind(1, record.second);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  return row.value() && query.value().Int(0) != 0;
}

}  // namespace

std::string FeedHome(const RecordHome& home) {
  switch (home.kind) {
    case RecordHome::Kind::kShared:
      return std::string(kSharedHome);
    case RecordHome::Kind::kCountyOnly:
      return std::string(kCountyHome);
    case RecordHome::Kind::kTownship:
      break;
  }
  return home.township_id;
}

Status PlaceFeedEntries(sql::Database& db, ReplicaState& state) {
  auto unplaced = Unplaced(db);
  if (!unplaced.ok()) return unplaced.status();
  std::vector<RecordKey>& records = unplaced.value();
  if (records.empty()) return Status::Ok();
  ReplicaLookup lookup(state);
  RecordHomes homes(lookup, [&db](const std::string& table, const std::string& id) {
    return TownshipCreatedIn(db, table, id);
  });
  std::set<RecordKey> queued(records.begin(), records.end());
  for (size_t i = 0; i < records.size(); ++i) {
    const RecordKey record = records[i];  // a copy: records grows below
    const std::string home = FeedHome(homes.HomeOf(record.first, record.second));
    auto before = PlacedHome(db, record);
    if (!before.ok()) return before.status();
    auto place = db.Prepare("UPDATE feed SET home=?1 WHERE rid=?2 AND tbl=?3 AND home IS NOT ?1");
    if (!place.ok()) return place.status();
    if (Status status =
            place.value().Bind(1, home).Bind(2, record.second).Bind(3, record.first).Run();
        !status.ok()) {
      return status;
    }
    if (before.value() == home) continue;
    // New here, or moved: the records whose home follows this one's may have moved with it.
    auto referenced = Referenced(db, record);
    if (!referenced.ok()) return referenced.status();
    if (!referenced.value()) continue;
    std::vector<RecordKey> following = homes.Dependents(record.first, record.second);
    for (const auto& conflict : lookup.FindWhere("conflicts", "other_record_id", record.second)) {
      if (conflict.value("table_name", "") == record.first) {
        following.emplace_back("conflicts", conflict.value("id", ""));
      }
    }
    for (auto& key : following) {
      if (queued.insert(key).second) records.push_back(std::move(key));
    }
  }
  return Status::Ok();
}

}  // namespace relay::server
