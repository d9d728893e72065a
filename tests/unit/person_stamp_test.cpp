// Every change carries the person signed in where it was made: from the laptop's outbox,
// through the wire, into the county's feed and every other laptop's pulls, and into
// `relay-server admin history`.
#include <gtest/gtest.h>

#include "county_with_two_laptops.h"
#include "relay/edge/conflict_resolution.h"
#include "relay/edge/event_correction.h"
#include "relay/edge/record_merge.h"
#include "relay/edge/sign_in.h"
#include "relay/migrations.h"

namespace relay::edge {
namespace {

nlohmann::json Vehicle(const std::string& plate) {
  return {{"plate", plate}, {"owner_category", "public"}, {"phone", "13800000000"}};
}

class PersonStampTest : public testing::CountyWithTwoLaptops {
 protected:
  void SetUp() override {
    CountyWithTwoLaptops::SetUp();
    const std::string township =
        Put(*a_, "townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
    nurse_ =
        Put(*a_, "staff", {{"township_id", township}, {"name", "萨仁"}, {"staff_role", "nurse"}});
    doctor_ = Put(*a_, "staff",
                  {{"township_id", township}, {"name", "其木格"}, {"staff_role", "doctor"}});
    SyncAll();  // both laptops know the staff list
  }
  void SignInAs(LocalStore& laptop, const std::string& staff_id) {
    auto result = SignIn(laptop, staff_id, "");
    ASSERT_TRUE(result.ok() && result.value().ok()) << staff_id;
  }
  // The people of the laptop's queued changes, in order.
  std::vector<std::string> QueuedPeople(LocalStore& laptop) {
    std::vector<std::string> people;
    const auto pending = laptop.PendingChanges(1000).value();
    for (const auto& entry : pending)
      people.push_back(entry.change.person);
    return people;
  }
  std::vector<FeedChange> Feed() {
    return storage_->ReadFeed(0, 5000, "", AccessScope::County()).value().changes;
  }

  std::string nurse_, doctor_;
};

TEST_F(PersonStampTest, AChangeCarriesWhoWasSignedInFromTheOutboxToTheCountyAndTheOtherLaptop) {
  SignInAs(*a_, nurse_);
  const std::string vehicle = Put(*a_, "vehicles", Vehicle("蒙H·12345"));
  EXPECT_EQ(QueuedPeople(*a_), std::vector<std::string>(3, nurse_));

  // What laptop b pulls: the county's feed as the transport carries it.
  Sync(*a_);
  auto pulled = DecodePullResponse(
      transport_->Send({"GET", "/v1/pull?after=0&device=" + b_->device_id(), "", ""}).value().body);
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  int seen = 0;
  for (const auto& entry : pulled.value().changes) {
    if (entry.change.record_id != vehicle) continue;
    EXPECT_EQ(entry.change.person, nurse_) << entry.change.field;
    EXPECT_EQ(entry.change.device, a_->device_id());
    ++seen;
  }
  EXPECT_EQ(seen, 3);
  Sync(*b_);
  EXPECT_EQ(b_->Get("vehicles", vehicle).value()["plate"], "蒙H·12345");

  // The staff records were written before anyone signed in: nobody.
  for (const auto& entry : Feed()) {
    if (entry.change.table == "staff") {
      EXPECT_EQ(entry.change.person, "");
    }
  }
}

TEST_F(PersonStampTest, APushWithAPersonOfTheWrongFormIsRefusedNamingIt) {
  const Change change{"vehicles",
                      "01890a5d-ac96-774b-bcce-b302099a8057",
                      "seats",
                      4,
                      HlcTimestamp{clock_.NowMs(), 0},
                      a_->device_id(),
                      {},
                      nurse_};
  auto body = nlohmann::json::parse(
      EncodePushRequest({kProtocolVersion, kSchemaVersion, a_->device_id(), {{1, change}}}));
  const size_t feed = Feed().size();
  for (const nlohmann::json& person : {nlohmann::json("萨仁高娃"), nlohmann::json(42)}) {
    body["changes"][0]["person"] = person;
    const auto reply = service_->Push(body.dump(), {a_->device_id(), "", "county"});
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_NE(reply.body.find("changes[0].person: must be"), std::string::npos) << reply.body;
  }
  EXPECT_EQ(Feed().size(), feed);
}

TEST_F(PersonStampTest, TheNextPersonsChangesCarryTheirNameAndSigningOutStopsIt) {
  SignInAs(*a_, nurse_);
  const std::string vehicle = Put(*a_, "vehicles", Vehicle("蒙H·12345"));
  SignInAs(*a_, doctor_);
  Put(*a_, "vehicles", {{"id", vehicle}, {"seats", 4}});
  ASSERT_TRUE(a_->SetPerson("").ok());
  Put(*a_, "vehicles", {{"id", vehicle}, {"note", "脚本导入"}});
  EXPECT_EQ(QueuedPeople(*a_), (std::vector<std::string>{nurse_, nurse_, nurse_, doctor_, ""}));
  // The outbox keeps them across a restart.
  a_.reset();
  a_ = LocalStore::Open(dir_.File("a.db"), clock_).value();
  EXPECT_EQ(QueuedPeople(*a_), (std::vector<std::string>{nurse_, nurse_, nurse_, doctor_, ""}));
  EXPECT_EQ(a_->person(), "");  // nobody is signed in after a restart
}

TEST_F(PersonStampTest, CorrectionsMergesAndSettlementsCarryThePerson) {
  const std::string call = Put(*a_, "transports", {{"call_received_at", "2024-05-01 10:00"}});
  const std::string first = Put(*a_, "vehicles", Vehicle("蒙H·12345"));
  const std::string second = Put(*a_, "vehicles", Vehicle("蒙H·54321"));
  SyncAll();
  ASSERT_TRUE(a_->PendingChanges(10).value().empty());

  SignInAs(*a_, nurse_);
  clock_.Advance(1000);
  ASSERT_TRUE(
      CorrectEvent(*a_,
                   {"transports", call, "call_received_at", "2024-05-01 10:05", "the radio log"},
                   clock_.NowMs())
          .ok());
  ASSERT_TRUE(MergeRecords(*a_, "vehicles", second, first, "同一辆车", clock_.NowMs()).ok());
  // A concurrent edit on both laptops leaves a conflict that a's nurse settles.
  SignInAs(*b_, doctor_);
  Put(*b_, "vehicles", {{"id", first}, {"seats", 4}});
  Put(*a_, "vehicles", {{"id", first}, {"seats", 6}});
  SyncAll();
  const auto conflicts = a_->ListWhere("conflicts", "record_id", first).value();
  ASSERT_FALSE(conflicts.empty());
  Resolution keep;
  keep.reason = "电话核实";
  ASSERT_TRUE(ResolveConflict(*a_, conflicts[0]["id"], keep, clock_.NowMs()).ok());
  const auto people = QueuedPeople(*a_);
  ASSERT_FALSE(people.empty());
  EXPECT_EQ(people, std::vector<std::string>(people.size(), nurse_));

  // At the county, each change says who made it; the server's own conflict records nobody.
  Sync(*a_);
  for (const auto& entry : Feed()) {
    if (entry.change.table == "corrections" || entry.change.field == "merged_into") {
      EXPECT_EQ(entry.change.person, nurse_) << entry.change.table << "." << entry.change.field;
    }
    if (entry.change.table == "vehicles" && entry.change.field == "seats" &&
        entry.change.device == b_->device_id()) {
      EXPECT_EQ(entry.change.person, doctor_);
    }
    if (entry.change.table == "conflicts" && entry.change.field == "conflict_kind") {
      EXPECT_EQ(entry.change.person, "");
    }
  }
}

TEST_F(PersonStampTest, HistoryListsARecordsChangesWithThePersonsName) {
  SignInAs(*a_, nurse_);
  const std::string vehicle = Put(*a_, "vehicles", Vehicle("蒙H·12345"));
  SignInAs(*b_, doctor_);
  Sync(*a_);
  Sync(*b_);
  Put(*b_, "vehicles", {{"id", vehicle}, {"seats", 4}});
  Sync(*b_);
  const auto history = storage_->History("vehicles", vehicle).value();
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0].person_name, "萨仁");
  EXPECT_EQ(history.back().change.field, "seats");
  EXPECT_EQ(history.back().change.value, 4);
  EXPECT_EQ(history.back().change.device, b_->device_id());
  EXPECT_EQ(history.back().person_name, "其木格");
  EXPECT_LT(history[0].cursor, history.back().cursor);
  EXPECT_TRUE(storage_->History("staff", vehicle).value().empty());  // table and id together
}

// The county's database of the release before people were recorded: its feed has no person
// column and its receipts were fingerprinted without one.
TEST(PersonMigrationTest, AnOldCountyDatabaseKeepsItsReceiptsAndFeed) {
  testing::TempDir dir;
  ManualClock clock{1'714'500'000'000};
  const std::string device = "01890a5d-0000-7000-8000-00000000000a";
  const Change old{"vehicles",
                   "01890a5d-ac96-774b-bcce-b302099a8057",
                   "seats",
                   5,
                   HlcTimestamp{1'714'400'000'000, 0},
                   device,
                   HlcTimestamp{},
                   ""};
  // The fingerprint as the release before stored it: FNV-1a of the fields, each ending in 0x1f.
  uint64_t hash = 0xcbf29ce484222325ull;
  for (const std::string& part : {old.table, old.record_id, old.field, old.value.dump(),
                                  old.hlc.ToText(), old.seen.ToText()}) {
    for (unsigned char c : part + '\x1f')
      hash = (hash ^ c) * 0x100000001b3ull;
  }
  {
    auto db = sql::Database::Open(dir.File("county.db")).value();
    ASSERT_TRUE(
        db->Execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "CREATE TABLE devices (device TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);"
                    "CREATE TABLE receipts (device TEXT NOT NULL, seq INTEGER NOT NULL,"
                    " fingerprint INTEGER NOT NULL, PRIMARY KEY (device, seq)) WITHOUT ROWID;"
                    "CREATE TABLE feed (cursor INTEGER PRIMARY KEY, tbl TEXT NOT NULL,"
                    " rid TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,"
                    " hlc INTEGER NOT NULL, device TEXT NOT NULL, seen INTEGER NOT NULL);"
                    "CREATE TABLE enrollment_codes (code_hash TEXT PRIMARY KEY,"
                    " township_id TEXT NOT NULL, role TEXT NOT NULL, created_ms INTEGER NOT NULL,"
                    " expires_ms INTEGER NOT NULL, used_by TEXT);"
                    "CREATE TABLE enrolled_devices (device TEXT PRIMARY KEY,"
                    " token_hash TEXT NOT NULL UNIQUE, township_id TEXT NOT NULL,"
                    " role TEXT NOT NULL, enrolled_ms INTEGER NOT NULL, revoked_ms INTEGER);"
                    "PRAGMA user_version=2;")
            .ok());
    auto insert = db->Prepare("INSERT INTO receipts VALUES (?, 1, ?)").value();
    ASSERT_TRUE(insert.Bind(1, device).Bind(2, static_cast<int64_t>(hash)).Run().ok());
    ASSERT_TRUE(db->Execute("INSERT INTO devices VALUES ('" + device +
                            "', 1); INSERT INTO feed VALUES (1, 'vehicles', '" + old.record_id +
                            "', 'seats', '5', " + std::to_string(old.hlc.Packed()) + ", '" +
                            device + "', 0);")
                    .ok());
  }
  auto storage = server::SqliteServerStorage::Open(dir.File("county.db"), clock).value();
  const auto feed = storage->ReadFeed(0, 10, "", AccessScope::County()).value().changes;
  ASSERT_EQ(feed.size(), 1u);
  EXPECT_EQ(feed[0].change.person, "");
  PushRequest resent{kProtocolVersion, kSchemaVersion, device, {{1, old}}};
  auto again = storage->ApplyPush(resent, AccessScope::County()).value();
  EXPECT_FALSE(again.reused);  // the same change, recognised
  EXPECT_EQ(again.response.duplicates, 1);
  // Not the same change: seq 1 now claims a person it did not have.
  resent.changes[0].change.person = "01890a5d-0000-7000-8000-0000000000c1";
  EXPECT_TRUE(storage->ApplyPush(resent, AccessScope::County()).value().reused);
}

// A laptop's database from before people were recorded: its queued changes stay and go out
// as nobody's.
TEST(PersonMigrationTest, AnOldLaptopDatabaseKeepsItsOutbox) {
  testing::TempDir dir;
  ManualClock clock{1'714'500'000'000};
  {
    auto db = sql::Database::Open(dir.File("edge.db")).value();
    ASSERT_TRUE(
        db->Execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    " tbl TEXT NOT NULL, rid TEXT NOT NULL, field TEXT NOT NULL,"
                    " value TEXT NOT NULL, hlc INTEGER NOT NULL, seen INTEGER NOT NULL);"
                    "INSERT INTO outbox (tbl, rid, field, value, hlc, seen) VALUES ('vehicles',"
                    " '01890a5d-ac96-774b-bcce-b302099a8057', 'seats', '5', 7, 0);"
                    "PRAGMA user_version=1;")
            .ok());
  }
  auto store = LocalStore::Open(dir.File("edge.db"), clock).value();
  const auto pending = store->PendingChanges(10).value();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].change.field, "seats");
  EXPECT_EQ(pending[0].change.person, "");
}

}  // namespace
}  // namespace relay::edge
