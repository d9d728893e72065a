#include <cstdio>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "relay/schema.h"
#include "scope_guard.h"
#include "sqlite_server_storage.h"
#include "sync_service.h"
#include "temp_dir.h"

namespace relay::server {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;

// Ids of the fixture: two townships with a gacha, a vehicle and a team each.
std::string Id(int n) {
  char id[37];
  std::snprintf(id, sizeof id, "01890a5d-0000-7000-8000-%012d", n);
  return id;
}
const std::string kCountyLaptop = Id(1), kClinicA = Id(2), kClinicA2 = Id(3), kClinicB = Id(4),
                  kLeadA = Id(5);
const std::string kTownshipA = Id(10), kTownshipB = Id(11), kGachaA = Id(12), kGachaB = Id(13),
                  kVehicleA = Id(14), kVehicleB = Id(15), kTeamA = Id(16), kTeamB = Id(17),
                  kMemberA = Id(18), kMemberB = Id(19);

// Fields of one record, each pushed as one change.
struct Write {
  std::string table;
  std::string id;
  nlohmann::json fields;
};

class TownshipScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_EQ(
        Push(county_,
             {{"townships", kTownshipA, {{"name", "星耀镇"}, {"township_kind", "town"}}},
              {"townships", kTownshipB, {{"name", "明安图镇"}, {"township_kind", "town"}}},
              {"gachas",
               kGachaA,
               {{"township_id", kTownshipA}, {"name", "乌兰嘎查"}, {"area_type", "pastoral"}}},
              {"gachas",
               kGachaB,
               {{"township_id", kTownshipB}, {"name", "巴音嘎查"}, {"area_type", "farming"}}},
              {"vehicles", kVehicleA, Vehicle("蒙H·11111", kTownshipA)},
              {"vehicles", kVehicleB, Vehicle("蒙H·22222", kTownshipB)},
              {"teams", kTeamA, Team("星耀镇卫生院应急队", kTownshipA)},
              {"teams", kTeamB, Team("明安图镇卫生院应急队", kTownshipB)},
              {"members", kMemberA, {{"team_id", kTeamA}, {"name", "巴特尔"}}},
              {"members", kMemberB, {{"team_id", kTeamB}, {"name", "其其格"}}}})
            .status,
        200);
  }

  void Open() {
    service_.reset();
    storage_.reset();
    auto storage = SqliteServerStorage::Open(dir_.File("server.db"), clock_);
    ASSERT_TRUE(storage.ok()) << storage.status().message();
    storage_ = std::move(storage).value();
    service_ = std::make_unique<SyncService>(*storage_, clock_, ServiceLimits{});
  }

  static nlohmann::json Vehicle(const std::string& plate, const std::string& township) {
    return {{"plate", plate},
            {"owner_category", "public"},
            {"phone", "13800000000"},
            {"township_id", township}};
  }
  // A transport called in at a gacha.
  static nlohmann::json CallAt(const std::string& gacha) {
    return {{"call_received_at", "2024-05-01 10:00"}, {"pickup_gacha_id", gacha}};
  }
  static nlohmann::json Team(const std::string& name, const std::string& township) {
    return {{"name", name}, {"team_level", "township"}, {"township_id", township}};
  }

  struct Laptop {
    DeviceGrant grant;
    int64_t seq = 0;
  };

  ServiceReply Push(Laptop& laptop, const std::vector<Write>& writes) {
    PushRequest request;
    request.schema_version = kSchemaVersion;
    request.device = laptop.grant.device;
    int64_t seq = laptop.seq;
    for (const auto& write : writes) {
      for (const auto& [field, value] : write.fields.items()) {
        request.changes.push_back({++seq, Change{write.table,
                                                 write.id,
                                                 field,
                                                 value,
                                                 HlcTimestamp{kNow, ++logical_},
                                                 laptop.grant.device,
                                                 {},
                                                 ""}});
      }
    }
    auto reply = service_->Push(EncodePushRequest(request), laptop.grant);
    if (reply.status == 200) laptop.seq = seq;
    return reply;
  }

  // Every change the laptop pulls, from the start of the feed or from *cursor, which is moved
  // to the end.
  std::vector<Change> Pulled(const Laptop& laptop, int64_t* cursor = nullptr) {
    std::vector<Change> changes;
    int64_t after = cursor ? *cursor : 0;
    for (bool more = true; more;) {
      auto reply = service_->Pull({{"after", std::to_string(after)}, {"limit", "7"}}, laptop.grant);
      EXPECT_EQ(reply.status, 200) << reply.body;
      auto page = DecodePullResponse(reply.body);
      if (!page.ok()) break;
      for (const auto& entry : page.value().changes)
        changes.push_back(entry.change);
      EXPECT_TRUE(page.value().next_cursor > after || !page.value().more);
      after = page.value().next_cursor;
      more = page.value().more;
    }
    if (cursor) *cursor = after;
    return changes;
  }

  static std::set<std::string> RecordsIn(const std::vector<Change>& changes) {
    std::set<std::string> ids;
    for (const auto& change : changes)
      ids.insert(change.record_id);
    return ids;
  }

  // Asserts a refusal for what the device may not do, and that nothing of it was stored.
  void ExpectRefused(Laptop& laptop, const std::vector<Write>& writes, const std::string& rule) {
    const std::string digest = storage_->Digest().value();
    const size_t feed =
        storage_->ReadFeed(0, 100000, "", AccessScope::County()).value().changes.size();
    auto reply = Push(laptop, writes);
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_NE(reply.body.find("out_of_scope"), std::string::npos) << reply.body;
    EXPECT_NE(DecodeErrorMessage(reply.body).find(rule), std::string::npos) << reply.body;
    EXPECT_NE(DecodeErrorMessage(reply.body).find("nothing of this push was stored"),
              std::string::npos);
    EXPECT_EQ(storage_->Digest().value(), digest);
    EXPECT_EQ(storage_->ReadFeed(0, 100000, "", AccessScope::County()).value().changes.size(),
              feed);
  }

  // Asserts that each township laptop pulls from the start exactly the feed entries of the
  // records ScopeGuard::MayRead lets it read as they stand now, and in cursor order.
  void ExpectPullsFollowRecordHomes() {
    auto db = sql::Database::Open(dir_.File("server.db")).value();
    ReplicaState state(*db);
    const auto feed = storage_->ReadFeed(0, 100000, "", AccessScope::County()).value().changes;
    for (const Laptop* laptop : {&clinic_a_, &clinic_b_}) {
      ScopeGuard guard(*db, state, laptop->grant.scope());
      std::vector<int64_t> readable, pulled;
      for (const auto& entry : feed) {
        if (guard.MayRead(entry.change.table, entry.change.record_id))
          readable.push_back(entry.cursor);
      }
      const auto page = storage_->ReadFeed(0, 100000, "", laptop->grant.scope()).value();
      for (const auto& entry : page.changes)
        pulled.push_back(entry.cursor);
      EXPECT_EQ(pulled, readable) << "the laptop of township " << laptop->grant.township_id;
    }
  }

  testing::TempDir dir_;
  ManualClock clock_{kNow};
  uint16_t logical_ = 0;  // each change is stamped after every earlier one
  std::unique_ptr<SqliteServerStorage> storage_;
  std::unique_ptr<SyncService> service_;
  Laptop county_{{kCountyLaptop, "", "county"}};
  Laptop clinic_a_{{kClinicA, kTownshipA, "clinic"}};
  Laptop clinic_a2_{{kClinicA2, kTownshipA, "clinic"}};
  Laptop clinic_b_{{kClinicB, kTownshipB, "clinic"}};
  Laptop lead_a_{{kLeadA, kTownshipA, "team-lead"}};
};

