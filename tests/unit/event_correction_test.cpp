// Recorded events (transport times, handoffs) are set once and then corrected, never
// overwritten: each correction is a new record pointing at the one it supersedes, and the
// corrections of two laptops both survive sync. Edits carry the stamps their editor saw.
#include <gtest/gtest.h>

#include <algorithm>

#include "county_with_two_laptops.h"
#include "relay/edge/conflict_resolution.h"
#include "relay/edge/event_correction.h"

namespace relay::edge {
namespace {

class EventCorrectionTest : public testing::CountyWithTwoLaptops {
 protected:
  void SetUp() override {
    CountyWithTwoLaptops::SetUp();
    call_ = Put(*a_, "transports", {{"call_received_at", "2024-05-01 10:00"}});
  }

  Status Correct(LocalStore& laptop, const std::string& table, const std::string& id,
                 const std::string& field, const nlohmann::json& value,
                 const std::string& reason = "checked the radio log") {
    clock_.Advance(1000);
    return CorrectEvent(laptop, {table, id, field, value, reason}, clock_.NowMs());
  }
  std::vector<nlohmann::json> CorrectionsOf(LocalStore& laptop, const std::string& id) {
    return laptop.ListWhere("corrections", "record_id", id).value();
  }
  nlohmann::json Field(LocalStore& laptop, const std::string& table, const std::string& id,
                       const std::string& field) {
    return laptop.Get(table, id).value().value(field, nlohmann::json());
  }
  int64_t Pending(LocalStore& laptop) { return laptop.ReadSyncStatus().value().pending_changes; }

  std::string call_;
};

TEST_F(EventCorrectionTest, ARecordedTimeIsNotOverwrittenByAnOrdinaryEdit) {
  const int64_t pending = Pending(*a_);
  PutError errors;
  EXPECT_FALSE(
      a_->Put("transports", {{"id", call_}, {"call_received_at", "2024-05-01 10:05"}}, &errors)
          .ok());
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].field, "call_received_at");
  EXPECT_EQ(errors.errors[0].rule, "recorded_event");
  EXPECT_EQ(Field(*a_, "transports", call_, "call_received_at"), "2024-05-01T02:00:00Z");
  EXPECT_EQ(Pending(*a_), pending);
  // Recording a time not recorded yet, or writing the same value again, is no correction.
  Put(*a_, "transports", {{"id", call_}, {"first_contact_at", "2024-05-01 10:30"}});
  Put(*a_, "transports", {{"id", call_}, {"call_received_at", "2024-05-01 10:00"}});
  EXPECT_TRUE(CorrectionsOf(*a_, call_).empty());
}

TEST_F(EventCorrectionTest, EachCorrectionKeepsWhatItReplacedAndPointsAtThePreviousOne) {
  ASSERT_TRUE(Correct(*a_, "transports", call_, "call_received_at", "2024-05-01 10:05").ok());
  ASSERT_TRUE(Correct(*a_, "transports", call_, "call_received_at", "2024-05-01 10:07",
                      "the dispatcher's log")
                  .ok());
  EXPECT_EQ(Field(*a_, "transports", call_, "call_received_at"), "2024-05-01T02:07:00Z");

  auto corrections = CorrectionsOf(*a_, call_);  // newest first
  ASSERT_EQ(corrections.size(), 2u);
  const auto& first = corrections[1];
  const auto& second = corrections[0];
  EXPECT_EQ(first["corrected_value"], "\"2024-05-01T02:00:00Z\"");
  EXPECT_EQ(first["value"], "\"2024-05-01T02:05:00Z\"");
  EXPECT_FALSE(first.contains("corrects_id"));  // it corrects the first recording
  EXPECT_EQ(second["corrected_value"], "\"2024-05-01T02:05:00Z\"");
  EXPECT_EQ(second["value"], "\"2024-05-01T02:07:00Z\"");
  EXPECT_EQ(second["corrects_id"], first["id"]);
  EXPECT_EQ(second["reason"], "the dispatcher's log");
  EXPECT_EQ(second["corrected_by"], a_->device_id());
  EXPECT_EQ(second["table_name"], "transports");
  EXPECT_EQ(second["field_name"], "call_received_at");

  // Corrections are events too: one is never edited, only corrected in turn.
  PutError errors;
  EXPECT_FALSE(a_->Put("corrections", {{"id", second["id"]}, {"reason", "other"}}, &errors).ok());
  EXPECT_EQ(errors.errors.at(0).rule, "recorded_event");
}

