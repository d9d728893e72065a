#include "relay/edge/local_store.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "temp_dir.h"

namespace relay::edge {
namespace {

const nlohmann::json kVehicle = {
    {"plate", "蒙H12345"}, {"owner_category", "gacha_doctor"}, {"phone", "13800000000"}};

class LocalStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<LocalStore> OpenStore() {
    auto store = LocalStore::Open(dir_.File("edge.db"), clock_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000};
};

TEST_F(LocalStoreTest, PutCreatesNormalisesAndQueuesEachField) {
  auto store = OpenStore();
  auto id = store->Put("vehicles", kVehicle);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_TRUE(IsUuidV7(id.value()));
  EXPECT_EQ(store->Get("vehicles", id.value()).value()["plate"], "蒙H·12345");
  const auto pending = store->PendingChanges(100).value();
  ASSERT_EQ(pending.size(), 3u);
  for (const auto& entry : pending) {
    EXPECT_EQ(entry.change.device, store->device_id());
    EXPECT_TRUE(entry.change.seen.IsZero());  // a new record: nothing seen before
  }
  EXPECT_LT(pending[0].seq, pending[1].seq);
}

TEST_F(LocalStoreTest, UpdateChangesOnlyTheGivenFieldsAndRemembersWhatWasSeen) {
  auto store = OpenStore();
  const auto id = store->Put("vehicles", kVehicle).value();
  const auto before = store->PendingChanges(100).value();
  clock_.Advance(1000);
  ASSERT_TRUE(store->Put("vehicles", {{"id", id}, {"seats", 4}}).ok());
  const auto record = store->Get("vehicles", id).value();
  EXPECT_EQ(record["seats"], 4);
  EXPECT_EQ(record["phone"], "13800000000");
  ASSERT_TRUE(store->Put("vehicles", {{"id", id}, {"phone", "13900000000"}}).ok());
  const auto after = store->PendingChanges(100).value();
  ASSERT_EQ(after.size(), 5u);
  EXPECT_EQ(after.back().change.field, "phone");
  const auto first_phone = std::find_if(before.begin(), before.end(), [](const auto& entry) {
    return entry.change.field == "phone";
  });
  ASSERT_NE(first_phone, before.end());
  EXPECT_EQ(after.back().change.seen, first_phone->change.hlc);
}

// The county applies a push in order: a restore queued after the edits saved with it would
// let those edits land on a record it still holds as archived.
TEST_F(LocalStoreTest, ARestoreIsQueuedBeforeTheEditsSavedWithIt) {
  auto store = OpenStore();
  const auto id = store->Put("transports", {{"call_received_at", "2024-05-01 10:00"}}).value();
  ASSERT_TRUE(store->Put("transports", {{"id", id}, {"archived", true}}).ok());
  const auto before = store->PendingChanges(100).value().size();
  ASSERT_TRUE(
      store->Put("transports", {{"id", id}, {"acuity", "urgent"}, {"archived", false}}).ok());
  const auto pending = store->PendingChanges(100).value();
  ASSERT_EQ(pending.size(), before + 2);
  EXPECT_EQ(pending[before].change.field, "archived");
  EXPECT_EQ(pending[before + 1].change.field, "acuity");
}

TEST_F(LocalStoreTest, InvalidInputStoresNothing) {
  auto store = OpenStore();
  PutError errors;
  auto refused = store->Put("vehicles", {{"plate", "蒙H1"}, {"owner_category", "x"}}, &errors);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(errors.errors.size(), 3u);  // plate, owner_category, missing phone
  EXPECT_NE(refused.status().message().find("plate"), std::string::npos);
  EXPECT_FALSE(store->Put("horses", {{"name", "x"}}).ok());
  EXPECT_FALSE(store->Put("vehicles", {{"id", "not-an-id"}, {"seats", 3}}).ok());
  EXPECT_FALSE(
      store->Put("vehicles", {{"id", "01890a5d-ac96-774b-bcce-b302099a8057"}, {"seats", 3}}).ok());
  EXPECT_TRUE(store->List("vehicles").value().empty());
  EXPECT_TRUE(store->PendingChanges(100).value().empty());
}

TEST_F(LocalStoreTest, ReopeningKeepsDeviceDataAndAMonotonicClock) {
  std::string device;
  std::string id;
  HlcTimestamp last;
  {
    auto store = OpenStore();
    device = store->device_id();
    id = store->Put("vehicles", kVehicle).value();
    last = store->PendingChanges(100).value().back().change.hlc;
  }
  clock_.Set(1'600'000'000'000);  // the laptop's clock was set back while it was off
  auto store = OpenStore();
  EXPECT_EQ(store->device_id(), device);
  EXPECT_EQ(store->Get("vehicles", id).value()["plate"], "蒙H·12345");
  ASSERT_TRUE(store->Put("vehicles", {{"id", id}, {"seats", 2}}).ok());
  EXPECT_GT(store->PendingChanges(100).value().back().change.hlc, last);
}

TEST_F(LocalStoreTest, AStoreFromBeforeTheClockWasKeptResumesPastItsNewestStamp) {
  HlcTimestamp last;
  {
    auto store = OpenStore();
    store->Put("vehicles", kVehicle);
    last = store->PendingChanges(100).value().back().change.hlc;
  }
  {
    auto db = sql::Database::Open(dir_.File("edge.db")).value();
    ASSERT_TRUE(db->Execute("DELETE FROM meta WHERE key='clock_last'").ok());
  }
  clock_.Set(1'600'000'000'000);
  auto store = OpenStore();
  auto second = kVehicle;
  second["plate"] = "蒙H·54321";
  ASSERT_TRUE(store->Put("vehicles", second).ok());
  EXPECT_GT(store->PendingChanges(100).value().back().change.hlc, last);
}

TEST_F(LocalStoreTest, AFarFuturePulledStampDoesNotDragTheClockAfterARestart) {
  const HlcTimestamp far_future{clock_.NowMs() + 24 * 3'600'000, 0};
  {
    auto store = OpenStore();
    FeedChange remote{1, Change{"vehicles",
                                "01890a5d-ac96-774b-bcce-b302099a8057",
                                "plate",
                                "蒙H·99999",
                                far_future,
                                "01890a5d-0000-7000-8000-00000000000b",
                                {},
                                {}}};
    ASSERT_TRUE(
        store->ApplyPulled({"01890a5d-0000-7000-8000-0000000000aa", {remote}, 1, false}).ok());
  }
  auto store = OpenStore();
  ASSERT_TRUE(store->Put("vehicles", kVehicle).ok());
  EXPECT_LT(store->PendingChanges(100).value().back().change.hlc.wall_ms, far_future.wall_ms);
}

TEST_F(LocalStoreTest, MigrationsRecordTheirVersionAndRefuseANewerDatabase) {
  OpenStore();
  {
    auto db = sql::Database::Open(dir_.File("edge.db")).value();
    auto version = db->Prepare("PRAGMA user_version").value();
    ASSERT_TRUE(version.Step().value());
    EXPECT_EQ(version.Int(0), 5);
    ASSERT_TRUE(db->Execute("PRAGMA user_version=99").ok());
  }
  auto refused = LocalStore::Open(dir_.File("edge.db"), clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("newer"), std::string::npos);
}

TEST_F(LocalStoreTest, AMissingRegistryColumnIsAddedOnOpen) {
  OpenStore();
  {
    // An older store whose vehicles table lacks a field the registry now declares.
    auto db = sql::Database::Open(dir_.File("edge.db")).value();
    ASSERT_TRUE(db->Execute("ALTER TABLE vehicles DROP COLUMN note").ok());
  }
  auto store = OpenStore();
  auto id = store->Put("vehicles", {{"plate", "蒙H·54321"},
                                    {"owner_category", "police"},
                                    {"phone", "13700000000"},
                                    {"note", "停在派出所"}});
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(store->Get("vehicles", id.value()).value()["note"], "停在派出所");
}

TEST_F(LocalStoreTest, UsesWriteAheadLogging) {
  OpenStore();
  auto db = sql::Database::Open(dir_.File("edge.db")).value();
  auto mode = db->Prepare("PRAGMA journal_mode").value();
  ASSERT_TRUE(mode.Step().value());
  EXPECT_EQ(mode.Text(0), "wal");
}

TEST_F(LocalStoreTest, PulledBatchAndCursorCommitTogether) {
  auto store = OpenStore();
  FeedChange remote{12, Change{"vehicles",
                               "01890a5d-ac96-774b-bcce-b302099a8057",
                               "plate",
                               "蒙H·99999",
                               HlcTimestamp{1'700'000'000'500, 0},
                               "01890a5d-0000-7000-8000-00000000000b",
                               {},
                               {}}};
  const std::string server = "01890a5d-0000-7000-8000-0000000000aa";
  ASSERT_TRUE(store->ApplyPulled({server, {remote}, 12, false}).ok());
  EXPECT_EQ(store->PullCursor().value(), 12);
  EXPECT_EQ(store->List("vehicles").value().size(), 1u);

  // A batch that fails halfway leaves neither its records nor its cursor.
  FeedChange broken = remote;
  broken.cursor = 13;
  broken.change.record_id = "01890a5d-ac96-774b-bcce-b302099a8058";
  FeedChange unknown = broken;
  unknown.cursor = 14;
  unknown.change.table = "horses";
  EXPECT_FALSE(store->ApplyPulled({server, {broken, unknown}, 14, false}).ok());
  EXPECT_EQ(store->PullCursor().value(), 12);
  EXPECT_EQ(store->List("vehicles").value().size(), 1u);

  // A batch from a replaced server database is refused: the cursor means nothing there.
  auto other = store->ApplyPulled({"01890a5d-0000-7000-8000-0000000000bb", {broken}, 1, false});
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.message().find("database was replaced"), std::string::npos);
  EXPECT_EQ(store->PullCursor().value(), 12);
}

TEST_F(LocalStoreTest, SyncStatusReportsPendingAndOutcome) {
  auto store = OpenStore();
  store->Put("vehicles", kVehicle);
  const int64_t first_failure = clock_.NowMs();
  ASSERT_TRUE(
      store->RecordSyncOutcome(Status::Error(ErrorKind::kUnreachable, "cannot reach server")).ok());
  auto status = store->ReadSyncStatus().value();
  EXPECT_EQ(status.pending_changes, 3);
  EXPECT_EQ(status.last_error, "cannot reach server");
  EXPECT_EQ(status.last_error_kind, ErrorKind::kUnreachable);
  EXPECT_EQ(status.last_success_ms, 0);
  EXPECT_EQ(status.failing_since_ms, first_failure);

  // A later failure keeps when the failing began, and the server's words of a refusal.
  clock_.Advance(60'000);
  ASSERT_TRUE(store
                  ->RecordSyncOutcome(Status::Error(ErrorKind::kRefused,
                                                    "server answered 409: schema 2", "schema 2"))
                  .ok());
  status = store->ReadSyncStatus().value();
  EXPECT_EQ(status.last_error_kind, ErrorKind::kRefused);
  EXPECT_EQ(status.last_error_reason, "schema 2");
  EXPECT_EQ(status.failing_since_ms, first_failure);

  ASSERT_TRUE(store->AcknowledgeThrough(store->PendingChanges(10).value().back().seq).ok());
  ASSERT_TRUE(store->RecordSyncOutcome(Status::Ok()).ok());
  status = store->ReadSyncStatus().value();
  EXPECT_EQ(status.pending_changes, 0);
  EXPECT_EQ(status.last_success_ms, clock_.NowMs());
  EXPECT_TRUE(status.last_error.empty());
  EXPECT_TRUE(status.last_error_reason.empty());
  EXPECT_EQ(status.failing_since_ms, 0);
}

TEST_F(LocalStoreTest, RecordsWaitingCountsRecordsNotFieldChanges) {
  auto store = OpenStore();
  const std::string first = store->Put("vehicles", kVehicle).value();
  auto second = kVehicle;
  second["plate"] = "蒙H·54321";
  ASSERT_TRUE(store->Put("vehicles", second).ok());
  ASSERT_TRUE(store->Put("vehicles", {{"id", first}, {"phone", "13900000000"}}).ok());
  const auto status = store->ReadSyncStatus().value();
  EXPECT_EQ(status.pending_changes, 7);
  EXPECT_EQ(status.pending_records, 2);
}

// What the status bar shows, counted the slow way from the outbox itself.
SyncStatus CountedFromOutbox(const std::string& path) {
  auto db = sql::Database::Open(path).value();
  auto count =
      db->Prepare(
            "SELECT COUNT(*), (SELECT COUNT(*) FROM (SELECT DISTINCT tbl, rid FROM outbox)) "
            "FROM outbox")
          .value();
  EXPECT_TRUE(count.Step().value());
  SyncStatus status;
  status.pending_changes = count.Int(0);
  status.pending_records = count.Int(1);
  return status;
}

TEST_F(LocalStoreTest, RecordsWaitingStayRightWhateverTakesChangesOutOfTheOutbox) {
  auto store = OpenStore();
  const std::string first = store->Put("vehicles", kVehicle).value();
  auto second = kVehicle;
  second["plate"] = "蒙H·54321";
  const std::string second_id = store->Put("vehicles", second).value();
  ASSERT_TRUE(store->Put("vehicles", {{"id", first}, {"phone", "13900000000"}}).ok());
  auto expect_counts = [&](int64_t changes, int64_t records) {
    const auto status = store->ReadSyncStatus().value();
    const auto truth = CountedFromOutbox(dir_.File("edge.db"));
    EXPECT_EQ(status.pending_changes, changes);
    EXPECT_EQ(status.pending_records, records);
    EXPECT_EQ(truth.pending_changes, changes);
    EXPECT_EQ(truth.pending_records, records);
  };
  expect_counts(7, 2);

  const auto waiting = store->PendingChanges(100).value();
  // The second vehicle's three changes are set aside: only the first vehicle still waits.
  std::vector<int64_t> second_seqs;
  for (const auto& entry : waiting)
    if (entry.change.record_id == second_id) second_seqs.push_back(entry.seq);
  ASSERT_EQ(second_seqs.size(), 3u);
  ASSERT_TRUE(store->SetAside(second_seqs, "outside this township").ok());
  expect_counts(4, 1);
  EXPECT_EQ(store->ReadSyncStatus().value().set_aside, 3);

  // The county acknowledges the first vehicle's first three changes, then its last.
  ASSERT_TRUE(store->AcknowledgeThrough(waiting[2].seq).ok());
  expect_counts(1, 1);
  ASSERT_TRUE(store->AcknowledgeThrough(waiting.back().seq).ok());
  expect_counts(0, 0);
}

TEST_F(LocalStoreTest, AnOutboxFromBeforeRecordsWereCountedIsCountedOnUpgrade) {
  {
    auto store = OpenStore();
    const std::string first = store->Put("vehicles", kVehicle).value();
    ASSERT_TRUE(store->Put("vehicles", {{"id", first}, {"phone", "13900000000"}}).ok());
  }
  {
    // The store as it was at version 3, with two changes waiting for one vehicle.
    auto db = sql::Database::Open(dir_.File("edge.db")).value();
    ASSERT_TRUE(
        db->Execute("DROP TRIGGER outbox_row_added; DROP TRIGGER outbox_row_removed;"
                    "DROP TABLE outbox_records; DROP TABLE laptops_listed; PRAGMA user_version=3")
            .ok());
  }
  auto store = OpenStore();
  const auto status = store->ReadSyncStatus().value();
  EXPECT_EQ(status.pending_changes, 4);
  EXPECT_EQ(status.pending_records, 1);
}

TEST_F(LocalStoreTest, PutAllStoresEveryRecordOrNone) {
  auto store = OpenStore();
  auto second = kVehicle;
  second["plate"] = "蒙H·54321";
  auto bad = kVehicle;
  bad["phone"] = "12";
  auto refused = store->PutAll("vehicles", {kVehicle, second, bad});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("record 2: phone"), std::string::npos)
      << refused.status().message();
  EXPECT_TRUE(store->List("vehicles").value().empty());
  EXPECT_TRUE(store->PendingChanges(100).value().empty());
  auto ids = store->PutAll("vehicles", {kVehicle, second});
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  EXPECT_EQ(ids.value().size(), 2u);
  EXPECT_EQ(store->List("vehicles").value().size(), 2u);
}

TEST_F(LocalStoreTest, PutAllKeepsTheIdsOfPreparedRecords) {
  auto store = OpenStore();
  const std::string id = "01890a5d-ac96-774b-bcce-b302099a8057";
  auto prepared = kVehicle;
  prepared["id"] = id;
  EXPECT_FALSE(store->Put("vehicles", prepared).ok());  // Put edits only known records
  auto ids = store->PutAll("vehicles", {prepared});
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  EXPECT_EQ(ids.value().front(), id);
  EXPECT_EQ(store->Get("vehicles", id).value()["plate"], "蒙H·12345");
  prepared["seats"] = 4;  // importing again updates, never duplicates
  ASSERT_TRUE(store->PutAll("vehicles", {prepared}).ok());
  EXPECT_EQ(store->List("vehicles").value().size(), 1u);
  EXPECT_EQ(store->Get("vehicles", id).value()["seats"], 4);
}

TEST_F(LocalStoreTest, AnEnrollmentBindsALaptopThatNeverSyncedToItsCountyDatabase) {
  auto store = OpenStore();
  EXPECT_FALSE(store->ReadEnrollment().value());
  const std::string server = "01890a5d-ac96-774b-bcce-b302099a0001";
  ASSERT_TRUE(store->RecordEnrollment({std::string(43, 'A'), "county", "", server}).ok());
  EXPECT_TRUE(store->CheckServer(server).ok());
  const auto other = store->CheckServer("01890a5d-ac96-774b-bcce-b302099a0002");
  EXPECT_NE(other.message().find("database was replaced"), std::string::npos) << other.message();
}

}  // namespace
}  // namespace relay::edge
