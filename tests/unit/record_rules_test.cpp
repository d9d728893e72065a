// The rules of the field records, each valid and invalid, through LocalStore::Put.
#include <gtest/gtest.h>

#include "relay/edge/event_correction.h"
#include "relay/edge/local_store.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

class RecordRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value();
    township_ = Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
    gacha_ = Put("gachas",
                 {{"township_id", township_}, {"name", "额日和图嘎查"}, {"area_type", "pastoral"}});
    vehicle_ =
        Put("vehicles",
            {{"plate", "蒙H·12345"}, {"owner_category", "gacha_doctor"}, {"phone", "13800000000"}});
    transport_ =
        Put("transports", {{"call_received_at", "2024-05-01 10:00"}, {"pickup_gacha_id", gacha_}});
  }

  std::string Put(const std::string& table, const nlohmann::json& fields) {
    auto id = store_->Put(table, fields);
    EXPECT_TRUE(id.ok()) << table << ": " << id.status().message();
    return id.ok() ? id.value() : "";
  }

  // The single field error a refused Put reports.
  FieldError Refused(const std::string& table, const nlohmann::json& fields) {
    PutError errors;
    auto id = store_->Put(table, fields, &errors);
    EXPECT_FALSE(id.ok()) << table << " " << fields.dump();
    EXPECT_EQ(errors.errors.size(), 1u) << id.status().message();
    return errors.errors.empty() ? FieldError{} : errors.errors.front();
  }

  testing::TempDir dir_;
  ManualClock clock_{1'714'500'000'000};
  std::unique_ptr<LocalStore> store_;
  std::string township_, gacha_, vehicle_, transport_;
};

TEST_F(RecordRulesTest, TimesAreStoredInUtcFromBeijingTime) {
  EXPECT_EQ(store_->Get("transports", transport_).value()["call_received_at"],
            "2024-05-01T02:00:00Z");
}

TEST_F(RecordRulesTest, ReferencesMustPointToExistingRecords) {
  const std::string unknown = "01890a5d-ac96-774b-bcce-b302099a8057";
  const auto error =
      Refused("gachas", {{"township_id", unknown}, {"name", "x"}, {"area_type", "farming"}});
  EXPECT_EQ(error.field, "township_id");
  EXPECT_EQ(error.rule, "reference");
  EXPECT_EQ(
      Refused("gachas", {{"township_id", "明安图镇"}, {"name", "x"}, {"area_type", "farming"}})
          .rule,
      "reference");  // a name is not an id
}

TEST_F(RecordRulesTest, TransportTimesFollowTheCall) {
  const auto error = Refused("transports", {{"call_received_at", "2024-05-01 10:00"},
                                            {"first_contact_at", "2024-05-01 09:59"}});
  EXPECT_EQ(error.field, "first_contact_at");
  EXPECT_EQ(error.rule, "time_order");
  Put("transports", {{"call_received_at", "2024-05-01 10:00"},
                     {"first_contact_at", "2024-05-01 10:25"},
                     {"arrived_destination_at", "2024-05-01 11:10"}});
  // An update is checked against the stored record too.
  EXPECT_EQ(
      Refused("transports", {{"id", transport_}, {"arrived_destination_at", "2024-05-01 09:00"}})
          .rule,
      "time_order");
}

TEST_F(RecordRulesTest, AHandoffCannotPrecedeTheCall) {
  const auto error = Refused(
      "handoffs", {{"transport_id", transport_}, {"carrier_arrived_at", "2024-05-01 09:30"}});
  EXPECT_EQ(error.field, "carrier_arrived_at");
  EXPECT_EQ(error.rule, "before_call");
  EXPECT_EQ(Refused("handoffs", {{"transport_id", transport_},
                                 {"carrier_arrived_at", "2024-05-01 10:30"},
                                 {"transfer_at", "2024-05-01 10:20"}})
                .rule,
            "time_order");
  Put("handoffs", {{"transport_id", transport_},
                   {"carrier_arrived_at", "2024-05-01 10:30"},
                   {"receiver_arrived_at", "2024-05-01 10:41"},
                   {"transfer_at", "2024-05-01 10:44"},
                   {"handoff_kind", "patient_moved"}});
}

