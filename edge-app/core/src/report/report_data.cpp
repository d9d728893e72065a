#include "relay/report/report_data.h"

#include <functional>
#include <unordered_map>

#include "relay/hlc.h"
#include "relay/schema.h"
#include "relay/validation.h"

namespace relay::report {
namespace {

// Runs SELECT columns FROM table over the records in use (not archived, not merged away),
// handing each row to read; reserve, when given, first learns how many there are, so a table
// of 100,000 transports is not copied as its vector grows. Columns are checked against the
// schema registry, so a renamed field fails here with its name instead of computing from
// nothing.
Status ReadRecords(sql::Database& db, const std::string& table,
                   const std::vector<std::string>& columns,
                   const std::function<void(const sql::Statement&)>& read,
                   const std::function<void(size_t)>& reserve = {}, bool keep_archived = false) {
  const TableSpec* spec = FindTable(table);
  if (!spec) return Status::Error(ErrorKind::kStorage, "report: no table " + table);
  std::string select;
  for (const auto& column : columns) {
    if (column != "id" && !spec->Field(column)) {
      return Status::Error(ErrorKind::kStorage, "report: no field " + table + "." + column);
    }
    select += (select.empty() ? "" : ", ") + column;
  }
  std::string where = keep_archived ? "WHERE 1" : "WHERE archived IS NOT 1";
  if (spec->Field("merged_into")) where += " AND merged_into IS NULL";
  if (reserve) {
    auto count = db.Prepare("SELECT COUNT(*) FROM " + table + " " + where);
    if (!count.ok()) return count.status();
    auto counted = count.value().Step();
    if (!counted.ok()) return counted.status();
    reserve(static_cast<size_t>(count.value().Int(0)));
  }
  auto query = db.Prepare("SELECT " + select + " FROM " + table + " " + where);
  if (!query.ok()) return query.status();
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::Ok();
    read(query.value());
  }
}

std::optional<int64_t> TimeAt(const sql::Statement& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return StoredTimeMs(row.Text(column));
}

// The open conflicts, each with the record whose township it belongs to (Conflict::owner_id).
Status ReadOpenConflicts(sql::Database& db, ReportData& data) {
  auto query = db.Prepare(
      "SELECT c.table_name, c.record_id, CASE c.table_name"
      " WHEN 'transport_legs' THEN (SELECT transport_id FROM transport_legs WHERE id = c.record_id)"
      " WHEN 'handoffs' THEN (SELECT transport_id FROM handoffs WHERE id = c.record_id)"
      " WHEN 'members' THEN (SELECT team_id FROM members WHERE id = c.record_id)"
      " WHEN 'units' THEN (SELECT team_id FROM units WHERE id = c.record_id)"
      " WHEN 'posts' THEN (SELECT u.team_id FROM posts p JOIN units u ON u.id = p.unit_id"
      "  WHERE p.id = c.record_id)"
      " WHEN 'trainings' THEN (SELECT team_id FROM trainings WHERE id = c.record_id)"
      " WHEN 'training_participants' THEN (SELECT t.team_id FROM training_participants p"
      "  JOIN trainings t ON t.id = p.training_id WHERE p.id = c.record_id)"
      " WHEN 'gachas' THEN (SELECT township_id FROM gachas WHERE id = c.record_id)"
      " WHEN 'rendezvous_points' THEN (SELECT g.township_id FROM rendezvous_points r"
      "  JOIN gachas g ON g.id = r.gacha_id WHERE r.id = c.record_id)"
      " WHEN 'staff' THEN (SELECT township_id FROM staff WHERE id = c.record_id) END"
      " FROM conflicts c WHERE c.archived IS NOT 1 AND c.conflict_state IS NOT 'resolved'");
  if (!query.ok()) return query.status();
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::Ok();
    const auto& statement = query.value();
    data.open_conflicts.push_back(
        {statement.Text(0), statement.Text(1), statement.IsNull(2) ? "" : statement.Text(2)});
  }
}