TEST_F(TownshipScopeTest, AScopedPullHoldsItsTownshipAndTheReferenceDataOnly) {
  const auto records = RecordsIn(Pulled(clinic_a_));
  const std::set<std::string> expected = {kTownshipA, kTownshipB, kGachaA, kGachaB,
                                          kVehicleA,  kTeamA,     kMemberA};
  EXPECT_EQ(records, expected);
  EXPECT_EQ(RecordsIn(Pulled(county_)).size(), 10u);
}

TEST_F(TownshipScopeTest, ARecordCreatedWithoutAPlaceStaysInTheTownshipThatCreatedIt) {
  const std::string transport = Id(30), leg = Id(31);
  ASSERT_EQ(
      Push(clinic_a_,
           {{"transports", transport, {{"call_received_at", "2024-05-01 10:00"}}},
            {"transport_legs", leg, {{"transport_id", transport}, {"vehicle_id", kVehicleA}}}})
          .status,
      200);
  EXPECT_TRUE(RecordsIn(Pulled(clinic_a2_)).count(transport));
  EXPECT_TRUE(RecordsIn(Pulled(clinic_a2_)).count(leg));
  EXPECT_FALSE(RecordsIn(Pulled(clinic_b_)).count(transport));
  EXPECT_FALSE(RecordsIn(Pulled(clinic_b_)).count(leg));
  // Another laptop of the township goes on with it; the other township may not touch it.
  EXPECT_EQ(Push(clinic_a2_, {{"transports", transport, {{"acuity", "urgent"}}}}).status, 200);
  ExpectRefused(clinic_b_, {{"transports", transport, {{"acuity", "critical"}}}},
                "belongs to 星耀镇, not to this laptop's 明安图镇");
}