TEST_F(EventCorrectionTest, RefusedCorrectionsStoreNothing) {
  const int64_t pending = Pending(*a_);
  const std::string leg_vehicle =
      Put(*a_, "vehicles",
          {{"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}});
  const int64_t before = Pending(*a_);
  EXPECT_NE(before, pending);
  const auto refused = [&](const std::string& field, const nlohmann::json& value,
                           const std::string& reason, const std::string& says) {
    const Status status = Correct(*a_, "transports", call_, field, value, reason);
    EXPECT_FALSE(status.ok()) << field;
    EXPECT_NE(status.message().find(says), std::string::npos) << status.message();
  };
  refused("call_received_at", "2024-05-01 10:05", "  ", "reason");
  refused("patient_age", 40, "typo", "no recorded event");
  refused("first_contact_at", "2024-05-01 10:30", "typo", "not recorded yet");
  refused("call_received_at", "2024-05-01 10:00", "typo", "already holds");
  refused("call_received_at", "yesterday", "typo", "call_received_at");
  EXPECT_FALSE(Correct(*a_, "vehicles", leg_vehicle, "plate", "蒙H·54321").ok());
  EXPECT_EQ(Pending(*a_), before);
  EXPECT_TRUE(CorrectionsOf(*a_, call_).empty());
}

TEST_F(EventCorrectionTest, AHandoffIsAppendOnlyButFilledInAsItHappens) {
  const std::string handoff = Put(*a_, "handoffs",
                                  {{"transport_id", call_},
                                   {"carrier_arrived_at", "2024-05-01 10:31"},
                                   {"giving_person", "巴特尔"}});
  Put(*a_, "handoffs", {{"id", handoff}, {"transfer_at", "2024-05-01 10:38"}});
  PutError errors;
  EXPECT_FALSE(a_->Put("handoffs", {{"id", handoff}, {"giving_person", "其木格"}}, &errors).ok());
  EXPECT_EQ(errors.errors.at(0).rule, "recorded_event");
  ASSERT_TRUE(Correct(*a_, "handoffs", handoff, "giving_person", "其木格", "wrong driver").ok());
  EXPECT_EQ(Field(*a_, "handoffs", handoff, "giving_person"), "其木格");
  // A handoff entered in error is archived like any record.
  Put(*a_, "handoffs", {{"id", handoff}, {"archived", true}});
}

TEST_F(EventCorrectionTest, AFormSavesItsCorrectionsAndOtherFieldsTogetherOnlyWithAReason) {
  const TableEdit edit{
      "transports",
      {{"id", call_}, {"call_received_at", "2024-05-01 09:58"}, {"patient_name", "乌云"}}};
  const int64_t pending = Pending(*a_);
  PutError errors;
  EXPECT_FALSE(PutCorrecting(*a_, edit, "", clock_.NowMs(), &errors).ok());
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].field, "call_received_at");
  EXPECT_EQ(errors.errors[0].rule, "correction_reason");
  EXPECT_EQ(Pending(*a_), pending);
  EXPECT_FALSE(Field(*a_, "transports", call_, "patient_name").is_string());

  ASSERT_TRUE(PutCorrecting(*a_, edit, "the caller rang at 9:58", clock_.NowMs(), &errors).ok());
  EXPECT_EQ(Field(*a_, "transports", call_, "patient_name"), "乌云");
  EXPECT_EQ(Field(*a_, "transports", call_, "call_received_at"), "2024-05-01T01:58:00Z");
  ASSERT_EQ(CorrectionsOf(*a_, call_).size(), 1u);
  EXPECT_EQ(CorrectionsOf(*a_, call_)[0]["reason"], "the caller rang at 9:58");
}

TEST_F(EventCorrectionTest, TwoLaptopsCorrectingOneTimeKeepBothCorrectionsAndAConflict) {
  SyncAll();
  ASSERT_TRUE(Correct(*a_, "transports", call_, "call_received_at", "2024-05-01 10:05").ok());
  ASSERT_TRUE(Correct(*b_, "transports", call_, "call_received_at", "2024-05-01 09:55").ok());
  SyncAll();
  Sync(*b_);
  EXPECT_EQ(a_->Digest().value(), b_->Digest().value());
  EXPECT_EQ(CorrectionsOf(*a_, call_).size(), 2u);
  EXPECT_EQ(CorrectionsOf(*b_, call_).size(), 2u);
  const auto conflicts = b_->List("conflicts").value();
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["conflict_kind"], "concurrent_edit");
  EXPECT_EQ(conflicts[0]["field_name"], "call_received_at");

  // Taking the overwritten value back is itself a correction, pointing at the newest one.
  const std::string lost = conflicts[0]["lost_value"];
  Resolution resolution{Resolution::Choice::kTakeLost, {}, "confirmed with the caller"};
  ASSERT_TRUE(ResolveConflict(*b_, conflicts[0]["id"], resolution, clock_.NowMs()).ok());
  EXPECT_EQ(Field(*b_, "transports", call_, "call_received_at").dump(), lost);
  const auto corrections = CorrectionsOf(*b_, call_);
  ASSERT_EQ(corrections.size(), 3u);
  EXPECT_EQ(corrections[0]["reason"], "confirmed with the caller");
  EXPECT_EQ(corrections[0]["value"], lost);
  SyncAll();
  EXPECT_EQ(a_->Digest().value(), b_->Digest().value());
}