// This laptop, from its own records; the others from the county's list of enrolled laptops
// (laptops_listed, kept by sync) joined with those whose changes were pulled here
// (laptops_seen), a revoked one left out.
Status ReadLaptops(sql::Database& db, ReportData& data) {
  auto laptops = db.Prepare(
      "WITH here AS (SELECT d.value AS device, c.value AS newest_hlc,"
      "  COALESCE(t.value, '') AS township_id, COALESCE(CAST(s.value AS INTEGER), 0) AS last_sync,"
      "  (SELECT COUNT(*) FROM set_aside) AS set_aside FROM meta d"
      "  JOIN meta c ON c.key = 'clock_last' LEFT JOIN meta t ON t.key = 'enrollment_township_id'"
      "  LEFT JOIN meta s ON s.key = 'last_sync_ms' WHERE d.key = 'device_id'),"
      " seen AS (SELECT * FROM laptops_seen WHERE device NOT IN (SELECT device FROM here)),"
      " listed AS (SELECT * FROM laptops_listed WHERE device NOT IN (SELECT device FROM here))"
      " SELECT device, newest_hlc, township_id, last_sync, set_aside FROM here"
      " UNION ALL SELECT COALESCE(l.device, s.device), COALESCE(s.newest_hlc, 0),"
      "  COALESCE(l.township_id, s.township_id), COALESCE(l.last_sync_ms, 0), l.set_aside"
      "  FROM seen s FULL JOIN listed l ON l.device = s.device"
      "  WHERE COALESCE(l.revoked_ms, 0) = 0");
  if (!laptops.ok()) return laptops.status();
  for (;;) {
    auto row = laptops.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::Ok();
    const sql::Statement& found = laptops.value();
    ReportData::Laptop laptop{found.Text(0), HlcTimestamp::FromPacked(found.Int(1)).wall_ms,
                              found.Text(2), found.Int(3),
                              found.IsNull(4) ? std::nullopt : std::optional(found.Int(4))};
    data.laptops.push_back(std::move(laptop));
  }
}

// Links each transport to its gacha and each leg and handoff to its transport by index, so a
// report follows them without looking ids up again.
void LinkByIndex(ReportData& data) {
  std::unordered_map<std::string, int64_t> gachas, transports;
  for (size_t i = 0; i < data.gachas.size(); ++i)
    gachas[data.gachas[i].id] = i;
  transports.reserve(data.transports.size());
  for (size_t i = 0; i < data.transports.size(); ++i) {
    auto& transport = data.transports[i];
    transports[transport.id] = i;
    auto gacha = gachas.find(transport.pickup_gacha_id);
    if (gacha != gachas.end()) transport.gacha = gacha->second;
  }
  auto transport_of = [&](const std::string& id) {
    auto found = transports.find(id);
    return found == transports.end() ? int64_t{-1} : found->second;
  };
  for (auto& leg : data.legs)
    leg.transport = transport_of(leg.transport_id);
  for (auto& handoff : data.handoffs)
    handoff.transport = transport_of(handoff.transport_id);
}

}  // namespace

std::optional<int64_t> StoredTimeMs(const std::string& text) {
  auto seconds = ParseTimeSeconds(text);
  if (!seconds) return std::nullopt;
  return *seconds * 1000;
}