TEST_F(TownshipScopeTest, APickupInANeighbouringGachaDoesNotMoveATransportAway) {
  const std::string transport = Id(32);
  ASSERT_EQ(Push(clinic_a_, {{"transports", transport, CallAt(kGachaB)}}).status, 200);
  EXPECT_TRUE(RecordsIn(Pulled(clinic_a2_)).count(transport));
  EXPECT_FALSE(RecordsIn(Pulled(clinic_b_)).count(transport));
}

TEST_F(TownshipScopeTest, AWriteToAnotherTownshipsRecordRefusesTheWholeBatch) {
  const std::string volunteer = Id(33);
  ExpectRefused(
      clinic_a_,
      {{"volunteers", volunteer, {{"name", "图雅"}, {"phone", "13900000000"}}},
       {"vehicles", kVehicleB, {{"seats", 4}}}},
      "changes[2] (vehicles " + kVehicleB + ", field seats): the record belongs to 明安图镇");
  // The refused numbers were not taken: the laptop sends its next change under them.
  EXPECT_EQ(Push(clinic_a_, {{"vehicles", kVehicleA, {{"seats", 4}}}}).status, 200);
}

TEST_F(TownshipScopeTest, ARecordIsNeitherMovedNorCreatedOutsideTheTownship) {
  ExpectRefused(clinic_a_, {{"vehicles", kVehicleA, {{"township_id", kTownshipB}}}},
                "after this push the record belongs to 明安图镇, not to this laptop's 星耀镇");
  ExpectRefused(clinic_a_, {{"vehicles", Id(34), Vehicle("蒙H·33333", kTownshipB)}},
                "after this push the record belongs to 明安图镇");
  ExpectRefused(clinic_a_, {{"members", Id(35), {{"team_id", kTeamB}, {"name", "苏和"}}}},
                "team rosters");
  ExpectRefused(lead_a_, {{"members", Id(35), {{"team_id", kTeamB}, {"name", "苏和"}}}},
                "after this push the record belongs to 明安图镇");
}