TEST_F(RecordRulesTest, AVehicleIsOnOneActiveTransportAtATime) {
  Put("transport_legs", {{"transport_id", transport_}, {"vehicle_id", vehicle_}});
  Put("transport_legs", {{"transport_id", transport_}, {"vehicle_id", vehicle_}});  // same case
  const auto second = Put("transports", {{"call_received_at", "2024-05-01 10:05"}});
  const auto error =
      Refused("transport_legs", {{"transport_id", second}, {"vehicle_id", vehicle_}});
  EXPECT_EQ(error.field, "vehicle_id");
  EXPECT_EQ(error.rule, "vehicle_busy");
  // Once the first transport is closed the vehicle is free again.
  Put("transports", {{"id", transport_}, {"transport_state", "closed"}});
  Put("transport_legs", {{"transport_id", second}, {"vehicle_id", vehicle_}});
}

TEST_F(RecordRulesTest, CorrectingTheCallToAfterItsHandoffIsRefused) {
  Put("handoffs", {{"transport_id", transport_}, {"transfer_at", "2024-05-01 10:40"}});
  auto correct = [&](const char* time, PutError* errors) {
    return PutCorrecting(*store_, {"transports", {{"id", transport_}, {"call_received_at", time}}},
                         "radio log", clock_.NowMs(), errors);
  };
  PutError errors;
  EXPECT_FALSE(correct("2024-05-01 10:50", &errors).ok());
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors.front().field, "call_received_at");
  EXPECT_EQ(errors.errors.front().rule, "before_call");
  EXPECT_TRUE(store_->ListWhere("corrections", "record_id", transport_).value().empty());
  EXPECT_TRUE(correct("2024-05-01 09:50", nullptr).ok());
}

TEST_F(RecordRulesTest, ReopeningATransportCannotPutAVehicleOnTwoActiveOnes) {
  Put("transport_legs", {{"transport_id", transport_}, {"vehicle_id", vehicle_}});
  Put("transports", {{"id", transport_}, {"transport_state", "closed"}});
  const auto second = Put("transports", {{"call_received_at", "2024-05-01 11:00"}});
  Put("transport_legs", {{"transport_id", second}, {"vehicle_id", vehicle_}});
  const auto error = Refused("transports", {{"id", transport_}, {"transport_state", "active"}});
  EXPECT_EQ(error.field, "transport_state");
  EXPECT_EQ(error.rule, "vehicle_busy");
}

TEST_F(RecordRulesTest, APostsAAndBHoldersDiffer) {
  const auto team =
      Put("teams", {{"name", "正镶白旗卫生应急小分队"}, {"team_level", "banner_squad"}});
  const auto unit = Put("units", {{"team_id", team}, {"unit_kind", "emergency_medical_rescue"}});
  const auto doctor = Put("members", {{"team_id", team}, {"name", "乌日娜"}});
  const auto nurse = Put("members", {{"team_id", team}, {"name", "巴特尔"}});
  const auto error = Refused(
      "posts",
      {{"unit_id", unit}, {"name", "现场救治"}, {"holder_a_id", doctor}, {"holder_b_id", doctor}});
  EXPECT_EQ(error.field, "holder_b_id");
  EXPECT_EQ(error.rule, "differ");
  Put("posts",
      {{"unit_id", unit}, {"name", "现场救治"}, {"holder_a_id", doctor}, {"holder_b_id", nurse}});
}

TEST_F(RecordRulesTest, FirstAidExpiresAfterTraining) {
  EXPECT_EQ(Refused("volunteers", {{"name", "其木格"},
                                   {"phone", "13900000000"},
                                   {"first_aid_trained_on", "2024-03-01"},
                                   {"first_aid_expires_on", "2023-03-01"}})
                .rule,
            "time_order");
}

TEST_F(RecordRulesTest, AParticipantIsAMemberOrAVolunteer) {
  const auto training = Put("trainings", {{"training_kind", "drill"}, {"held_on", "2024-06-12"}});
  const auto volunteer = Put("volunteers", {{"name", "其木格"}, {"phone", "13900000000"}});
  EXPECT_EQ(Refused("training_participants", {{"training_id", training}}).rule, "exactly_one");
  Put("training_participants",
      {{"training_id", training}, {"volunteer_id", volunteer}, {"result", "passed"}});
}

TEST_F(RecordRulesTest, NoFieldCanHoldAnIdCardNumber) {
  EXPECT_EQ(Refused("transports", {{"call_received_at", "2024-05-01 10:00"},
                                   {"patient_id_card", "152527199001011234"}})
                .rule,
            "unknown_field");
}

}  // namespace
}  // namespace relay::edge
