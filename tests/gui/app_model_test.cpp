#include "ui/model/app_model.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "demo_records.h"
#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "server_process.h"
#include "temp_dir.h"
#include "ui/views/vehicles_view.h"

namespace relay::edge::ui {
namespace {

class AppModelTest : public ::testing::Test {
 protected:
  std::unique_ptr<LocalStore> OpenStore(const std::string& name) {
    auto store = LocalStore::Open(dir_.File(name), clock_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  testing::TempDir dir_;
  SystemClock clock_;
};

TEST_F(AppModelTest, StartsWithTheStoredVehiclesAndTheirText) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  // Nothing listens there; no sync is requested in this test anyway.
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);

  EXPECT_EQ(model.vehicles().count(), static_cast<int64_t>(testing::DemoVehicles().size()));
  EXPECT_GT(model.sync_status().pending_changes, 0);
  EXPECT_EQ(model.sync_status().last_success_ms, 0);
  EXPECT_TRUE(model.glyphs().Contains(U'警'));  // from a plate
  EXPECT_TRUE(model.glyphs().Contains(U'担'));  // from a note, which no list column shows
}

// Counts what reaches it and refuses every request, as a server of another schema would.
class RefusingTransport final : public HttpTransport {
 public:
  explicit RefusingTransport(std::atomic<int>& sent) : sent_(sent) {}
  Result<HttpResponse> Send(const HttpRequest&) override {
    ++sent_;
    return HttpResponse{409, EncodeError("schema_version", "schema version 99")};
  }

 private:
  std::atomic<int>& sent_;
};

TEST_F(AppModelTest, ASaveAsksTheWorkerToSyncSoon) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  ASSERT_TRUE(store
                  ->RecordEnrollment(
                      {std::string(43, 'A'), "county", "", "01890a5d-ac96-774b-bcce-b302099a9999"})
                  .ok());
  std::atomic<int> sent{0};
  SyncTiming timing;
  timing.after_save_ms = 20;
  timing.every_ms = 3'600'000;  // no run by the clock within the test
  SyncWorker sync(
      *store, "http://county.test",
      [&sent](const TransportTarget&) { return std::make_unique<RefusingTransport>(sent); },
      timing);
  AppModel model(*store, sync, clock_);
  const auto wait_for = [&model](const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      model.Poll();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  };
  // The run soon after start, refused with the server's words.
  ASSERT_TRUE(wait_for([&model] { return model.last_outcome().has_value(); }));
  EXPECT_EQ(model.sync_status().last_error_kind, ErrorKind::kRefused);
  EXPECT_EQ(model.sync_status().last_error_reason, "schema version 99");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(sent, 1);

  RecordBrowser& vehicles = model.vehicles();
  vehicles.Select(vehicles.Row(0)->at("id"));
  vehicles.form().Field("note")->text = "车况良好";
  ASSERT_TRUE(model.Save("vehicles"));
  EXPECT_TRUE(wait_for([&sent] { return sent == 2; }));
}

TEST_F(AppModelTest, FilterMatchesPlateAndArchivedRecordsHide) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);
  RecordBrowser& vehicles = model.vehicles();

  vehicles.SetFilter("蒙H·");
  EXPECT_EQ(vehicles.count(), static_cast<int64_t>(testing::DemoVehicles().size()));
  vehicles.SetFilter("·0237");
  ASSERT_EQ(vehicles.count(), 1);
  EXPECT_EQ(vehicles.Row(0)->at("plate"), "蒙H·0237警");

  vehicles.Select(vehicles.Row(0)->at("id"));
  vehicles.form().Field("archived")->checked = true;
  model.Save("vehicles");
  EXPECT_TRUE(vehicles.count() == 0);
  vehicles.SetShowArchived(true);
  EXPECT_EQ(vehicles.count(), 1);
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
  vehicles.form().Field("note")->text = "璟镇的车";
  model.Save("vehicles");

  EXPECT_FALSE(vehicles.form().has_field_errors());
  EXPECT_TRUE(vehicles.form().saved());
  EXPECT_FALSE(vehicles.form().creating());
  EXPECT_EQ(vehicles.form().Field("plate")->text, "蒙H·88A12");
  EXPECT_EQ(vehicles.form().Field("phone")->text, "13904790000");
  EXPECT_EQ(vehicles.selected_id(), vehicles.form().record_id());
  EXPECT_EQ(vehicles.count(), 1);
  EXPECT_EQ(model.sync_status().pending_changes, 4);
  EXPECT_TRUE(model.glyphs().Contains(U'璟'));
}

