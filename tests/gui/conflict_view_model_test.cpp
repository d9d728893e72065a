#include "ui/model/conflict_view_model.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"
#include "ui/model/app_model.h"

namespace relay::edge::ui {
namespace {

using Choice = Resolution::Choice;

class ConflictViewModelTest : public testing::DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    // Nothing listens there; no sync is requested in these tests.
    sync_ = std::make_unique<SyncWorker>(*store_, "http://127.0.0.1:9");
    model_ = std::make_unique<AppModel>(*store_, *sync_, clock_);
  }

  const nlohmann::json& Vehicle(const std::string& plate) {
    vehicle_ = store_->Get("vehicles", demo_->id(plate)).value();
    return vehicle_;
  }
  nlohmann::json Conflict(const std::string& key) {
    return store_->Get("conflicts", demo_->id(key)).value();
  }
  int64_t Pending() { return store_->ReadSyncStatus().value().pending_changes; }

  // Selects the demo's seats conflict (蒙H·31552: 5 kept, 7 overwritten) with a decision.
  ConflictViewModel& Decide(Choice choice, const std::string& reason,
                            const std::string& typed_value = "") {
    ConflictViewModel& conflicts = model_->conflicts();
    conflicts.Select(demo_->id("conflict/seats"));
    conflicts.decision().choice = choice;
    conflicts.decision().reason = reason;
    conflicts.decision().typed_value = typed_value;
    return conflicts;
  }

  Translations zh_ = Translations::Load(RELAY_ASSETS_DIR, Language::kZh).value();
  Translations en_ = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
  std::unique_ptr<SyncWorker> sync_;
  std::unique_ptr<AppModel> model_;
  nlohmann::json vehicle_;
};

TEST_F(ConflictViewModelTest, ListsTheOpenConflictsNewestFirst) {
  // A settled conflict is history, not work.
  ASSERT_TRUE(store_
                  ->Put("conflicts", {{"conflict_kind", "concurrent_edit"},
                                      {"detected_at", "2024-09-16 08:00"},
                                      {"table_name", "vehicles"},
                                      {"record_id", demo_->id("蒙H·A3721")},
                                      {"field_name", "phone"},
                                      {"conflict_state", "resolved"}})
                  .ok());
  ConflictViewModel& conflicts = model_->conflicts();
  conflicts.Reload();
  ASSERT_EQ(conflicts.open().size(), 2u);
  EXPECT_EQ(conflicts.open_count(), 2);
  EXPECT_EQ(conflicts.open()[0].value("id", ""), demo_->id("conflict/seats"));
  EXPECT_EQ(conflicts.open()[1].value("id", ""), demo_->id("conflict/status"));
  EXPECT_EQ(conflicts.selected(), nullptr);
  EXPECT_EQ(ConflictsNavLabel(conflicts.open_count(), zh_), "同步冲突（2）");
  EXPECT_EQ(ConflictsNavLabel(conflicts.open_count(), en_), "Sync conflicts (2)");
  EXPECT_EQ(ConflictsNavLabel(0, en_), "Sync conflicts");
}

TEST_F(ConflictViewModelTest, BothValuesReadAsWordsWithWhoAndWhen) {
  const ConflictText seats =
      model_->conflicts().Describe(Conflict("conflict/seats"), model_->labels(), zh_);
  EXPECT_EQ(seats.found_at, "2024-09-15 09:12");
  EXPECT_EQ(seats.kind, "同时修改");
  EXPECT_EQ(seats.record, "车辆 · 蒙H·31552");
  EXPECT_EQ(seats.field, "座位数");
  EXPECT_EQ(seats.kept.value, "5");
  EXPECT_EQ(seats.kept.device, "…8e0a1b57");  // the random end: a UUIDv7 starts with a time
  EXPECT_FALSE(seats.kept.this_device);
  EXPECT_EQ(seats.kept.when, "2024-09-15 08:40");
  EXPECT_EQ(seats.lost.value, "7");
  EXPECT_EQ(seats.lost.device, "…4f1d9e03");
  EXPECT_EQ(seats.lost.when, "2024-09-14 19:25");
  nlohmann::json written_here = Conflict("conflict/seats");
  written_here["lost_device"] = store_->device_id();
  EXPECT_TRUE(model_->conflicts().Describe(written_here, model_->labels(), zh_).lost.this_device);
  EXPECT_TRUE(seats.concurrent_edit);
  EXPECT_EQ(seats.value_now, "5");
  EXPECT_FALSE(seats.edited_since);  // the vehicle still holds the kept value

  const ConflictText status =
      model_->conflicts().Describe(Conflict("conflict/status"), model_->labels(), en_);
  EXPECT_EQ(status.record, "Vehicles · 蒙H·D6F08");
  EXPECT_EQ(status.field, "Status");
  EXPECT_EQ(status.kept.value, "On a task");
  EXPECT_EQ(status.lost.value, "Available");

  // An edit since the merge is what "keep" keeps, so the screen says so.
  ASSERT_TRUE(store_->Put("vehicles", {{"id", demo_->id("蒙H·31552")}, {"seats", nullptr}}).ok());
  model_->labels().Invalidate();
  const ConflictText edited =
      model_->conflicts().Describe(Conflict("conflict/seats"), model_->labels(), zh_);
  EXPECT_TRUE(edited.edited_since);
  EXPECT_EQ(edited.value_now, "（空）");
}

