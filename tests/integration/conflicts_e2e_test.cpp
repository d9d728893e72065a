// Concurrent edits of one field on two laptops, end to end: the county server keeps the
// overwritten value in a conflict record, every laptop receives it, and a person settles it
// with relay-cli on one laptop; the settlement syncs like any edit.
#include <gtest/gtest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "relay/edge/curl_transport.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

using testing::CommandResult;

CommandResult RunCli(const std::string& db, const std::string& args) {
  return testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " + db + " " + args);
}

class ConflictsEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start()) << "relay-server did not start";
    for (const char* laptop : {"a.db", "b.db"}) {
      Cli(laptop, "init");
      Cli(laptop, "enroll " + server_.url() + " " + server_.IssueCode());
    }
  }

  // Runs relay-cli on a laptop's database and returns what it printed; the command must succeed.
  std::string Cli(const std::string& laptop, const std::string& args) {
    auto result = RunCli(dir_.File(laptop), args);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.output;
    return result.output;
  }
  void Sync(const std::string& laptop) { Cli(laptop, "sync " + server_.url()); }
  nlohmann::json OpenConflicts(const std::string& laptop) {
    return nlohmann::json::parse(Cli(laptop, "conflicts"));
  }
  nlohmann::json Vehicle(const std::string& laptop, const std::string& id) {
    return nlohmann::json::parse(Cli(laptop, "get vehicles " + id));
  }
  std::string ServerDigest() {
    edge::CurlTransport transport(server_.url());
    auto reply = transport.Send({"GET", "/v1/digest", ""});
    return reply.ok() ? nlohmann::json::parse(reply.value().body)["digest"].get<std::string>()
                      : "unavailable";
  }
  std::string Put(const std::string& laptop, const std::string& json) {
    std::string out = Cli(laptop, "put vehicles '" + json + "'");
    while (!out.empty() && out.back() == '\n')
      out.pop_back();
    return out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
  }

  testing::TempDir dir_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
};

TEST_F(ConflictsEndToEnd, AConcurrentOverwriteIsKeptAndSettledOnceForEveryone) {
  const std::string id =
      Put("a.db", R"({"plate":"蒙H·12345","owner_category":"cadre","phone":"13800000000",)"
                  R"("seats":5})");
  Sync("a.db");
  Sync("b.db");

  // Both laptops offline: the same field changed on each, and different fields changed too.
  Put("a.db", R"({"id":")" + id + R"(","seats":7,"note":"后排可放担架"})");
  Put("b.db", R"({"id":")" + id + R"(","seats":9,"phone":"13900000000"})");
  Sync("a.db");
  Sync("b.db");
  Sync("a.db");

  for (const char* laptop : {"a.db", "b.db"}) {
    const auto conflicts = OpenConflicts(laptop);
    ASSERT_EQ(conflicts.size(), 1u) << laptop << "\n" << conflicts.dump(2);
    const auto& conflict = conflicts[0];
    EXPECT_EQ(conflict["table_name"], "vehicles");
    EXPECT_EQ(conflict["record_id"], id);
    EXPECT_EQ(conflict["field_name"], "seats");  // not note or phone: nobody overwrote those
    EXPECT_EQ(conflict["kept_value"], "9");      // the later write wins the merge …
    EXPECT_EQ(conflict["lost_value"], "7");      // … and the overwritten one is kept here
    EXPECT_NE(conflict["kept_device"], conflict["lost_device"]);
    const auto vehicle = Vehicle(laptop, id);
    EXPECT_EQ(vehicle["seats"], 9);
    EXPECT_EQ(vehicle["note"], "后排可放担架");
    EXPECT_EQ(vehicle["phone"], "13900000000");
  }
  EXPECT_EQ(Cli("a.db", "digest"), Cli("b.db", "digest"));

  const std::string conflict_id = OpenConflicts("a.db")[0]["id"];
  // A settlement needs a reason, and a value the field accepts; a refusal stores nothing.
  EXPECT_NE(RunCli(dir_.File("a.db"), "resolve " + conflict_id + " lost ''").exit_code, 0);
  const auto refused = RunCli(dir_.File("a.db"), "resolve " + conflict_id + " value 99 '量过了'");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("seats"), std::string::npos) << refused.output;
  EXPECT_EQ(OpenConflicts("a.db").size(), 1u);
  EXPECT_EQ(Vehicle("a.db", id)["seats"], 9);

  Cli("a.db", "resolve " + conflict_id + " lost '到现场量过，是 7 座'");
  EXPECT_EQ(OpenConflicts("a.db").size(), 0u);
  Sync("a.db");
  Sync("b.db");
  Sync("a.db");
  for (const char* laptop : {"a.db", "b.db"}) {
    EXPECT_EQ(OpenConflicts(laptop).size(), 0u) << laptop;
    EXPECT_EQ(Vehicle(laptop, id)["seats"], 7) << laptop;
    const auto settled = nlohmann::json::parse(Cli(laptop, "get conflicts " + conflict_id));
    EXPECT_EQ(settled["conflict_state"], "resolved");
    EXPECT_EQ(settled["resolution"], "7");
    EXPECT_EQ(settled["reason"], "到现场量过，是 7 座");
  }
  // Settling is an informed edit: it raised no new conflict anywhere.
  EXPECT_EQ(Cli("a.db", "digest"), Cli("b.db", "digest"));
  EXPECT_EQ(Cli("a.db", "digest"), ServerDigest() + "\n");

  // A settled conflict cannot be settled again.
  EXPECT_NE(RunCli(dir_.File("b.db"), "resolve " + conflict_id + " keep '再看一次'").exit_code, 0);
}

