#include "ui/app_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "demo_vehicles.h"
#include "relay/edge/curl_transport.h"
#include "relay/edge/sync_client.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay::edge::ui {
namespace {

class AppModelTest : public ::testing::Test {
 protected:
  std::unique_ptr<LocalStore> OpenStore(const std::string& name) {
    auto store = LocalStore::Open(dir_.File(name), clock_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  void PutDemoVehicles(LocalStore& store) {
    for (const auto& vehicle : testing::DemoVehicles()) {
      auto id = store.Put("vehicles", vehicle);
      ASSERT_TRUE(id.ok()) << id.status().message();
    }
  }

  testing::TempDir dir_;
  SystemClock clock_;
};

TEST_F(AppModelTest, StartsWithTheStoredVehiclesAndTheirText) {
  auto store = OpenStore("edge.db");
  PutDemoVehicles(*store);
  // Nothing listens there; no sync is requested in this test anyway.
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);

  EXPECT_EQ(model.vehicles().rows().size(), testing::DemoVehicles().size());
  EXPECT_GT(model.sync_status().pending_changes, 0);
  EXPECT_EQ(model.sync_status().last_success_ms, 0);
  EXPECT_TRUE(model.glyphs().Contains(U'淖'));  // from 伊和淖尔苏木
  EXPECT_TRUE(model.glyphs().Contains(U'敦'));  // from a note, which no list column shows
}

TEST_F(AppModelTest, FilterMatchesPlateOrTownshipAndArchivedRecordsHide) {
  auto store = OpenStore("edge.db");
  PutDemoVehicles(*store);
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);
  RecordBrowser& vehicles = model.vehicles();

  vehicles.SetFilter("星耀");
  EXPECT_EQ(vehicles.rows().size(), 2u);
  vehicles.SetFilter("0237");
  ASSERT_EQ(vehicles.rows().size(), 1u);

  vehicles.Select(vehicles.rows()[0]["id"]);
  vehicles.form().Field("archived")->checked = true;
  model.SaveVehicle();
  EXPECT_TRUE(vehicles.rows().empty());
  vehicles.SetShowArchived(true);
  EXPECT_EQ(vehicles.rows().size(), 1u);
}

TEST_F(AppModelTest, SavingAVehicleCountsItsChangesAsPending) {
  auto store = OpenStore("edge.db");
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);
  EXPECT_EQ(model.sync_status().pending_changes, 0);

  RecordBrowser& vehicles = model.vehicles();
  vehicles.StartNew();
  vehicles.form().Field("plate")->text = "蒙h 88a12";
  vehicles.form().Field("owner_category")->choice = 0;
  vehicles.form().Field("phone")->text = "139-0479-0000";
  vehicles.form().Field("township")->text = "璟镇";
  model.SaveVehicle();

  EXPECT_FALSE(vehicles.form().has_field_errors());
  EXPECT_TRUE(vehicles.form().saved());
  EXPECT_FALSE(vehicles.form().creating());
  EXPECT_EQ(vehicles.form().Field("plate")->text, "蒙H·88A12");
  EXPECT_EQ(vehicles.form().Field("phone")->text, "13904790000");
  EXPECT_EQ(vehicles.selected_id(), vehicles.form().record_id());
  EXPECT_EQ(vehicles.rows().size(), 1u);
  EXPECT_EQ(model.sync_status().pending_changes, 4);
  EXPECT_TRUE(model.glyphs().Contains(U'璟'));
}

TEST_F(AppModelTest, ASyncInTheBackgroundBringsOtherTownshipsVehiclesAndTheirGlyphs) {
  testing::ServerProcess server(RELAY_SERVER_BIN, dir_.File("county.db"));
  ASSERT_TRUE(server.Start()) << "relay-server did not start";

  // Another township registers a vehicle whose text holds a character new to this laptop.
  auto other = OpenStore("other.db");
  ASSERT_TRUE(other
                  ->Put("vehicles", {{"plate", "蒙H·66Q01"},
                                     {"owner_category", "cadre"},
                                     {"phone", "13500000001"},
                                     {"township", "赟镇"}})
                  .ok());
  CurlTransport transport(server.url());
  ASSERT_TRUE(SyncClient(*other, transport).Run().ok());

  auto store = OpenStore("edge.db");
  SyncWorker sync(*store, server.url());
  AppModel model(*store, sync, clock_);
  EXPECT_TRUE(model.vehicles().rows().empty());
  EXPECT_FALSE(model.glyphs().Contains(U'赟'));

  model.RequestSync();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!model.last_outcome() && std::chrono::steady_clock::now() < deadline) {
    model.Poll();  // what the UI thread does each frame: it never waits for the network
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(model.last_outcome());
  ASSERT_TRUE(model.last_outcome()->ok) << model.last_outcome()->error;
  EXPECT_EQ(model.vehicles().rows().size(), 1u);
  EXPECT_TRUE(model.glyphs().Contains(U'赟'));
  EXPECT_GT(model.sync_status().last_success_ms, 0);
  EXPECT_TRUE(model.sync_status().last_error.empty());
  EXPECT_FALSE(model.sync_busy());
}

}  // namespace
}  // namespace relay::edge::ui