TEST_F(ConflictViewModelTest, ABrokenRuleOrADuplicateSaysWhatIsWrong) {
  nlohmann::json finding = {{"conflict_kind", "duplicate"},
                            {"detected_at", "2024-09-16 08:00"},
                            {"table_name", "vehicles"},
                            {"record_id", demo_->id("蒙H·A3721")},
                            {"field_name", "phone"},
                            {"other_record_id", demo_->id("蒙H·B2056")},
                            {"note", "phone is also on record"}};
  const ConflictText duplicate = model_->conflicts().Describe(finding, model_->labels(), en_);
  EXPECT_EQ(duplicate.kind, "Registered twice");
  EXPECT_FALSE(duplicate.concurrent_edit);
  EXPECT_EQ(duplicate.problem, "Registered again as Vehicles · 蒙H·B2056");
  EXPECT_EQ(duplicate.value_now, "13904791234");

  finding["conflict_kind"] = "broken_rule";
  finding["field_name"] = "status";
  finding["rule"] = "vehicle_busy";
  EXPECT_EQ(model_->conflicts().Describe(finding, model_->labels(), zh_).problem,
            "该车辆正在执行另一项进行中的转运");
  finding["rule"] = "a_rule_of_a_newer_version";  // no words for it: the core's sentence
  EXPECT_EQ(model_->conflicts().Describe(finding, model_->labels(), zh_).problem,
            "phone is also on record");
}

TEST_F(ConflictViewModelTest, KeepingLeavesTheValueAndClosesTheConflictWithTheReason) {
  ConflictViewModel& conflicts = Decide(Choice::kKeep, "打电话问过车主，是 5 座");
  ASSERT_TRUE(model_->SettleConflict(zh_)) << conflicts.error();
  EXPECT_EQ(Vehicle("蒙H·31552")["seats"], 5);
  const auto closed = Conflict("conflict/seats");
  EXPECT_EQ(closed["conflict_state"], "resolved");
  EXPECT_EQ(closed["resolution"], "5");
  EXPECT_EQ(closed["reason"], "打电话问过车主，是 5 座");
  EXPECT_EQ(closed["resolved_by"], store_->device_id());
  // It leaves the list and the navigation's count, and the screen confirms it.
  ASSERT_EQ(conflicts.open().size(), 1u);
  EXPECT_EQ(conflicts.open()[0].value("id", ""), demo_->id("conflict/status"));
  EXPECT_EQ(conflicts.open_count(), 1);
  EXPECT_EQ(conflicts.selected(), nullptr);
  ASSERT_NE(conflicts.settled(), nullptr);
  EXPECT_EQ(conflicts.settled()->value("id", ""), demo_->id("conflict/seats"));
  EXPECT_TRUE(conflicts.error().empty());
}

TEST_F(ConflictViewModelTest, TakingTheOverwrittenValueWritesItAndEveryScreenSeesIt) {
  RecordBrowser& vehicles = model_->vehicles();
  vehicles.SetFilter("·31552");
  ASSERT_EQ(vehicles.Row(0)->at("seats"), 5);
  const int64_t pending = Pending();

  ConflictViewModel& conflicts = Decide(Choice::kTakeLost, "到现场量过，是 7 座");
  ASSERT_TRUE(model_->SettleConflict(zh_)) << conflicts.error();
  EXPECT_EQ(Vehicle("蒙H·31552")["seats"], 7);
  EXPECT_EQ(Conflict("conflict/seats")["conflict_state"], "resolved");
  EXPECT_EQ(Conflict("conflict/seats")["resolution"], "7");
  // The other screens read the store again, and both edits wait to be pushed.
  EXPECT_EQ(vehicles.Row(0)->at("seats"), 7);
  EXPECT_EQ(model_->labels().Find("vehicles", demo_->id("蒙H·31552"))->at("seats"), 7);
  EXPECT_EQ(model_->sync_status().pending_changes, Pending());
  EXPECT_GT(Pending(), pending);
}