TEST_F(TownshipScopeTest, RolesLimitWhatEachMayChange) {
  ExpectRefused(clinic_a_, {{"gachas", kGachaA, {{"name", "新嘎查"}}}},
                "gachas: reference geography is changed by the county office only");
  ExpectRefused(lead_a_, {{"townships", Id(36), {{"name", "新镇"}, {"township_kind", "sumu"}}}},
                "reference geography");
  ExpectRefused(clinic_a_, {{"members", kMemberA, {{"profession", "护士"}}}},
                "members: team rosters and training records are changed by a team lead");
  ExpectRefused(clinic_a_, {{"vehicles", kVehicleA, {{"merged_into", Id(37)}}}},
                "merged_into: merging duplicates is for a team lead or the county office");
  EXPECT_EQ(Push(lead_a_, {{"members", kMemberA, {{"profession", "护士"}}}}).status, 200);
  EXPECT_EQ(Push(lead_a_, {{"vehicles", kVehicleA, {{"merged_into", kVehicleA}}}}).status, 200);
  EXPECT_EQ(Push(county_, {{"gachas", kGachaA, {{"name", "新嘎查"}}}}).status, 200);
  EXPECT_EQ(Push(county_, {{"vehicles", kVehicleB, {{"township_id", kTownshipA}}}}).status, 200);
}

// A laptop that pulled past a record's changes while it was another township's gets the
// whole record, and the records that follow it, once the county moves it to its township.
TEST_F(TownshipScopeTest, ARecordMovedIntoATownshipReachesItsLaptopsWhole) {
  int64_t cursor = 0;
  Pulled(clinic_a_, &cursor);
  ASSERT_EQ(Push(county_, {{"teams", kTeamB, {{"township_id", kTownshipA}}}}).status, 200);
  std::map<std::string, std::set<std::string>> fields;
  for (const auto& change : Pulled(clinic_a_, &cursor))
    fields[change.record_id].insert(change.field);
  EXPECT_EQ(fields[kTeamB], (std::set<std::string>{"name", "team_level", "township_id"}));
  EXPECT_EQ(fields[kMemberB], (std::set<std::string>{"team_id", "name"}));
  EXPECT_FALSE(fields.count(kVehicleB));
  // The other township's laptops no longer get it.
  EXPECT_FALSE(RecordsIn(Pulled(clinic_b_)).count(kMemberB));
}

TEST_F(TownshipScopeTest, APartOfARecordOfTheCountyAloneIsTheCountysToo) {
  const std::string squad = Id(40);
  ASSERT_EQ(
      Push(county_, {{"teams", squad, {{"name", "旗应急分队"}, {"team_level", "banner_squad"}}}})
          .status,
      200);
  ExpectRefused(lead_a_, {{"members", Id(41), {{"team_id", squad}, {"name", "苏和"}}}},
                "after this push the record belongs to no township");
  EXPECT_FALSE(RecordsIn(Pulled(lead_a_)).count(squad));
}

TEST_F(TownshipScopeTest, MovingAGachaBringsWhatItPlacesToItsNewTownship) {
  const std::string vehicle = Id(42);
  nlohmann::json fields = Vehicle("蒙H·44444", kTownshipB);
  fields.erase("township_id");
  fields["home_gacha_id"] = kGachaB;
  ASSERT_EQ(Push(county_, {{"vehicles", vehicle, fields}}).status, 200);
  int64_t cursor = 0;
  EXPECT_FALSE(RecordsIn(Pulled(clinic_a_, &cursor)).count(vehicle));
  ASSERT_EQ(Push(county_, {{"gachas", kGachaB, {{"township_id", kTownshipA}}}}).status, 200);
  std::set<std::string> fields_pulled;
  for (const auto& change : Pulled(clinic_a_, &cursor)) {
    if (change.record_id == vehicle) fields_pulled.insert(change.field);
  }
  EXPECT_EQ(fields_pulled,
            (std::set<std::string>{"plate", "owner_category", "phone", "home_gacha_id"}));
}

TEST_F(TownshipScopeTest, ARefusalNamesEveryChangeOfTheRecordInThePush) {
  auto reply = Push(clinic_a_, {{"vehicles", kVehicleA, {{"seats", 4}}},
                                {"vehicles", Id(43), Vehicle("蒙H·55555", kTownshipB)}});
  ASSERT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(DecodeErrorSeqs(reply.body), (std::vector<int64_t>{2, 3, 4, 5}));
}