Result<ReportData> LoadReportData(sql::Database& db) {
  ReportData data;
  std::vector<std::function<Status()>> reads = {
      [&] {
        return ReadRecords(
            db, "townships", {"id", "name", "code", "archived"},
            [&](const auto& row) {
              data.townships.push_back({row.Text(0), row.Text(1), row.Text(2), row.Int(3) == 1});
            },
            {}, true);
      },
      [&] {
        return ReadRecords(
            db, "gachas", {"id", "township_id", "name", "area_type", "location", "archived"},
            [&](const auto& row) {
              data.gachas.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3),
                                     row.Text(4), row.Int(5) == 1});
            },
            {}, true);
      },
      [&] {
        return ReadRecords(
            db, "rendezvous_points", {"id", "name", "gacha_id", "location"}, [&](const auto& row) {
              data.places.push_back(
                  {row.Text(0), row.Text(1), row.Text(2), "", row.Text(3), "rendezvous_point"});
            });
      },
      [&] {
        return ReadRecords(db, "stations",
                           {"id", "name", "township_id", "location", "station_kind"},
                           [&](const auto& row) {
                             data.places.push_back({row.Text(0), row.Text(1), "", row.Text(2),
                                                    row.Text(3), row.Text(4)});
                           });
      },
      [&] {
        return ReadRecords(
            db, "volunteers", {"id", "name", "gacha_id", "first_aid_expires_on"},
            [&](const auto& row) {
              data.volunteers.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
            });
      },
      [&] {
        return ReadRecords(
            db, "vehicles",
            {"id", "plate", "owner_category", "township_id", "home_gacha_id", "driver_id",
             "status"},
            [&](const auto& row) {
              data.vehicles.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3),
                                       row.Text(4), row.Text(5), row.Text(6)});
            });
      },
      [&] {
        return ReadRecords(
            db, "transports",
            {"id", "pickup_gacha_id", "transport_state", "call_received_at", "first_contact_at",
             "arrived_destination_at"},
            [&](const auto& row) {
              auto call = TimeAt(row, 3);
              if (!call) return;  // required: a transport without one is damaged
              data.transports.push_back(
                  {row.Text(0), row.Text(1), row.Text(2), *call, TimeAt(row, 4), TimeAt(row, 5)});
            },
            [&](size_t rows) { data.transports.reserve(rows); });
      },
      [&] {
        return ReadRecords(
            db, "transport_legs",
            {"transport_id", "vehicle_id", "driver_id", "dispatched_at", "departed_at",
             "arrived_at"},
            [&](const auto& row) {
              data.legs.push_back({row.Text(0), row.Text(1), row.Text(2), TimeAt(row, 3),
                                   TimeAt(row, 4), TimeAt(row, 5)});
            },
            [&](size_t rows) { data.legs.reserve(rows); });
      },
      [&] {
        return ReadRecords(
            db, "handoffs",
            {"transport_id", "delay_reason", "carrier_arrived_at", "receiver_arrived_at"},
            [&](const auto& row) {
              data.handoffs.push_back({row.Text(0), row.Text(1), TimeAt(row, 2), TimeAt(row, 3)});
            },
            [&](size_t rows) { data.handoffs.reserve(rows); });
      },
      [&] {
        return ReadRecords(
            db, "teams", {"id", "name", "team_level", "township_id"}, [&](const auto& row) {
              data.teams.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
            });
      },
      [&] {
        return ReadRecords(db, "units", {"id", "team_id"}, [&](const auto& row) {
          data.units.push_back({row.Text(0), row.Text(1)});
        });
      },
      [&] {
        return ReadRecords(db, "members", {"id", "team_id", "training_expires_on"},
                           [&](const auto& row) {
                             data.members.push_back({row.Text(0), row.Text(1), row.Text(2)});
                           });
      },
      [&] {
        return ReadRecords(db, "posts", {"unit_id", "holder_a_id", "holder_b_id"},
                           [&](const auto& row) {
                             data.posts.push_back({row.Text(0), row.Text(1), row.Text(2)});
                           });
      },
      [&] {
        return ReadRecords(
            db, "trainings",
            {"id", "training_kind", "held_on", "team_id", "evaluation", "corrective_actions"},
            [&](const auto& row) {
              data.trainings.push_back(
                  {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)});
            });
      },
      [&] {
        return ReadRecords(db, "training_participants", {"training_id", "result"},
                           [&](const auto& row) {
                             data.participants.push_back({row.Text(0), row.Text(1)});
                           });
      },
      [&] { return ReadOpenConflicts(db, data); },
      [&] { return ReadLaptops(db, data); },
  };
  // One consistent view while a sync may write; a deferred transaction takes no write lock.
  if (Status status = db.Execute("BEGIN"); !status.ok()) return status;
  for (const auto& read : reads) {
    if (Status status = read(); !status.ok()) {
      db.Execute("ROLLBACK");
      return status;
    }
  }
  if (Status status = db.Execute("COMMIT"); !status.ok()) return status;
  LinkByIndex(data);
  return data;
}

}  // namespace relay::report