TEST_F(ConflictsEndToEnd, EditsMadeOneAfterAnotherRaiseNoConflict) {
  const std::string id =
      Put("a.db", R"({"plate":"蒙H·54321","owner_category":"public","phone":"13800000000"})");
  Sync("a.db");
  Sync("b.db");
  Put("b.db", R"({"id":")" + id + R"(","seats":4})");  // b saw a's record
  Sync("b.db");
  Sync("a.db");
  Put("a.db", R"({"id":")" + id + R"(","seats":6})");  // a saw b's 4
  Sync("a.db");
  Sync("b.db");
  EXPECT_EQ(OpenConflicts("a.db").size(), 0u);
  EXPECT_EQ(OpenConflicts("b.db").size(), 0u);
  EXPECT_EQ(Vehicle("b.db", id)["seats"], 6);
}

TEST_F(ConflictsEndToEnd, ADuplicateRegistrationIsMergedAndEveryReferenceFollows) {
  const std::string vehicle =
      R"({"plate":"蒙H·A1991","owner_category":"gacha_doctor","phone":"13800000000"})";
  const std::string kept = Put("a.db", vehicle);
  const std::string duplicate = Put("b.db", vehicle);
  Put("b.db", R"({"id":")" + duplicate + R"(","seats":5,"note":"白色越野车"})");
  const std::string transport =
      Cli("b.db", R"(put transports '{"call_received_at":"2024-05-01 10:00"}')");
  const std::string transport_id = transport.substr(0, transport.size() - 1);
  std::string leg = Cli("b.db", "put transport_legs '{\"transport_id\":\"" + transport_id +
                                    "\",\"vehicle_id\":\"" + duplicate + "\"}'");
  leg.pop_back();
  Sync("a.db");
  Sync("b.db");
  Sync("a.db");
  const auto flagged = OpenConflicts("a.db");
  ASSERT_EQ(flagged.size(), 1u) << flagged.dump(2);
  EXPECT_EQ(flagged[0]["conflict_kind"], "duplicate");

  // Merging needs a reason and a current record to keep.
  EXPECT_NE(RunCli(dir_.File("a.db"), "merge vehicles " + duplicate + " " + kept + " ''").exit_code,
            0);
  EXPECT_NE(RunCli(dir_.File("a.db"), "merge vehicles " + kept + " " + kept + " 同一辆").exit_code,
            0);
  Cli("a.db", "merge vehicles " + duplicate + " " + kept + " '同一辆车，两个卫生院各登记了一次'");
  Sync("a.db");
  Sync("b.db");
  Sync("a.db");
  for (const char* laptop : {"a.db", "b.db"}) {
    EXPECT_EQ(OpenConflicts(laptop).size(), 0u) << laptop;
    const auto alias = Vehicle(laptop, duplicate);
    EXPECT_EQ(alias["archived"], true);
    EXPECT_EQ(alias["merged_into"], kept);
    const auto merged = Vehicle(laptop, kept);
    EXPECT_EQ(merged["seats"], 5);  // what only the duplicate knew is kept
    EXPECT_EQ(merged["note"], "白色越野车");
    const auto moved = nlohmann::json::parse(Cli(laptop, "get transport_legs " + leg));
    EXPECT_EQ(moved["vehicle_id"], kept);
  }
  EXPECT_EQ(Cli("a.db", "digest"), Cli("b.db", "digest"));

  // A laptop that had not heard of the merge still points a new leg at the alias: flagged.
  Cli("b.db", "put transport_legs '{\"transport_id\":\"" + transport_id + "\",\"vehicle_id\":\"" +
                  duplicate + "\"}'");
  Sync("b.db");
  Sync("a.db");
  const auto late = OpenConflicts("a.db");
  ASSERT_EQ(late.size(), 1u) << late.dump(2);
  EXPECT_EQ(late[0]["rule"], "merged_reference");
  EXPECT_EQ(late[0]["other_record_id"], kept);
}

}  // namespace
}  // namespace relay