TEST_F(AppModelTest, ASavedHandoffReachesTheTimelineAndAMemberTheRoster) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);
  const auto en = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
  ASSERT_TRUE(model.transport_story(demo.id("trauma"), en).ok());
  EXPECT_TRUE(model.transport_story(demo.id("trauma"), en).value().handoffs.empty());

  RecordBrowser& handoffs = model.browser("handoffs");
  handoffs.StartNew();
  handoffs.form().Field("transport_id")->text = demo.id("trauma");
  handoffs.form().Field("rendezvous_point_id")->text = demo.id("oboo");
  handoffs.form().Field("transfer_at")->text = "2024-06-12 17:50";
  ASSERT_TRUE(model.Save("handoffs")) << handoffs.form().form_errors().size();
  const auto& story = model.transport_story(demo.id("trauma"), en);
  ASSERT_TRUE(story.ok());
  ASSERT_EQ(story.value().handoffs.size(), 1u);
  EXPECT_EQ(story.value().handoffs[0].place, "宝力根敖包路口");
  EXPECT_EQ(story.value().handoffs[0].waits.call_to_transfer_s, 45 * 60);

  EXPECT_EQ(model.children("members", "team_id", demo.id("squad")).value().size(), 6u);
  RecordBrowser& members = model.browser("members");
  members.StartNew();
  members.form().Field("team_id")->text = demo.id("squad");
  members.form().Field("name")->text = "斯琴";
  ASSERT_TRUE(model.Save("members"));
  EXPECT_EQ(model.children("members", "team_id", demo.id("squad")).value().size(), 7u);
  EXPECT_EQ(model.labels().Label("members", members.selected_id(), en), "斯琴");
}

TEST_F(AppModelTest, ChangingARecordedTimeInTheFormIsACorrectionWithAReason) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);
  RecordBrowser& transports = model.browser("transports");
  transports.Select(demo.id("trauma"));
  RecordForm& form = transports.form();
  const std::string recorded = form.Field("call_received_at")->text;
  EXPECT_FALSE(form.CorrectsEvents());
  form.Field("patient_age")->text = "42";
  EXPECT_FALSE(form.CorrectsEvents());  // not a recorded event
  form.Field("call_received_at")->text = "2024-06-12 17:02";
  ASSERT_TRUE(form.CorrectsEvents());

  EXPECT_FALSE(model.Save("transports"));
  ASSERT_EQ(form.Field("call_received_at")->errors.size(), 1u);
  EXPECT_EQ(form.Field("call_received_at")->errors[0].rule, "correction_reason");
  EXPECT_NE(store->Get("transports", demo.id("trauma")).value()["patient_age"], 42);

  form.correction_reason() = "调度台记录为17:02";
  ASSERT_TRUE(model.Save("transports"));
  EXPECT_EQ(form.Field("call_received_at")->text, "2024-06-12 17:02");
  EXPECT_EQ(store->Get("transports", demo.id("trauma")).value()["patient_age"], 42);
  EXPECT_TRUE(form.correction_reason().empty());  // the next correction needs its own reason
  const auto corrections = form.CorrectionsOf("call_received_at");
  ASSERT_EQ(corrections.size(), 1u);
  EXPECT_EQ(corrections[0]->at("reason"), "调度台记录为17:02");
  EXPECT_TRUE(model.glyphs().Contains(U'调'));
  EXPECT_NE(recorded, "2024-06-12 17:02");
}

TEST_F(AppModelTest, AvailableVehiclesPerHomeGachaFollowASavedStatus) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);
  const auto en = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
  EXPECT_EQ(model.available_vehicles(),
            (std::map<std::string, int>{{"", 3}, {demo.id("bayin"), 1}, {demo.id("baoligen"), 2}}));
  // Each gacha by its name, sorted by name (宝 before 巴), then the vehicles without one.
  EXPECT_EQ(AvailableNowCounts(model.available_vehicles(), model.labels(), en),
            "宝力根嘎查 2 · 巴音嘎查 1 · no home gacha 3");

  RecordBrowser& vehicles = model.vehicles();
  vehicles.SetFilter("·A3721");
  vehicles.Select(vehicles.Row(0)->at("id"));
  vehicles.form().Field("status")->choice = 1;  // on a task
  ASSERT_TRUE(model.Save("vehicles"));
  EXPECT_EQ(model.available_vehicles().count(demo.id("bayin")), 0u);
  EXPECT_EQ(AvailableNowCounts(model.available_vehicles(), model.labels(), en),
            "宝力根嘎查 2 · no home gacha 3");
}

