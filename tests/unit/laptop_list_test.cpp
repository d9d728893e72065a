// The county learns each laptop's last sync and set-aside changes from the server's list of
// enrolled laptops (GET /v1/laptops), kept by each sync, and its report's data health shows
// them.
#include <gtest/gtest.h>

#include "device_registry.h"
#include "in_process_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "relay/report/report_data.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kDay = 24 * 60 * kMinute;

nlohmann::json Vehicle(const std::string& plate, const std::string& township) {
  return {{"plate", plate},
          {"owner_category", "public"},
          {"phone", "13800000000"},
          {"township_id", township}};
}

// A county laptop and a clinic laptop of 星耀镇, both enrolled with codes, syncing in process
// with one county server. The clinic keeps one change aside: it edited a vehicle the county
// had moved to 明安图镇 meanwhile.
class LaptopListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = server::SqliteServerStorage::Open(dir_.File("server.db"), clock_).value();
    registry_ = server::DeviceRegistry::Open(dir_.File("server.db"), clock_).value();
    service_ = std::make_unique<server::SyncService>(*storage_, clock_, server::ServiceLimits{});
    link_ = std::make_unique<testing::InProcessTransport>(*service_, registry_.get());
    county_ = LocalStore::Open(dir_.File("county.db"), clock_).value();
    clinic_ = LocalStore::Open(dir_.File("clinic.db"), clock_).value();

    ASSERT_TRUE(Enroll(*county_, *link_, Code("", "county")).ok());
    township_a_ = county_
                      ->Put("townships",
                            {{"name", "星耀镇"}, {"code", "150723101"}, {"township_kind", "town"}})
                      .value();
    township_b_ =
        county_->Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}}).value();
    moved_ = county_->Put("vehicles", Vehicle("蒙H·11111", township_a_)).value();
    Sync(*county_);

    ASSERT_TRUE(Enroll(*clinic_, *link_, Code("150723101", "clinic")).ok());
    Sync(*clinic_);
    ASSERT_TRUE(county_->Put("vehicles", {{"id", moved_}, {"township_id", township_b_}}).ok());
    Sync(*county_);
    ASSERT_TRUE(clinic_->Put("vehicles", {{"id", moved_}, {"seats", 5}}).ok());
    ASSERT_TRUE(clinic_->Put("vehicles", Vehicle("蒙H·33333", township_a_)).ok());
    clock_.Advance(kMinute);
    clinic_synced_ms_ = clock_.NowMs();
    EXPECT_EQ(Sync(*clinic_).set_aside, 1);
  }

  std::string Code(const std::string& township_code, const std::string& role) {
    auto code = registry_->IssueCode(township_code, role, kDay);
    EXPECT_TRUE(code.ok()) << code.status().message();
    return code.ok() ? code.value().code : "";
  }

  SyncReport Sync(LocalStore& laptop) {
    auto report = SyncClient(laptop, *link_).Run();
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? report.value() : SyncReport{};
  }

  // The county report's laptop of this device, or nullopt when the report has none.
  std::optional<report::ReportData::Laptop> CountysViewOf(const std::string& device) {
    auto db = sql::Database::Open(dir_.File("county.db")).value();
    const auto data = report::LoadReportData(*db);
    EXPECT_TRUE(data.ok()) << data.status().message();
    if (!data.ok()) return std::nullopt;
    for (const auto& laptop : data.value().laptops)
      if (laptop.device == device) return laptop;
    return std::nullopt;
  }

  testing::TempDir dir_;
  ManualClock clock_{1'714'500'000'000};
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::DeviceRegistry> registry_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<testing::InProcessTransport> link_;
  std::unique_ptr<LocalStore> county_;
  std::unique_ptr<LocalStore> clinic_;
  std::string township_a_, township_b_, moved_;
  int64_t clinic_synced_ms_ = 0;
};

TEST_F(LaptopListTest, TheCountySeesEachLaptopsLastSyncAndSetAsideChanges) {
  clock_.Advance(20 * kMinute);  // the county's list is due again
  Sync(*county_);
  const auto clinic = CountysViewOf(clinic_->device_id());
  ASSERT_TRUE(clinic);
  EXPECT_EQ(clinic->last_sync_ms, clinic_synced_ms_);
  EXPECT_EQ(clinic->set_aside, 1);
  EXPECT_EQ(clinic->township_id, township_a_);
  // The county laptop itself, from its own records.
  const auto county = CountysViewOf(county_->device_id());
  ASSERT_TRUE(county);
  EXPECT_EQ(county->last_sync_ms, clock_.NowMs());
  EXPECT_EQ(county->set_aside, 0);
  EXPECT_EQ(county->township_id, "");
}

TEST_F(LaptopListTest, ALaptopNeverListedShowsNoLastSyncNorSetAsideRatherThanZero) {
  // The county's list was taken before the clinic enrolled, and is not due again yet.
  Sync(*county_);
  const auto clinic = CountysViewOf(clinic_->device_id());
  ASSERT_TRUE(clinic);  // its changes were pulled
  EXPECT_EQ(clinic->last_sync_ms, 0);
  EXPECT_FALSE(clinic->set_aside);
}

TEST_F(LaptopListTest, ATownshipLaptopIsListedItsOwnTownshipsLaptopsOnly) {
  const auto answer =
      link_->Send({"GET", "/v1/laptops", "", clinic_->ReadEnrollment().value()->token});
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(answer.value().status, 200);
  const auto laptops = DecodeLaptopsResponse(answer.value().body).value();
  ASSERT_EQ(laptops.size(), 1u);
  EXPECT_EQ(laptops[0].device, clinic_->device_id());
  EXPECT_EQ(laptops[0].role, "clinic");
}

TEST_F(LaptopListTest, ARevokedLaptopLeavesTheCountysReport) {
  ASSERT_TRUE(registry_->Revoke(clinic_->device_id()).ok());
  clock_.Advance(20 * kMinute);
  Sync(*county_);
  EXPECT_FALSE(CountysViewOf(clinic_->device_id()));
}

TEST_F(LaptopListTest, ASetAsideCountThatIsNoNumberIsRefusedNamingIt) {
  const auto answer = link_->Send(
      {"GET", "/v1/pull?after=0&set_aside=-1", "", clinic_->ReadEnrollment().value()->token});
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer.value().status, 400);
  EXPECT_NE(answer.value().body.find("set_aside: must be between 0 and"), std::string::npos)
      << answer.value().body;
}

}  // namespace
}  // namespace relay::edge
