// Township scope and roles against a real relay-server: a clinic laptop pulls its township's
// records and the reference data only; a push outside its township or role is refused and
// stores nothing; a team lead keeps its own township's rosters; a revoked laptop is refused.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_client.h"
#include "relay/protocol.h"
#include "relay/schema.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

nlohmann::json Vehicle(const std::string& plate, const std::string& township) {
  return {{"plate", plate},
          {"owner_category", "public"},
          {"phone", "13800000000"},
          {"township_id", township}};
}

class ScopeEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start()) << "relay-server did not start";
    transport_ = std::make_unique<edge::CurlTransport>(server_.url());
    county_ = Laptop("county.db", server_.IssueCode());
    township_a_ = Put(*county_, "townships",
                      {{"name", "星耀镇"}, {"township_kind", "town"}, {"code", "152529101"}});
    township_b_ = Put(*county_, "townships",
                      {{"name", "明安图镇"}, {"township_kind", "town"}, {"code", "152529100"}});
    vehicle_a_ = Put(*county_, "vehicles", Vehicle("蒙H·11111", township_a_));
    vehicle_b_ = Put(*county_, "vehicles", Vehicle("蒙H·22222", township_b_));
    team_a_ =
        Put(*county_, "teams",
            {{"name", "星耀镇应急队"}, {"team_level", "township"}, {"township_id", township_a_}});
    team_b_ =
        Put(*county_, "teams",
            {{"name", "明安图镇应急队"}, {"team_level", "township"}, {"township_id", township_b_}});
    Sync(*county_);
  }

  std::unique_ptr<edge::LocalStore> Laptop(const std::string& file, const std::string& code) {
    auto store = edge::LocalStore::Open(dir_.File(file), clock_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    auto enrolled = edge::Enroll(*store.value(), *transport_, code);
    EXPECT_TRUE(enrolled.ok()) << enrolled.status().message();
    return std::move(store).value();
  }
  static std::string Put(edge::LocalStore& laptop, const std::string& table,
                         const nlohmann::json& fields) {
    auto id = laptop.Put(table, fields);
    EXPECT_TRUE(id.ok()) << table << ": " << id.status().message();
    return id.ok() ? id.value() : "";
  }
  Status Sync(edge::LocalStore& laptop) {
    auto report = edge::SyncClient(laptop, *transport_).Run();
    return report.ok() ? Status::Ok() : report.status();
  }
  std::string Digest() { return transport_->Send({"GET", "/v1/digest", ""}).value().body; }

  // A push of one change, made by hand as an older or altered client would send it.
  edge::HttpResponse PushByHand(edge::LocalStore& laptop, const std::string& table,
                                const std::string& id, const std::string& field,
                                const nlohmann::json& value) {
    PushRequest request;
    request.schema_version = kSchemaVersion;
    request.device = laptop.device_id();
    const HlcTimestamp now{clock_.NowMs(), 0};
    const int64_t seq = laptop.HighestSeqIssued().value() + 1;
    request.changes.push_back(
        {seq, Change{table, id, field, value, now, laptop.device_id(), {}, ""}});
    const std::string token = laptop.ReadEnrollment().value()->token;
    return transport_->Send({"POST", "/v1/push", EncodePushRequest(request), token}).value();
  }

  testing::TempDir dir_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("server.db")};
  SystemClock clock_;
  std::unique_ptr<edge::CurlTransport> transport_;
  std::unique_ptr<edge::LocalStore> county_;
  std::string township_a_, township_b_, vehicle_a_, vehicle_b_, team_a_, team_b_;
};

