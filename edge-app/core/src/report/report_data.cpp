#include "relay/report/report_data.h"

#include <functional>
#include <map>

#include "relay/hlc.h"
#include "relay/schema.h"
#include "relay/validation.h"

namespace relay::report {
namespace {

// Runs SELECT columns FROM table over the records in use (not archived, not merged away),
// handing each row to read. Columns are checked against the schema registry, so a renamed
// field fails here with its name instead of computing from nothing.
Status ReadRecords(sql::Database& db, const std::string& table,
                   const std::vector<std::string>& columns,
                   const std::function<void(const sql::Statement&)>& read) {
  const TableSpec* spec = FindTable(table);
  if (!spec) return Status::Error(ErrorKind::kStorage, "report: no table " + table);
  std::string select;
  for (const auto& column : columns) {
    if (column != "id" && !spec->Field(column)) {
      return Status::Error(ErrorKind::kStorage, "report: no field " + table + "." + column);
    }
    select += (select.empty() ? "" : ", ") + column;
  }
  std::string where = "WHERE archived IS NOT 1";
  if (spec->Field("merged_into")) where += " AND merged_into IS NULL";
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

// Each laptop whose changes this replica holds, with its newest change, and the township of
// the transports and vehicles it created most (a laptop works for one township).
Status ReadLaptops(sql::Database& db, ReportData& data) {
  auto newest = db.Prepare("SELECT device, MAX(hlc) FROM field_state GROUP BY device");
  if (!newest.ok()) return newest.status();
  std::map<std::string, ReportData::Laptop> laptops;
  for (;;) {
    auto row = newest.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    const std::string device = newest.value().Text(0);
    laptops[device] = {device, HlcTimestamp::FromPacked(newest.value().Int(1)).wall_ms, ""};
  }
  auto homes = db.Prepare(
      "SELECT f.device, g.township_id, COUNT(*) AS n FROM transports t"
      " JOIN gachas g ON g.id = t.pickup_gacha_id"
      " JOIN field_state f ON f.tbl = 'transports' AND f.rid = t.id"
      "  AND f.field = 'call_received_at'"
      " GROUP BY f.device, g.township_id"
      " UNION ALL SELECT f.device, v.township_id, COUNT(*) FROM vehicles v"
      " JOIN field_state f ON f.tbl = 'vehicles' AND f.rid = v.id AND f.field = 'plate'"
      " WHERE v.township_id IS NOT NULL GROUP BY f.device, v.township_id");
  if (!homes.ok()) return homes.status();
  std::map<std::string, std::map<std::string, int64_t>> created;  // device → township → records
  for (;;) {
    auto row = homes.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    created[homes.value().Text(0)][homes.value().Text(1)] += homes.value().Int(2);
  }
  for (auto& [device, laptop] : laptops) {
    int64_t most = 0;
    for (const auto& [township, count] : created[device]) {
      if (count > most) most = count, laptop.township_id = township;
    }
    data.laptops.push_back(laptop);
  }
  return Status::Ok();
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
        return ReadRecords(db, "townships", {"id", "name", "code"}, [&](const auto& row) {
          data.townships.push_back({row.Text(0), row.Text(1), row.Text(2)});
        });
      },
      [&] {
        return ReadRecords(db, "gachas", {"id", "township_id", "name", "area_type", "location"},
                           [&](const auto& row) {
                             data.gachas.push_back(
                                 {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
                           });
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
        return ReadRecords(db, "transports",
                           {"id", "pickup_gacha_id", "transport_state", "call_received_at",
                            "first_contact_at", "arrived_destination_at"},
                           [&](const auto& row) {
                             auto call = TimeAt(row, 3);
                             if (!call) return;  // required: a transport without one is damaged
                             data.transports.push_back({row.Text(0), row.Text(1), row.Text(2),
                                                        *call, TimeAt(row, 4), TimeAt(row, 5)});
                           });
      },
      [&] {
        return ReadRecords(db, "transport_legs",
                           {"transport_id", "vehicle_id", "driver_id", "dispatched_at",
                            "departed_at", "arrived_at"},
                           [&](const auto& row) {
                             data.legs.push_back({row.Text(0), row.Text(1), row.Text(2),
                                                  TimeAt(row, 3), TimeAt(row, 4), TimeAt(row, 5)});
                           });
      },
      [&] {
        return ReadRecords(
            db, "handoffs",
            {"transport_id", "delay_reason", "carrier_arrived_at", "receiver_arrived_at"},
            [&](const auto& row) {
              data.handoffs.push_back({row.Text(0), row.Text(1), TimeAt(row, 2), TimeAt(row, 3)});
            });
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
      [&] {
        return ReadRecords(db, "conflicts", {"table_name", "record_id", "conflict_state"},
                           [&](const auto& row) {
                             if (row.Text(2) != "resolved")
                               data.open_conflicts.push_back({row.Text(0), row.Text(1)});
                           });
      },
      [&] { return ReadLaptops(db, data); },
      [&] {
        auto count = db.Prepare("SELECT COUNT(*) FROM set_aside");
        if (!count.ok()) return Status::Ok();  // a server's copy keeps no set-aside changes
        auto row = count.value().Step();
        if (!row.ok()) return row.status();
        data.set_aside_here = count.value().Int(0);
        return Status::Ok();
      },
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
  return data;
}

}  // namespace relay::report