TEST_F(ConflictViewModelTest, ANewValueIsReadAsTheFieldNeeds) {
  ConflictViewModel& conflicts = Decide(Choice::kNewValue, "车主说后排拆了一个座位", " 6 ");
  ASSERT_TRUE(model_->SettleConflict(zh_)) << conflicts.error();
  EXPECT_EQ(Vehicle("蒙H·31552")["seats"], 6);
  EXPECT_EQ(Conflict("conflict/seats")["resolution"], "6");

  // A choice typed in the words the screen shows.
  conflicts.Select(demo_->id("conflict/status"));
  conflicts.decision().choice = Choice::kNewValue;
  conflicts.decision().typed_value = "Unavailable";
  conflicts.decision().reason = "Engine trouble since last night";
  ASSERT_TRUE(model_->SettleConflict(en_)) << conflicts.error();
  EXPECT_EQ(Vehicle("蒙H·D6F08")["status"], "unavailable");
  EXPECT_TRUE(conflicts.open().empty());
}

TEST_F(ConflictViewModelTest, RefusalsNameTheFieldAndTheRuleInWordsAndStoreNothing) {
  const int64_t pending = Pending();
  ConflictViewModel& conflicts = Decide(Choice::kTakeLost, "  ");
  EXPECT_FALSE(model_->SettleConflict(zh_));
  EXPECT_EQ(conflicts.error(), "理由: 必填");

  conflicts.decision().choice = Choice::kNewValue;
  conflicts.decision().typed_value = "99";  // seats are 1 to 60
  conflicts.decision().reason = "量过了";
  EXPECT_FALSE(model_->SettleConflict(zh_));
  EXPECT_EQ(conflicts.error(), "座位数: 应在 1 到 60 之间");
  EXPECT_FALSE(model_->conflicts().Settle(en_, clock_.NowMs()));
  EXPECT_EQ(conflicts.error(), "Seats: Must be from 1 to 60") << conflicts.error();

  EXPECT_EQ(Vehicle("蒙H·31552")["seats"], 5);
  EXPECT_EQ(Conflict("conflict/seats")["conflict_state"], "open");
  EXPECT_EQ(Pending(), pending);
  // The decision stays on screen to be corrected, and the conflict stays listed.
  ASSERT_NE(conflicts.selected(), nullptr);
  EXPECT_EQ(conflicts.decision().typed_value, "99");
  EXPECT_EQ(conflicts.open_count(), 2);
  EXPECT_EQ(conflicts.settled(), nullptr);
}

TEST_F(ConflictViewModelTest, ADuplicateIsSettledByMergingOneRecordIntoTheOther) {
  const std::string twice = demo_->id("蒙H·A3721");
  const std::string kept = demo_->id("蒙H·B2056");
  const std::string duplicate = store_
                                    ->Put("conflicts", {{"conflict_kind", "duplicate"},
                                                        {"detected_at", "2024-09-16 08:00"},
                                                        {"table_name", "vehicles"},
                                                        {"record_id", twice},
                                                        {"field_name", "phone"},
                                                        {"other_record_id", kept},
                                                        {"conflict_state", "open"}})
                                    .value();
  ConflictViewModel& conflicts = model_->conflicts();
  conflicts.Reload();
  conflicts.Select(duplicate);
  const ConflictText text = conflicts.Describe(*conflicts.selected(), model_->labels(), en_);
  ASSERT_TRUE(text.can_merge);
  EXPECT_EQ(text.this_label, "蒙H·A3721");
  EXPECT_EQ(text.other_label, "蒙H·B2056");
  // A concurrent edit of seats is no duplicate: nothing to merge.
  EXPECT_FALSE(conflicts.Describe(Conflict("conflict/seats"), model_->labels(), en_).can_merge);

  conflicts.decision().merge = ConflictDecision::Merge::kThisIntoOther;
  conflicts.decision().reason = "";
  EXPECT_FALSE(model_->SettleConflict(zh_));  // a merge says why, too
  EXPECT_FALSE(Vehicle("蒙H·A3721").contains("merged_into"));
  conflicts.decision().reason = "同一辆车，车主登记了两次";
  ASSERT_TRUE(model_->SettleConflict(zh_)) << conflicts.error();
  EXPECT_EQ(Vehicle("蒙H·A3721")["merged_into"], kept);
  EXPECT_EQ(Vehicle("蒙H·A3721")["archived"], true);
  EXPECT_EQ(store_->Get("conflicts", duplicate).value()["conflict_state"], "resolved");
  EXPECT_EQ(conflicts.open_count(), 2);
}

TEST_F(ConflictViewModelTest, AConflictSettledElsewhereIsLetGoOnReload) {
  ConflictViewModel& conflicts = model_->conflicts();
  conflicts.Select(demo_->id("conflict/seats"));
  ASSERT_TRUE(
      store_
          ->Put("conflicts", {{"id", demo_->id("conflict/seats")}, {"conflict_state", "resolved"}})
          .ok());
  conflicts.Reload();
  EXPECT_EQ(conflicts.selected(), nullptr);
  EXPECT_EQ(conflicts.open_count(), 1);
}

}  // namespace
}  // namespace relay::edge::ui
