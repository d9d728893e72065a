// What a merge cannot keep is flagged by the county server when a push arrives: each problem
// once, as an open conflicts record every laptop receives.
#include <gtest/gtest.h>

#include "in_process_transport.h"
#include "relay/edge/record_merge.h"
#include "relay/edge/sync_client.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay {
namespace {

using edge::LocalStore;

class ReceiptChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = server::SqliteServerStorage::Open(dir_.File("county.db"), clock_).value();
    service_ = std::make_unique<server::SyncService>(*storage_, clock_, server::ServiceLimits{});
    transport_ = std::make_unique<testing::InProcessTransport>(*service_);
    a_ = LocalStore::Open(dir_.File("a.db"), clock_).value();
    b_ = LocalStore::Open(dir_.File("b.db"), clock_).value();
  }

  void Sync(LocalStore& laptop) {
    clock_.Advance(1000);
    auto report = edge::SyncClient(laptop, *transport_).Run();
    ASSERT_TRUE(report.ok()) << report.status().message();
  }
  void SyncAll() {
    Sync(*a_);
    Sync(*b_);
    Sync(*a_);
  }
  std::vector<nlohmann::json> Conflicts(LocalStore& laptop) {
    return laptop.List("conflicts").value();
  }
  std::string Put(LocalStore& laptop, const std::string& table, const nlohmann::json& fields) {
    clock_.Advance(1000);
    auto id = laptop.Put(table, fields);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? id.value() : "";
  }

  testing::TempDir dir_;
  ManualClock clock_{1'714'500'000'000};
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<testing::InProcessTransport> transport_;
  std::unique_ptr<LocalStore> a_;
  std::unique_ptr<LocalStore> b_;
};

TEST_F(ReceiptChecksTest, TheSameVehicleRegisteredOnTwoLaptopsIsFlaggedOnce) {
  const nlohmann::json vehicle = {
      {"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}};
  const std::string first = Put(*a_, "vehicles", vehicle);
  const std::string second = Put(*b_, "vehicles", vehicle);
  SyncAll();
  Put(*a_, "vehicles", {{"id", first}, {"seats", 5}});  // later edits of either raise no more
  Put(*b_, "vehicles", {{"id", second}, {"seats", 5}});
  SyncAll();

  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto conflicts = Conflicts(*laptop);
    ASSERT_EQ(conflicts.size(), 1u);
    EXPECT_EQ(conflicts[0]["conflict_kind"], "duplicate");
    EXPECT_EQ(conflicts[0]["field_name"], "plate");
    const std::set<std::string> pair = {conflicts[0]["record_id"], conflicts[0]["other_record_id"]};
    EXPECT_EQ(pair, (std::set<std::string>{first, second}));
  }
  // Archiving one of the two leaves nothing new to decide.
  Put(*a_, "vehicles", {{"id", first}, {"archived", true}});
  SyncAll();
  EXPECT_EQ(Conflicts(*b_).size(), 1u);
}

TEST_F(ReceiptChecksTest, AVolunteerPhoneRegisteredTwiceIsFlagged) {
  Put(*a_, "volunteers", {{"name", "巴特尔"}, {"phone", "13912345678"}});
  Put(*b_, "volunteers", {{"name", "巴特尔"}, {"phone", "139-1234-5678"}});  // same number
  SyncAll();
  const auto conflicts = Conflicts(*a_);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["conflict_kind"], "duplicate");
  EXPECT_EQ(conflicts[0]["field_name"], "phone");
}

TEST_F(ReceiptChecksTest, AVehicleSentOnTwoActiveTransportsOfflineIsFlagged) {
  const std::string vehicle =
      Put(*a_, "vehicles",
          {{"plate", "蒙H·A1991"}, {"owner_category", "gacha_doctor"}, {"phone", "13800000000"}});
  const std::string first = Put(
      *a_, "transports", {{"call_received_at", "2024-05-01 10:00"}, {"transport_state", "active"}});
  const std::string second = Put(
      *a_, "transports", {{"call_received_at", "2024-05-01 10:05"}, {"transport_state", "active"}});
  SyncAll();
  // Each clinic sends the same free vehicle, neither knowing of the other.
  Put(*a_, "transport_legs", {{"transport_id", first}, {"vehicle_id", vehicle}});
  Put(*b_, "transport_legs", {{"transport_id", second}, {"vehicle_id", vehicle}});
  SyncAll();

  const auto conflicts = Conflicts(*b_);
  ASSERT_EQ(conflicts.size(), 1u) << nlohmann::json(conflicts).dump(2);
  EXPECT_EQ(conflicts[0]["conflict_kind"], "broken_rule");
  EXPECT_EQ(conflicts[0]["rule"], "vehicle_busy");
  EXPECT_EQ(conflicts[0]["table_name"], "transport_legs");
  EXPECT_EQ(Conflicts(*a_).size(), 1u);
}