TEST_F(TownshipScopeTest, ADuplicateAcrossTownshipsIsTheCountysToSettle) {
  ASSERT_EQ(Push(clinic_a_, {{"vehicles", Id(44), Vehicle("蒙H·22222", kTownshipA)}}).status, 200);
  std::string conflict;
  for (const auto& change : Pulled(county_)) {
    if (change.table == "conflicts") conflict = change.record_id;
  }
  ASSERT_FALSE(conflict.empty());
  EXPECT_FALSE(RecordsIn(Pulled(clinic_a_)).count(conflict));
  EXPECT_FALSE(RecordsIn(Pulled(clinic_b_)).count(conflict));
}

TEST_F(TownshipScopeTest, ConflictsAndCorrectionsFollowTheRecordTheyName) {
  // Two laptops give one vehicle different seat counts unaware of each other: a conflict.
  ASSERT_EQ(Push(clinic_a_, {{"vehicles", kVehicleA, {{"seats", 4}}}}).status, 200);
  ASSERT_EQ(Push(clinic_a2_, {{"vehicles", kVehicleA, {{"seats", 7}}}}).status, 200);
  std::string conflict;
  for (const auto& change : Pulled(county_)) {
    if (change.table == "conflicts") conflict = change.record_id;
  }
  ASSERT_FALSE(conflict.empty());
  EXPECT_TRUE(RecordsIn(Pulled(clinic_a_)).count(conflict));
  EXPECT_FALSE(RecordsIn(Pulled(clinic_b_)).count(conflict));
  ExpectRefused(clinic_b_, {{"conflicts", conflict, {{"conflict_state", "resolved"}}}},
                "belongs to 星耀镇");
  EXPECT_EQ(Push(clinic_a_, {{"conflicts", conflict, {{"conflict_state", "resolved"}}}}).status,
            200);
}

// A township's pull costs what it returns: entries of another township, however many, are not
// looked at one by one.
TEST_F(TownshipScopeTest, APullCostsWhatItReturnsNotWhatTheFeedHolds) {
  auto pull = [this] {
    const int64_t steps = storage_->VmSteps();
    const size_t pulled = Pulled(clinic_a_).size();
    return std::make_pair(pulled, storage_->VmSteps() - steps);
  };
  const auto [pulled, steps] = pull();
  // 600 vehicles more of the other township: 2,400 entries the pull does not return.
  for (int batch = 0; batch < 6; ++batch) {
    std::vector<Write> writes;
    for (int n = batch * 100; n < batch * 100 + 100; ++n) {
      char plate[32];
      std::snprintf(plate, sizeof plate, "蒙K·%05d", n);
      writes.push_back({"vehicles", Id(1000 + n), Vehicle(plate, kTownshipB)});
    }
    ASSERT_EQ(Push(clinic_b_, writes).status, 200);
  }
  const auto [pulled_now, steps_now] = pull();
  EXPECT_EQ(pulled_now, pulled);
  EXPECT_LT(steps_now, steps + steps / 5)
      << steps << " SQLite steps for the pull before, " << steps_now << " after";
}

// A leg stored before its transport is its creator's township's; once the county stores the
// transport in another township's gacha, the leg is that township's too.
TEST_F(TownshipScopeTest, APartStoredBeforeItsRecordFollowsItWhenItComes) {
  const std::string transport = Id(50), leg = Id(51);
  ASSERT_EQ(
      Push(clinic_a_,
           {{"transport_legs", leg, {{"transport_id", transport}, {"vehicle_id", kVehicleA}}}})
          .status,
      200);
  EXPECT_TRUE(RecordsIn(Pulled(clinic_a2_)).count(leg));
  ASSERT_EQ(Push(county_, {{"transports", transport, CallAt(kGachaB)}}).status, 200);
  EXPECT_TRUE(RecordsIn(Pulled(clinic_b_)).count(leg));
  EXPECT_FALSE(RecordsIn(Pulled(clinic_a2_)).count(leg));
  ExpectPullsFollowRecordHomes();
}