TEST_F(AppModelTest, AVehicleOnALegUnderWayIsNotAvailableNow) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  SyncWorker sync(*store, "http://127.0.0.1:9");
  AppModel model(*store, sync, clock_);
  ASSERT_EQ(model.available_vehicles().at(demo.id("bayin")), 1);

  // 巴音嘎查's only available car sets out on the active transport "trauma".
  RecordBrowser& legs = model.browser("transport_legs");
  legs.StartNew();
  legs.form().Field("transport_id")->text = demo.id("trauma");
  legs.form().Field("vehicle_id")->text = demo.id("蒙H·A3721");
  ASSERT_TRUE(model.Save("transport_legs"));
  EXPECT_EQ(model.available_vehicles().count(demo.id("bayin")), 0u);

  // Once the leg has arrived the car can be called again.
  legs.form().Field("arrived_at")->text = "2024-06-12 18:10";
  ASSERT_TRUE(model.Save("transport_legs"));
  EXPECT_EQ(model.available_vehicles().at(demo.id("bayin")), 1);
}

TEST_F(AppModelTest, ASavedStatusCarriesTheTimeItWasSet) {
  auto store = OpenStore("edge.db");
  testing::DemoRecords demo(*store);
  SyncWorker sync(*store, "http://127.0.0.1:9");
  ManualClock clock(1'700'000'000'000);
  AppModel model(*store, sync, clock);
  RecordBrowser& vehicles = model.vehicles();
  vehicles.Select(demo.id("蒙H·A3721"));
  vehicles.form().Field("status")->choice = 2;  // unavailable
  ASSERT_TRUE(model.Save("vehicles"));
  const auto stored = store->Get("vehicles", demo.id("蒙H·A3721"));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value().value("status_set_at", ""), "2023-11-14T22:13:20Z");
}

TEST_F(AppModelTest, ASyncInTheBackgroundBringsOtherTownshipsVehiclesAndTheirGlyphs) {
  testing::ServerProcess server(RELAY_SERVER_BIN, dir_.File("county.db"));
  ASSERT_TRUE(server.Start()) << "relay-server did not start";

  // Another township registers itself and a vehicle of it, whose name holds a character new to
  // this laptop.
  auto other = OpenStore("other.db");
  auto township = other->Put("townships", {{"name", "赟镇"}, {"township_kind", "town"}});
  ASSERT_TRUE(township.ok()) << township.status().message();
  ASSERT_TRUE(other
                  ->Put("vehicles", {{"plate", "蒙H·66Q01"},
                                     {"owner_category", "cadre"},
                                     {"phone", "13500000001"},
                                     {"township_id", township.value()}})
                  .ok());
  CurlTransport transport(server.url());
  ASSERT_TRUE(Enroll(*other, transport, server.IssueCode()).ok());
  ASSERT_TRUE(SyncClient(*other, transport).Run().ok());

  auto store = OpenStore("edge.db");
  ASSERT_TRUE(Enroll(*store, transport, server.IssueCode()).ok());
  SyncWorker sync(*store, server.url());
  AppModel model(*store, sync, clock_);
  EXPECT_TRUE(model.vehicles().count() == 0);
  EXPECT_FALSE(model.glyphs().Contains(U'赟'));

  model.RequestSync();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!model.last_outcome() && std::chrono::steady_clock::now() < deadline) {
    model.Poll();  // what the UI thread does each frame: it never waits for the network
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(model.last_outcome());
  ASSERT_TRUE(model.last_outcome()->ok) << model.last_outcome()->error;
  ASSERT_EQ(model.vehicles().count(), 1);
  EXPECT_EQ(model.vehicles().Row(0)->at("township_id"), township.value());
  // The list shows the vehicle's sumu/town by name, and its characters reach the font.
  const auto en = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
  EXPECT_EQ(model.labels().Label("townships", township.value(), en), "赟镇");
  EXPECT_TRUE(model.glyphs().Contains(U'赟'));
  EXPECT_GT(model.sync_status().last_success_ms, 0);
  EXPECT_TRUE(model.sync_status().last_error.empty());
  EXPECT_FALSE(model.sync_busy());
}

}  // namespace
}  // namespace relay::edge::ui