// A laptop that overwrites a recorded time without its corrections note (an old or altered
// client) is merged as usual but flagged, the value replaced kept in the flag.
TEST_F(EventCorrectionTest, TheCountyFlagsARecordedTimeOverwrittenWithoutACorrection) {
  Put(*a_, "transports", {{"id", call_}, {"first_contact_at", "2024-05-01 10:30"}});
  SyncAll();
  TableEdit overwrite{"transports", {{"id", call_}, {"call_received_at", "2024-05-01 10:09"}}};
  overwrite.corrects_events = true;  // what a client skipping PlanCorrection would send
  clock_.Advance(1000);
  ASSERT_TRUE(b_->Put(overwrite).ok());
  // A real correction, pushed a change at a time, is not flagged.
  ASSERT_TRUE(Correct(*a_, "transports", call_, "first_contact_at", "2024-05-01 10:31").ok());
  SyncOptions one_by_one;
  one_by_one.push_batch = 1;
  Sync(*b_, one_by_one);
  Sync(*a_, one_by_one);
  const auto conflicts = a_->List("conflicts").value();
  ASSERT_EQ(conflicts.size(), 1u) << nlohmann::json(conflicts).dump(2);
  EXPECT_EQ(conflicts[0]["conflict_kind"], "broken_rule");
  EXPECT_EQ(conflicts[0]["rule"], "recorded_event");
  EXPECT_EQ(conflicts[0]["field_name"], "call_received_at");
  EXPECT_NE(conflicts[0]["note"].get<std::string>().find("2024-05-01T02:00:00Z"),
            std::string::npos);
}

// Two laptops recording one empty time unaware of each other: a concurrent edit, nothing more.
TEST_F(EventCorrectionTest, TwoLaptopsRecordingOneEmptyTimeAreOneConcurrentEdit) {
  SyncAll();
  Put(*a_, "transports", {{"id", call_}, {"first_contact_at", "2024-05-01 10:30"}});
  Put(*b_, "transports", {{"id", call_}, {"first_contact_at", "2024-05-01 10:32"}});
  Sync(*a_);
  Sync(*b_);  // the later stamp reaches the county second
  Sync(*a_);
  const auto conflicts = a_->List("conflicts").value();
  ASSERT_EQ(conflicts.size(), 1u) << nlohmann::json(conflicts).dump(2);
  EXPECT_EQ(conflicts[0]["conflict_kind"], "concurrent_edit");
  EXPECT_EQ(conflicts[0]["field_name"], "first_contact_at");
}

// A form holds what it read; a sync landing before it is saved must not make the save look
// informed, or the value the sync brought would be lost without a conflict.
TEST_F(EventCorrectionTest, AnEditCarriesTheStampsItsEditorSaw) {
  const std::string vehicle =
      Put(*a_, "vehicles",
          {{"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}});
  SyncAll();
  const ReadRecord form = a_->Read("vehicles", vehicle).value();
  ASSERT_TRUE(form.seen.count("phone"));
  Put(*b_, "vehicles", {{"id", vehicle}, {"phone", "13911112222"}});
  Sync(*b_);
  Sync(*a_);  // the other laptop's phone number arrives while the form is open
  EXPECT_EQ(Field(*a_, "vehicles", vehicle, "phone"), "13911112222");

  clock_.Advance(1000);
  ASSERT_TRUE(
      a_->Put(TableEdit{"vehicles", {{"id", vehicle}, {"phone", "13833334444"}}, form.seen}).ok());
  const auto outbox = a_->PendingChanges(10).value();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].change.seen, form.seen.at("phone"));
  SyncAll();
  const auto conflicts = a_->List("conflicts").value();
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["field_name"], "phone");
  EXPECT_EQ(conflicts[0]["lost_value"], "\"13911112222\"");

  // A field the form showed empty was seen empty, though a sync filled it meanwhile.
  const ReadRecord later = a_->Read("vehicles", vehicle).value();
  EXPECT_TRUE(later.seen.at("seats").IsZero());
  Put(*b_, "vehicles", {{"id", vehicle}, {"seats", 7}});
  Sync(*b_);
  Sync(*a_);
  clock_.Advance(1000);
  ASSERT_TRUE(a_->Put(TableEdit{"vehicles", {{"id", vehicle}, {"seats", 5}}, later.seen}).ok());
  SyncAll();
  const auto all = a_->List("conflicts").value();
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const nlohmann::json& conflict) {
    return conflict["field_name"] == "seats" && conflict["lost_value"] == "7";
  })) << nlohmann::json(all).dump(2);
}

}  // namespace
}  // namespace relay::edge