// A duplicate within one township is that township's; when the county moves the record it
// names as the other one away, the duplicate spans two townships and is the county's.
TEST_F(TownshipScopeTest, ADuplicateWhoseOtherRecordMovesAwayIsTheCountys) {
  ASSERT_EQ(Push(clinic_a_, {{"vehicles", Id(52), Vehicle("蒙H·11111", kTownshipA)}}).status, 200);
  std::string conflict, other;
  for (const auto& change : Pulled(county_)) {
    if (change.table == "conflicts") conflict = change.record_id;
    if (change.table == "conflicts" && change.field == "other_record_id")
      other = change.value.get<std::string>();
  }
  ASSERT_FALSE(conflict.empty());
  ASSERT_FALSE(other.empty());
  EXPECT_TRUE(RecordsIn(Pulled(clinic_a_)).count(conflict));
  ASSERT_EQ(Push(county_, {{"vehicles", other, {{"township_id", kTownshipB}}}}).status, 200);
  EXPECT_FALSE(RecordsIn(Pulled(clinic_a_)).count(conflict));
  EXPECT_FALSE(RecordsIn(Pulled(clinic_b_)).count(conflict));
  ExpectPullsFollowRecordHomes();
}

// Moving a team, a gacha and a vehicle between townships moves their entries, and those of
// the records that follow them, from one township's pull to the other's.
TEST_F(TownshipScopeTest, MovesKeepEachPullToTheRecordsAsTheyStand) {
  ASSERT_EQ(Push(county_, {{"teams", kTeamB, {{"township_id", kTownshipA}}}}).status, 200);
  ASSERT_EQ(Push(county_, {{"gachas", kGachaA, {{"township_id", kTownshipB}}}}).status, 200);
  ASSERT_EQ(Push(county_, {{"vehicles", kVehicleA, {{"township_id", kTownshipB}}}}).status, 200);
  ExpectPullsFollowRecordHomes();
}

// A county database from before the feed kept each entry's home (server version 5): opening
// it places every entry, and each laptop pulls what it pulled before.
TEST_F(TownshipScopeTest, AFeedFromBeforeEntryHomesIsPlacedWhenOpened) {
  const std::string transport = Id(53);
  ASSERT_EQ(Push(clinic_a_, {{"transports", transport, {{"call_received_at", "2024-05-01 10:00"}}}})
                .status,
            200);
  auto cursors = [this](const Laptop& laptop) {
    std::vector<int64_t> cursors;
    const auto page = storage_->ReadFeed(0, 1000, "", laptop.grant.scope()).value();
    for (const auto& entry : page.changes)
      cursors.push_back(entry.cursor);
    return cursors;
  };
  const auto pulled_a = cursors(clinic_a_), pulled_b = cursors(clinic_b_);
  ASSERT_FALSE(pulled_a.empty());
  service_.reset();
  storage_.reset();
  {
    auto db = sql::Database::Open(dir_.File("server.db")).value();
    ASSERT_TRUE(db->Execute("DROP INDEX feed_by_home; DROP INDEX conflicts_other_record_id;"
                            " ALTER TABLE feed DROP COLUMN home; PRAGMA user_version=5")
                    .ok());
  }
  Open();
  EXPECT_EQ(cursors(clinic_a_), pulled_a);
  EXPECT_EQ(cursors(clinic_b_), pulled_b);
  auto db = sql::Database::Open(dir_.File("server.db")).value();
  auto version = db->Prepare("PRAGMA user_version").value();
  ASSERT_TRUE(version.Step().value());
  EXPECT_EQ(version.Int(0), 6);
  auto unplaced = db->Prepare("SELECT count(*) FROM feed WHERE home IS NULL").value();
  ASSERT_TRUE(unplaced.Step().value());
  EXPECT_EQ(unplaced.Int(0), 0);
  ExpectPullsFollowRecordHomes();
}

}  // namespace
}  // namespace relay::server
