#include <gtest/gtest.h>

#include "in_process_transport.h"
#include "relay/edge/sync_client.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

nlohmann::json Vehicle(const std::string& plate, const std::string& township) {
  return {{"plate", plate},
          {"owner_category", "public"},
          {"phone", "13800000000"},
          {"township_id", township}};
}

// A county laptop and a clinic laptop of 星耀镇 syncing in process with one county server; the
// county has made two townships, each with a vehicle, and the clinic has pulled.
class ScopedSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = server::SqliteServerStorage::Open(dir_.File("server.db"), clock_).value();
    service_ = std::make_unique<server::SyncService>(*storage_, clock_, server::ServiceLimits{});
    county_link_ = std::make_unique<testing::InProcessTransport>(*service_);
    clinic_link_ = std::make_unique<testing::InProcessTransport>(*service_);
    county_ = LocalStore::Open(dir_.File("county.db"), clock_).value();
    clinic_ = LocalStore::Open(dir_.File("clinic.db"), clock_).value();

    township_a_ =
        county_->Put("townships", {{"name", "星耀镇"}, {"township_kind", "town"}}).value();
    township_b_ =
        county_->Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}}).value();
    gacha_a_ =
        county_
            ->Put("gachas",
                  {{"township_id", township_a_}, {"name", "乌兰嘎查"}, {"area_type", "pastoral"}})
            .value();
    vehicle_a_ = county_->Put("vehicles", Vehicle("蒙H·11111", township_a_)).value();
    vehicle_b_ = county_->Put("vehicles", Vehicle("蒙H·22222", township_b_)).value();
    ASSERT_TRUE(SyncClient(*county_, *county_link_).Run().ok());

    clinic_link_->scope = AccessScope{"clinic", township_a_};
    const std::string server =
        storage_->ReadFeed(0, 1, "", AccessScope::County()).value().server_id;
    ASSERT_TRUE(
        clinic_->RecordEnrollment({std::string(43, 'A'), "clinic", township_a_, server}).ok());
    ASSERT_TRUE(SyncClient(*clinic_, *clinic_link_).Run().ok());
  }

  testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000};
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<testing::InProcessTransport> county_link_;
  std::unique_ptr<testing::InProcessTransport> clinic_link_;
  std::unique_ptr<LocalStore> county_;
  std::unique_ptr<LocalStore> clinic_;
  std::string township_a_, township_b_, gacha_a_, vehicle_a_, vehicle_b_;
};

TEST_F(ScopedSyncTest, TheClinicHoldsItsTownshipsRecordsAndTheReferenceData) {
  EXPECT_EQ(clinic_->List("townships").value().size(), 2u);
  EXPECT_EQ(clinic_->List("gachas").value().size(), 1u);
  const auto vehicles = clinic_->List("vehicles").value();
  ASSERT_EQ(vehicles.size(), 1u);
  EXPECT_EQ(vehicles[0]["id"], vehicle_a_);
  EXPECT_FALSE(clinic_->Get("vehicles", vehicle_b_).ok());
}

TEST_F(ScopedSyncTest, TheLaptopRefusesWhatItsRoleOrTownshipMayNotChange) {
  PutError errors;
  EXPECT_FALSE(clinic_->Put("gachas", {{"id", gacha_a_}, {"name", "新嘎查"}}, &errors).ok());
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].field, "name");
  EXPECT_EQ(errors.errors[0].rule, "role");

  EXPECT_FALSE(
      clinic_->Put("vehicles", {{"id", vehicle_a_}, {"township_id", township_b_}}, &errors).ok());
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].field, "township_id");
  EXPECT_EQ(errors.errors[0].rule, "township");
  EXPECT_NE(errors.errors[0].message.find("belongs to 明安图镇, not to this laptop's 星耀镇"),
            std::string::npos)
      << errors.errors[0].message;

  EXPECT_FALSE(
      clinic_->Put("teams", {{"name", "应急队"}, {"team_level", "township"}}, &errors).ok());
  EXPECT_EQ(errors.errors[0].rule, "role");
  EXPECT_EQ(clinic_->ReadSyncStatus().value().pending_changes, 0);

  EXPECT_TRUE(clinic_->Put("vehicles", {{"id", vehicle_a_}, {"seats", 5}}).ok());
  EXPECT_TRUE(clinic_->Put("transports", {{"call_received_at", "2024-05-01 10:00"}}).ok());
}

// The county moved a vehicle to another township while the clinic, not yet told, edited it:
// the county refuses that edit, the laptop keeps it aside and the rest of its outbox syncs.
TEST_F(ScopedSyncTest, AChangeTheCountyRefusesIsKeptAsideAndTheRestSyncs) {
  ASSERT_TRUE(county_->Put("vehicles", {{"id", vehicle_a_}, {"township_id", township_b_}}).ok());
  ASSERT_TRUE(SyncClient(*county_, *county_link_).Run().ok());
  ASSERT_TRUE(clinic_->Put("vehicles", {{"id", vehicle_a_}, {"seats", 5}}).ok());
  const std::string added = clinic_->Put("vehicles", Vehicle("蒙H·33333", township_a_)).value();

  auto report = SyncClient(*clinic_, *clinic_link_).Run();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report.value().set_aside, 1);
  const auto status = clinic_->ReadSyncStatus().value();
  EXPECT_EQ(status.pending_changes, 0);
  EXPECT_EQ(status.set_aside, 1);
  const auto aside = clinic_->SetAsideChanges().value();
  ASSERT_EQ(aside.size(), 1u);
  EXPECT_EQ(aside[0].entry.change.record_id, vehicle_a_);
  EXPECT_EQ(aside[0].entry.change.field, "seats");
  EXPECT_EQ(aside[0].entry.change.value, 5);
  EXPECT_NE(aside[0].reason.find("belongs to 明安图镇"), std::string::npos) << aside[0].reason;

  ASSERT_TRUE(SyncClient(*county_, *county_link_).Run().ok());
  EXPECT_TRUE(county_->Get("vehicles", added).ok());
  EXPECT_NE(county_->Get("vehicles", vehicle_a_).value().value("seats", nlohmann::json()), 5);
  EXPECT_TRUE(SyncClient(*clinic_, *clinic_link_).Run().ok());  // nothing left to refuse
}

// A laptop enrolled again with a wider grant reads the feed again from the start, so the
// records its old grant stepped over reach it too.
TEST_F(ScopedSyncTest, EnrollingAgainWithAnotherGrantPullsTheFeedAgain) {
  const std::string server = storage_->ReadFeed(0, 1, "", AccessScope::County()).value().server_id;
  ASSERT_TRUE(clinic_->RecordEnrollment({std::string(43, 'B'), "county", "", server}).ok());
  clinic_link_->scope = AccessScope::County();
  ASSERT_TRUE(SyncClient(*clinic_, *clinic_link_).Run().ok());
  EXPECT_TRUE(clinic_->Get("vehicles", vehicle_b_).ok());
  EXPECT_EQ(clinic_->Digest().value(), county_->Digest().value());
}

}  // namespace
}  // namespace relay::edge
