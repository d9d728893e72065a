// relay-cli put and get for every table of the registry, with one valid and one invalid
// record each, and the whole set synced to a second laptop.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "relay/schema.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

// What relay-cli printed, trailing line breaks removed, and how it exited.
struct Output {
  int exit_code = -1;
  std::string text;
};

class CliTables : public ::testing::Test {
 protected:
  Output Cli(const std::string& db, const std::string& args) {
    auto result =
        testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File(db) + " " + args);
    Output output{result.exit_code, result.output};
    while (!output.text.empty() && output.text.back() == '\n')
      output.text.pop_back();
    return output;
  }

  std::string Put(const std::string& table, const nlohmann::json& fields) {
    auto output = Cli("a.db", "put " + table + " '" + fields.dump() + "'");
    EXPECT_EQ(output.exit_code, 0) << table << ": " << output.text;
    return output.text.substr(
        output.text.rfind('\n') == std::string::npos ? 0 : output.text.rfind('\n') + 1);
  }

  testing::TempDir dir_;
};

TEST_F(CliTables, EveryTableTakesAValidRecordRefusesAnInvalidOneAndSyncs) {
  std::map<std::string, std::string> ids;
  const auto& id = [&](const std::string& table) { return ids.at(table); };
  // One valid record per table, in the order their references need.
  const std::vector<std::pair<std::string, std::function<nlohmann::json()>>> valid = {
      {"townships",
       [] {
         return nlohmann::json{{"name", "明安图镇"}, {"township_kind", "town"}};
       }},
      {"staff",
       [&] {
         return nlohmann::json{{"township_id", id("townships")},
                               {"name", "萨仁高娃"},
                               {"staff_role", "nurse"},
                               {"phone", "13904790001"}};
       }},
      {"gachas",
       [&] {
         return nlohmann::json{{"township_id", id("townships")},
                               {"name", "额日和图嘎查"},
                               {"area_type", "pastoral"},
                               {"location", "42.30,115.00"}};
       }},
      {"rendezvous_points",
       [&] {
         return nlohmann::json{
             {"gacha_id", id("gachas")}, {"name", "S105 路口"}, {"road_type", "paved"}};
       }},
      {"stations",
       [&] {
         return nlohmann::json{{"name", "明安图镇中心卫生院急救站"},
                               {"station_kind", "township_station"},
                               {"township_id", id("townships")},
                               {"duty_phone", "0479-7220120"},
                               {"ambulances", 2}};
       }},
      {"roads",
       [&] {
         return nlohmann::json{{"from_gacha_id", id("gachas")},
                               {"to_station_id", id("stations")},
                               {"minutes_good", 25},
                               {"minutes_winter", 40},
                               {"two_wd_passable", true}};
       }},
      {"volunteers",
       [&] {
         return nlohmann::json{{"name", "其木格"},
                               {"phone", "13947900001"},
                               {"gacha_id", id("gachas")},
                               {"first_aid_trained_on", "2024-03-01"},
                               {"first_aid_expires_on", "2026-03-01"},
                               {"active", true}};
       }},
      {"vehicles",
       [&] {
         return nlohmann::json{{"plate", "蒙H12345"},
                               {"owner_category", "gacha_doctor"},
                               {"phone", "13947900001"},
                               {"township_id", id("townships")},
                               {"home_gacha_id", id("gachas")},
                               {"driver_id", id("volunteers")},
                               {"four_wd", true}};
       }},
      {"teams",
       [] {
         return nlohmann::json{{"name", "旗卫生应急小分队"}, {"team_level", "banner_squad"}};
       }},
      {"units",
       [&] {
         return nlohmann::json{{"team_id", id("teams")}, {"unit_kind", "poisoning_response"}};
       }},
      {"members",
       [&] {
         return nlohmann::json{
             {"team_id", id("teams")}, {"name", "乌日娜"}, {"team_role", "leader"}};
       }},
      {"posts",
       [&] {
         return nlohmann::json{
             {"unit_id", id("units")}, {"name", "洗胃"}, {"holder_a_id", id("members")}};
       }},
      {"transports",
       [&] {
         return nlohmann::json{{"call_received_at", "2024-05-01 10:00"},
                               {"first_contact_at", "2024-05-01 10:38"},
                               {"callback_phone", "13947900002"},
                               {"patient_sex", "female"},
                               {"patient_age", 67},
                               {"complaint_code", "stroke"},
                               {"acuity", "critical"},
                               {"pickup_gacha_id", id("gachas")},
                               {"transport_state", "active"}};
       }},
      {"transport_legs",
       [&] {
         return nlohmann::json{{"transport_id", id("transports")},
                               {"vehicle_id", id("vehicles")},
                               {"dispatched_at", "2024-05-01 10:03"}};
       }},
      {"handoffs",
       [&] {
         return nlohmann::json{{"transport_id", id("transports")},
                               {"rendezvous_point_id", id("rendezvous_points")},
                               {"carrier_arrived_at", "2024-05-01 10:31"},
                               {"receiver_arrived_at", "2024-05-01 10:35"},
                               {"transfer_at", "2024-05-01 10:38"},
                               {"handoff_kind", "patient_moved"}};
       }},
      {"trainings",
       [&] {
         return nlohmann::json{{"training_kind", "training_assessment"},
                               {"held_on", "2024-04-10"},
                               {"hours", 8},
                               {"team_id", id("teams")}};
       }},
      {"training_participants",
       [&] {
         return nlohmann::json{
             {"training_id", id("trainings")}, {"member_id", id("members")}, {"result", "passed"}};
       }},
      {"conflicts",
       [&] {
         return nlohmann::json{{"conflict_kind", "concurrent_edit"},
                               {"detected_at", "2024-05-01 11:00"},
                               {"table_name", "vehicles"},
                               {"record_id", id("vehicles")},
                               {"field_name", "seats"},
                               {"kept_value", "7"},
                               {"lost_value", "5"}};
       }},
      {"corrections",
       [&] {
         return nlohmann::json{
             {"table_name", "transports"},          {"record_id", id("transports")},
             {"field_name", "first_contact_at"},    {"corrected_value", "\"2024-05-01T02:38:00Z\""},
             {"value", "\"2024-05-01T02:36:00Z\""}, {"reason", "时间按对讲记录更正"},
             {"corrected_at", "2024-05-01 11:05"}};
       }},
  };
  ASSERT_EQ(valid.size(), SchemaTables().size()) << "a table of the registry is not covered";
  for (const auto& [table, fields] : valid) {
    ids[table] = Put(table, fields());
    auto record = nlohmann::json::parse(Cli("a.db", "get " + table + " " + ids[table]).text);
    EXPECT_EQ(record["id"], ids[table]) << table;
    // An invalid record: an unknown reference in the first field that is one, or else a
    // text far too long; refused with the field named, nothing stored.
    nlohmann::json invalid = fields();
    std::string bad_field;
    for (const auto& field : FindTable(table)->fields) {
      if (field.text_rule == TextRule::kReference && invalid.contains(field.name)) {
        invalid[field.name] = "01890a5d-ac96-774b-bcce-b302099a8057";
        bad_field = field.name;
        break;
      }
    }
    if (bad_field.empty()) {
      bad_field = "name";
      invalid[bad_field] = std::string(300, 'x');
    }
    auto refused = Cli("a.db", "put " + table + " '" + invalid.dump() + "'");
    EXPECT_NE(refused.exit_code, 0) << table;
    EXPECT_NE(refused.text.find(bad_field), std::string::npos) << table << ": " << refused.text;
    EXPECT_EQ(nlohmann::json::parse(Cli("a.db", "get " + table).text).size(), 1u) << table;
  }
  EXPECT_EQ(nlohmann::json::parse(
                Cli("a.db", "get transports " + id("transports")).text)["call_received_at"],
            "2024-05-01T02:00:00Z");

  // The computed views, against the hand-worked numbers of the records above.
  auto timeline = nlohmann::json::parse(Cli("a.db", "timeline " + id("transports")).text);
  EXPECT_EQ(timeline["call_to_first_contact_s"], 38 * 60);
  EXPECT_EQ(timeline["target_s"], 3600);  // a pastoral gacha
  EXPECT_EQ(timeline["met_target"], true);
  EXPECT_EQ(timeline["handoffs"][0]["carrier_wait_s"], 4 * 60);
  EXPECT_EQ(timeline["handoffs"][0]["receiver_wait_s"], 0);
  auto readiness = nlohmann::json::parse(Cli("a.db", "readiness " + id("teams")).text);
  EXPECT_EQ(readiness["posts"], 1);
  EXPECT_EQ(readiness["posts_filled"], 0);  // the post has no B holder
  EXPECT_EQ(readiness["members"], 1);
  EXPECT_NE(Cli("a.db", "timeline " + id("teams")).exit_code, 0);  // not a transport

  testing::ServerProcess server(RELAY_SERVER_BIN, dir_.File("county.db"));
  ASSERT_TRUE(server.Start());
  for (const char* laptop : {"a.db", "b.db"}) {
    EXPECT_EQ(Cli(laptop, "enroll " + server.url() + " " + server.IssueCode()).exit_code, 0);
  }
  EXPECT_EQ(Cli("a.db", "sync " + server.url()).exit_code, 0);
  EXPECT_EQ(Cli("b.db", "sync " + server.url()).exit_code, 0);
  EXPECT_EQ(Cli("a.db", "digest").text, Cli("b.db", "digest").text);
  for (const auto& [table, record_id] : ids) {
    EXPECT_EQ(Cli("b.db", "get " + table + " " + record_id).exit_code, 0) << table;
  }
}

}  // namespace
}  // namespace relay
