#include "relay/edge/laptops_seen.h"

#include <map>

namespace relay::edge {
namespace {

// The township a change of a vehicle's township or a transport's pickup gacha places its
// laptop in.
constexpr char kTownshipOfChange[] =
    "SELECT CASE WHEN ?1 = 'vehicles' THEN ?3"
    " ELSE (SELECT township_id FROM gachas WHERE id = ?3) END";

}  // namespace

Status EnsureLaptopsSeen(sql::Database& db) {
  auto exists = db.Prepare("SELECT 1 FROM sqlite_master WHERE name = 'laptops_seen'");
  if (!exists.ok()) return exists.status();
  auto found = exists.value().Step();
  if (!found.ok()) return found.status();
  if (found.value()) return Status::Ok();
  const char* kCreate =
      "CREATE TABLE laptops_seen (device TEXT PRIMARY KEY, newest_hlc INTEGER NOT NULL,"
      " township_id TEXT NOT NULL DEFAULT '') WITHOUT ROWID;";
  auto stamps = db.Prepare("SELECT 1 FROM sqlite_master WHERE name = 'field_state'");
  if (!stamps.ok()) return stamps.status();
  auto older = stamps.value().Step();
  if (!older.ok()) return older.status();
  // A new database has nothing to fill it from; one from before laptops_seen still has its
  // stamps in field_state (ReplicaState::EnsureSchema moves them afterwards).
  if (!older.value()) return db.Execute(kCreate);
  return db.Execute(
      std::string(kCreate) +
      "INSERT INTO laptops_seen (device, newest_hlc)"
      " SELECT device, MAX(hlc) FROM field_state GROUP BY device;"
      // The township of the newest pickup gacha or vehicle township each laptop set.
      "UPDATE laptops_seen SET township_id = COALESCE((SELECT township FROM ("
      "  SELECT f.hlc AS hlc, g.township_id AS township FROM field_state f"
      "  JOIN transports t ON t.id = f.rid JOIN gachas g ON g.id = t.pickup_gacha_id"
      "  WHERE f.tbl = 'transports' AND f.field = 'pickup_gacha_id'"
      "  AND f.device = laptops_seen.device AND g.township_id != ''"
      "  UNION ALL SELECT f.hlc, v.township_id FROM field_state f JOIN vehicles v ON v.id = f.rid"
      "  WHERE f.tbl = 'vehicles' AND f.field = 'township_id' AND f.device = laptops_seen.device"
      "  AND v.township_id != '')"
      " ORDER BY hlc DESC LIMIT 1), '');");
}

Status NoteLaptopsSeen(sql::Database& db, const std::vector<FeedChange>& changes) {
  struct Seen {
    int64_t newest_hlc = 0;
    int64_t township_hlc = 0;  // of the newest change that named the township
    std::string township_id;
  };
  std::map<std::string, Seen> laptops;
  auto township_of = db.Prepare(kTownshipOfChange);
  if (!township_of.ok()) return township_of.status();
  for (const auto& entry : changes) {
    const Change& change = entry.change;
    Seen& seen = laptops[change.device];
    seen.newest_hlc = std::max(seen.newest_hlc, change.hlc.Packed());
    const bool places = (change.table == "vehicles" && change.field == "township_id") ||
                        (change.table == "transports" && change.field == "pickup_gacha_id");
    if (!places || !change.value.is_string()) continue;
    township_of.value().Reset();
    township_of.value().Bind(1, change.table).Bind(3, change.value.get<std::string>());
    auto row = township_of.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value() || township_of.value().IsNull(0)) continue;
    const std::string township = township_of.value().Text(0);
    if (!township.empty() && change.hlc.Packed() >= seen.township_hlc) {
      seen.township_id = township;
      seen.township_hlc = change.hlc.Packed();
    }
  }
  auto upsert = db.Prepare(
      "INSERT INTO laptops_seen (device, newest_hlc, township_id) VALUES (?, ?, ?)"
      " ON CONFLICT (device) DO UPDATE SET newest_hlc = MAX(newest_hlc, excluded.newest_hlc),"
      " township_id = CASE WHEN excluded.township_id != '' THEN excluded.township_id"
      " ELSE township_id END");
  if (!upsert.ok()) return upsert.status();
  for (const auto& [device, seen] : laptops) {
    upsert.value().Reset();
    upsert.value().Bind(1, device).Bind(2, seen.newest_hlc).Bind(3, seen.township_id);
    if (Status status = upsert.value().Run(); !status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace relay::edge