TEST_F(ScopeEndToEnd, AClinicPullsItsTownshipOnlyAndItsWritesOutsideItAreRefused) {
  auto clinic = Laptop("clinic.db", server_.IssueCode("clinic", "152529101"));
  ASSERT_TRUE(Sync(*clinic).ok());
  EXPECT_EQ(clinic->List("townships").value().size(), 2u);
  std::set<std::string> vehicles, teams;
  const auto vehicle_records = clinic->List("vehicles").value();
  for (const auto& vehicle : vehicle_records)
    vehicles.insert(vehicle["id"].get<std::string>());
  const auto team_records = clinic->List("teams").value();
  for (const auto& team : team_records)
    teams.insert(team["id"].get<std::string>());
  EXPECT_EQ(vehicles, std::set<std::string>{vehicle_a_});
  EXPECT_EQ(teams, std::set<std::string>{team_a_});

  const std::string before = Digest();
  struct Attempt {
    std::string table, id, field;
    nlohmann::json value;
    std::string rule;
  };
  const std::vector<Attempt> attempts = {
      {"vehicles", vehicle_b_, "seats", 4, "belongs to 明安图镇, not to this laptop's 星耀镇"},
      {"vehicles", vehicle_a_, "township_id", township_b_, "after this push the record"},
      {"townships", township_a_, "name", "星耀", "reference geography"},
      {"teams", team_a_, "name", "新队名", "team rosters"}};
  for (const auto& [table, id, field, value, rule] : attempts) {
    const auto reply = PushByHand(*clinic, table, id, field, value);
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(DecodeErrorCode(reply.body), "out_of_scope");
    EXPECT_NE(DecodeErrorMessage(reply.body).find(rule), std::string::npos) << reply.body;
  }
  EXPECT_EQ(Digest(), before);

  // The laptop itself refuses those edits before they reach its outbox.
  edge::PutError errors;
  EXPECT_FALSE(clinic->Put("townships", {{"id", township_a_}, {"name", "星耀"}}, &errors).ok());
  EXPECT_EQ(errors.errors.at(0).rule, "role");
  EXPECT_EQ(clinic->ReadSyncStatus().value().pending_changes, 0);
  // Its own township's records it keeps up.
  Put(*clinic, "vehicles", {{"id", vehicle_a_}, {"seats", 4}});
  ASSERT_TRUE(Sync(*clinic).ok());
  ASSERT_TRUE(Sync(*county_).ok());
  EXPECT_EQ(county_->Get("vehicles", vehicle_a_).value()["seats"], 4);
}

TEST_F(ScopeEndToEnd, EveryLaptopPullsTheCountysRoadsAndOnlyTheCountyChangesThem) {
  // A road in the other township: reference geography is every laptop's, for planning.
  const std::string gacha =
      Put(*county_, "gachas",
          {{"township_id", township_b_}, {"name", "额日和图嘎查"}, {"area_type", "pastoral"}});
  const std::string station = Put(*county_, "stations",
                                  {{"name", "明安图镇中心卫生院急救站"},
                                   {"station_kind", "township_station"},
                                   {"township_id", township_b_}});
  const std::string road = Put(*county_, "roads",
                               {{"from_gacha_id", gacha},
                                {"to_station_id", station},
                                {"minutes_good", 25},
                                {"minutes_winter", 40},
                                {"two_wd_passable", false}});
  ASSERT_TRUE(Sync(*county_).ok());
  auto clinic = Laptop("clinic.db", server_.IssueCode("clinic", "152529101"));
  ASSERT_TRUE(Sync(*clinic).ok());
  auto pulled = clinic->Get("roads", road);
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  EXPECT_EQ(pulled.value()["minutes_winter"], 40);
  EXPECT_EQ(pulled.value()["two_wd_passable"], false);

  const std::string before = Digest();
  const auto reply = PushByHand(*clinic, "roads", road, "minutes_good", 5);
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_NE(DecodeErrorMessage(reply.body).find("reference geography"), std::string::npos);
  EXPECT_EQ(Digest(), before);
  edge::PutError errors;
  EXPECT_FALSE(clinic->Put("roads", {{"id", road}, {"minutes_good", 5}}, &errors).ok());
  EXPECT_EQ(errors.errors.at(0).rule, "role");
}

TEST_F(ScopeEndToEnd, ATeamLeadKeepsItsOwnTownshipsRosters) {
  auto lead = Laptop("lead.db", server_.IssueCode("team-lead", "152529101"));
  ASSERT_TRUE(Sync(*lead).ok());
  Put(*lead, "members", {{"team_id", team_a_}, {"name", "巴特尔"}});
  ASSERT_TRUE(Sync(*lead).ok());
  const auto reply =
      PushByHand(*lead, "members", "01890a5d-0000-7000-8000-000000000099", "team_id", team_b_);
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_NE(DecodeErrorMessage(reply.body).find("belongs to 明安图镇"), std::string::npos);
  ASSERT_TRUE(Sync(*county_).ok());
  EXPECT_EQ(county_->List("members").value().size(), 1u);
}

TEST_F(ScopeEndToEnd, ARevokedLaptopIsRefused) {
  auto clinic = Laptop("clinic.db", server_.IssueCode("clinic", "152529101"));
  ASSERT_TRUE(Sync(*clinic).ok());
  const auto revoked = testing::RunCommand(std::string(RELAY_SERVER_BIN) + " admin revoke --db " +
                                           dir_.File("server.db") + " " + clinic->device_id());
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  Put(*clinic, "vehicles", {{"id", vehicle_a_}, {"seats", 6}});
  const Status refused = Sync(*clinic);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("revoked"), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find("401"), std::string::npos) << refused.message();
  EXPECT_EQ(clinic->ReadSyncStatus().value().pending_changes, 1);  // kept for a new enrollment
}

}  // namespace
}  // namespace relay
