#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/sqlite.h"
#include "relay/status.h"

namespace relay::report {

// The merged records a report is computed from, read once from a replica's typed tables;
// archived records and duplicates merged away are left out. Times are UTC milliseconds,
// nullopt when not recorded.
struct ReportData {
  // Archived townships and gachas are kept, marked, so the records that point at them still
  // find their township; they get no rows and count as no place of their own.
  struct Township {
    std::string id, name, code;
    bool archived = false;
  };
  struct Gacha {
    std::string id, township_id, name, area_type, location;
    bool archived = false;
  };
  struct Place {  // a rendezvous point or a station, for the map
    std::string id, name, gacha_id, township_id, location, kind;
  };
  struct Volunteer {
    std::string id, name, gacha_id, first_aid_expires_on;
  };
  struct Vehicle {
    std::string id, plate, owner_category, township_id, home_gacha_id, driver_id, status;
  };
  struct Transport {
    std::string id, pickup_gacha_id, state;
    int64_t call_ms = 0;
    std::optional<int64_t> first_contact_ms, arrived_ms;
    int64_t gacha = -1;  // index of the pickup gacha in gachas, -1 for none
  };
  // A leg and a handoff point at their transport by index (-1: not in transports, such as
  // one of an archived transport), found once when read.
  struct Leg {
    std::string transport_id, vehicle_id, driver_id;
    std::optional<int64_t> dispatched_ms, departed_ms, arrived_ms;
    int64_t transport = -1;
  };
  struct Handoff {
    std::string transport_id, delay_reason;
    std::optional<int64_t> carrier_arrived_ms, receiver_arrived_ms;
    int64_t transport = -1;
  };
  struct Team {
    std::string id, name, level, township_id;
  };
  struct Unit {
    std::string id, team_id;
  };
  struct Member {
    std::string id, team_id, training_expires_on;
  };
  struct Post {
    std::string unit_id, holder_a_id, holder_b_id;
  };
  struct Training {
    std::string id, kind, held_on, team_id, evaluation, corrective_actions;
  };
  struct Participant {
    std::string training_id, result;
  };
  // An open conflict, with the record whose township it belongs to: the transport of a leg or
  // a handoff, the team of a member, unit, post, training or participant, the township of a
  // gacha, point or staff record; else the record it names.
  struct Conflict {
    std::string table_name, record_id, owner_id;
  };
  // A laptop enrolled with the county or whose changes this replica holds: the newest of
  // them (0: none), the township it is enrolled for or else the one its transports and
  // vehicles name (laptops_seen.h), its last sync as the county saw it (0: never or not
  // known), and the changes it keeps aside (nullopt: it never said).
  struct Laptop {
    std::string device;
    int64_t newest_change_ms = 0;
    std::string township_id;
    int64_t last_sync_ms = 0;
    std::optional<int64_t> set_aside;

    // When this laptop was last heard from: its last sync or its newest change.
    int64_t last_heard_ms() const { return std::max(last_sync_ms, newest_change_ms); }
  };

  std::vector<Township> townships;
  std::vector<Gacha> gachas;
  std::vector<Place> places;
  std::vector<Volunteer> volunteers;
  std::vector<Vehicle> vehicles;
  std::vector<Transport> transports;
  std::vector<Leg> legs;
  std::vector<Handoff> handoffs;
  std::vector<Team> teams;
  std::vector<Unit> units;
  std::vector<Member> members;
  std::vector<Post> posts;
  std::vector<Training> trainings;
  std::vector<Participant> participants;
  std::vector<Conflict> open_conflicts;
  std::vector<Laptop> laptops;
};

// Reads the report's records from a replica database (a laptop's or a copy of it).
Result<ReportData> LoadReportData(sql::Database& db);

// UTC milliseconds of a stored time (2024-05-01T02:20:00Z); nullopt for an empty or bad one.
std::optional<int64_t> StoredTimeMs(const std::string& text);

}  // namespace relay::report