TEST_F(ReceiptChecksTest, RecordsThatKeepEveryRuleRaiseNothing) {
  Put(*a_, "vehicles",
      {{"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}});
  Put(*b_, "vehicles",
      {{"plate", "蒙H·54321"}, {"owner_category", "cadre"}, {"phone", "13800000000"}});
  SyncAll();
  EXPECT_TRUE(Conflicts(*a_).empty());
}

TEST_F(ReceiptChecksTest, ARecordTheMergingLaptopNeverSawIsFlaggedWhenTheMergeArrives) {
  const nlohmann::json car = {
      {"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}};
  const std::string kept = Put(*a_, "vehicles", car);
  const std::string duplicate = Put(*b_, "vehicles", car);
  SyncAll();
  const std::string transport = Put(
      *b_, "transports", {{"call_received_at", "2024-05-01 10:00"}, {"transport_state", "closed"}});
  const std::string leg =
      Put(*b_, "transport_legs", {{"transport_id", transport}, {"vehicle_id", duplicate}});
  Sync(*b_);  // the leg is at the county; a has not pulled it
  ASSERT_TRUE(
      edge::MergeRecords(*a_, "vehicles", duplicate, kept, "同一辆车", clock_.NowMs()).ok());
  Sync(*a_);
  Sync(*b_);
  std::vector<nlohmann::json> flagged;
  for (auto& conflict : Conflicts(*b_)) {
    if (conflict.value("rule", "") == "merged_reference") flagged.push_back(conflict);
  }
  ASSERT_EQ(flagged.size(), 1u) << nlohmann::json(Conflicts(*b_)).dump(2);
  EXPECT_EQ(flagged[0]["record_id"], leg);
  EXPECT_EQ(flagged[0]["other_record_id"], kept);
}

class ArchiveEditTest : public ReceiptChecksTest {
 protected:
  void SetUp() override {
    ReceiptChecksTest::SetUp();
    vehicle_ = Put(*a_, "vehicles",
                   {{"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}});
    SyncAll();
  }
  std::vector<nlohmann::json> ArchiveEdits(LocalStore& laptop) {
    std::vector<nlohmann::json> found;
    for (auto& conflict : Conflicts(laptop)) {
      if (conflict["conflict_kind"] == "archive_edit") found.push_back(conflict);
    }
    return found;
  }
  std::string vehicle_;
};

TEST_F(ArchiveEditTest, AnEditArrivingAfterAnArchiveItsWriterNeverSawIsFlagged) {
  Put(*a_, "vehicles", {{"id", vehicle_}, {"archived", true}});
  Put(*b_, "vehicles", {{"id", vehicle_}, {"seats", 7}});  // b has not heard of the archive
  Sync(*a_);
  Sync(*b_);
  Sync(*a_);
  const auto flagged = ArchiveEdits(*a_);
  ASSERT_EQ(flagged.size(), 1u) << nlohmann::json(Conflicts(*a_)).dump(2);
  EXPECT_EQ(flagged[0]["field_name"], "seats");
  EXPECT_EQ(ArchiveEdits(*b_).size(), 1u);
}

TEST_F(ArchiveEditTest, AnArchiveArrivingAfterAnEditStampedLaterIsFlagged) {
  Put(*a_, "vehicles", {{"id", vehicle_}, {"archived", true}});
  Put(*b_, "vehicles", {{"id", vehicle_}, {"seats", 7}});  // later, and a never saw it
  Sync(*b_);
  Sync(*a_);
  const auto flagged = ArchiveEdits(*a_);
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0]["field_name"], "seats");
}

TEST_F(ArchiveEditTest, InformedArchivesAndRestoresAreNotFlagged) {
  Put(*b_, "vehicles", {{"id", vehicle_}, {"seats", 7}});
  Sync(*b_);
  Sync(*a_);
  Put(*a_, "vehicles", {{"id", vehicle_}, {"archived", true}});  // a saw the 7
  Sync(*a_);
  Sync(*b_);
  // b restores the vehicle and corrects it in one edit, knowing it was archived.
  Put(*b_, "vehicles", {{"id", vehicle_}, {"archived", false}, {"seats", 8}});
  Sync(*b_);
  Sync(*a_);
  EXPECT_TRUE(ArchiveEdits(*a_).empty()) << nlohmann::json(Conflicts(*a_)).dump(2);
  EXPECT_TRUE(Conflicts(*a_).empty());
}

}  // namespace
}  // namespace relay
