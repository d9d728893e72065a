// What a merge cannot keep is flagged by the county server when a push arrives: each problem
// once, as an open conflicts record every laptop receives.
#include <gtest/gtest.h>

#include "county_with_two_laptops.h"
#include "relay/edge/conflict_resolution.h"
#include "relay/edge/record_merge.h"

namespace relay {
namespace {

using edge::LocalStore;

class ReceiptChecksTest : public testing::CountyWithTwoLaptops {
 protected:
  // A sync that pushes one change per request, as a long outbox is split into batches.
  void SyncOneByOne(LocalStore& laptop) {
    edge::SyncOptions options;
    options.push_batch = 1;
    Sync(laptop, options);
  }
  std::vector<nlohmann::json> Conflicts(LocalStore& laptop) {
    return laptop.List("conflicts").value();
  }
  void Merge(LocalStore& laptop, const std::string& from, const std::string& into) {
    clock_.Advance(1000);
    auto merged = edge::MergeRecords(laptop, "vehicles", from, into, "同一辆车", clock_.NowMs());
    ASSERT_TRUE(merged.ok()) << merged.message();
  }
  std::vector<nlohmann::json> Conflicts(LocalStore& laptop, const std::string& rule) {
    std::vector<nlohmann::json> found;
    for (auto& conflict : Conflicts(laptop)) {
      if (conflict.value("rule", "") == rule) found.push_back(conflict);
    }
    return found;
  }
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

// A team lead on site and the clinic each fill the same post while offline.
class PostHoldersTest : public ReceiptChecksTest {
 protected:
  void SetUp() override {
    ReceiptChecksTest::SetUp();
    const std::string team =
        Put(*a_, "teams", {{"name", "旗卫生应急小分队"}, {"team_level", "banner_squad"}});
    const std::string unit =
        Put(*a_, "units", {{"team_id", team}, {"unit_kind", "emergency_medical_rescue"}});
    doctor_ = Put(*a_, "members", {{"team_id", team}, {"name", "乌日娜"}});
    nurse_ = Put(*a_, "members", {{"team_id", team}, {"name", "斯琴"}});
    post_ = Put(*a_, "posts", {{"unit_id", unit}, {"name", "现场救治"}});
    SyncAll();
  }
  std::string doctor_;
  std::string nurse_;
  std::string post_;
};

TEST_F(PostHoldersTest, TwoDifferentAHoldersGivenConcurrentlyAreFlagged) {
  Put(*a_, "posts", {{"id", post_}, {"holder_a_id", doctor_}});
  Put(*b_, "posts", {{"id", post_}, {"holder_a_id", nurse_}});
  SyncAll();
  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto conflicts = Conflicts(*laptop);
    ASSERT_EQ(conflicts.size(), 1u);
    EXPECT_EQ(conflicts[0]["conflict_kind"], "concurrent_edit");
    EXPECT_EQ(conflicts[0]["table_name"], "posts");
    EXPECT_EQ(conflicts[0]["field_name"], "holder_a_id");
    EXPECT_EQ(conflicts[0]["kept_value"], nlohmann::json(nurse_).dump());
    EXPECT_EQ(conflicts[0]["lost_value"], nlohmann::json(doctor_).dump());
  }
}

TEST_F(PostHoldersTest, OnePersonMadeAAndBConcurrentlyIsFlagged) {
  Put(*a_, "posts", {{"id", post_}, {"holder_a_id", doctor_}});
  Put(*b_, "posts", {{"id", post_}, {"holder_b_id", doctor_}});
  SyncAll();
  const auto conflicts = Conflicts(*a_, "differ");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0]["conflict_kind"], "broken_rule");
  EXPECT_EQ(conflicts[0]["record_id"], post_);
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
  Merge(*a_, duplicate, kept);
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

TEST_F(ReceiptChecksTest, CrossedMergesAreFlaggedOnceAsAMergeLoop) {
  const nlohmann::json car = {
      {"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}};
  const std::string first = Put(*a_, "vehicles", car);
  const std::string second = Put(*b_, "vehicles", car);
  SyncAll();
  // Each laptop merges its own record into the other's: both end as aliases of each other.
  Merge(*a_, first, second);
  Merge(*b_, second, first);
  SyncAll();
  Put(*a_, "vehicles", {{"id", first}, {"note", "白色"}});  // later edits of either raise no more
  Put(*b_, "vehicles", {{"id", second}, {"note", "白色越野车"}});
  SyncAll();

  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto loops = Conflicts(*laptop, "merge_loop");
    ASSERT_EQ(loops.size(), 1u) << nlohmann::json(Conflicts(*laptop)).dump(2);
    EXPECT_EQ(loops[0]["conflict_kind"], "broken_rule");
    EXPECT_EQ(loops[0]["table_name"], "vehicles");
    EXPECT_EQ(loops[0]["field_name"], "merged_into");
    const std::set<std::string> pair = {loops[0]["record_id"], loops[0]["other_record_id"]};
    EXPECT_EQ(pair, (std::set<std::string>{first, second}));
  }
}

TEST_F(ReceiptChecksTest, AMergeIntoARecordMergedOnElsewhereIsFlaggedOnce) {
  const nlohmann::json car = {{"owner_category", "cadre"}, {"phone", "13800000000"}};
  auto with_plate = [&](const char* plate) {
    nlohmann::json fields = car;
    fields["plate"] = plate;
    return fields;
  };
  const std::string x = Put(*a_, "vehicles", with_plate("蒙H·10001"));
  const std::string y = Put(*a_, "vehicles", with_plate("蒙H·10002"));
  const std::string z = Put(*a_, "vehicles", with_plate("蒙H·10003"));
  SyncAll();
  Merge(*a_, x, y);  // offline, each laptop thinks its merge is the last word
  Merge(*b_, y, z);
  SyncAll();
  Sync(*b_);
  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto chains = Conflicts(*laptop, "merge_chain");
    ASSERT_EQ(chains.size(), 1u) << nlohmann::json(Conflicts(*laptop)).dump(2);
    EXPECT_EQ(chains[0]["record_id"], x);
    EXPECT_EQ(chains[0]["other_record_id"], z);
    EXPECT_EQ(chains[0]["field_name"], "merged_into");
  }
}

TEST_F(ReceiptChecksTest, AMergeIntoARecordMergedOnIsNoLoop) {
  const nlohmann::json car = {
      {"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}};
  const std::string first = Put(*a_, "vehicles", car);
  const std::string second = Put(*b_, "vehicles", car);
  const std::string third = Put(*b_, "vehicles", car);
  SyncAll();
  Merge(*a_, first, second);
  Merge(*b_, second, third);
  SyncAll();
  EXPECT_TRUE(Conflicts(*a_, "merge_loop").empty());
}

// A vehicle on active transport T1 (leg made on a) and the same vehicle on T2, made on b with
// T2 itself before b heard of the first leg.
class DoubleBookingTest : public ReceiptChecksTest {
 protected:
  void SetUp() override {
    ReceiptChecksTest::SetUp();
    vehicle_ =
        Put(*a_, "vehicles",
            {{"plate", "蒙H·A1991"}, {"owner_category", "gacha_doctor"}, {"phone", "13800000000"}});
    first_transport_ = Put(*a_, "transports", {{"call_received_at", "2024-05-01 10:00"}});
    SyncAll();
    first_leg_ =
        Put(*a_, "transport_legs", {{"transport_id", first_transport_}, {"vehicle_id", vehicle_}});
    Sync(*a_);
    second_transport_ = Put(*b_, "transports", {{"call_received_at", "2024-05-01 10:05"}});
    second_leg_ =
        Put(*b_, "transport_legs", {{"transport_id", second_transport_}, {"vehicle_id", vehicle_}});
    SyncAll();
  }
  std::string vehicle_, first_transport_, second_transport_, first_leg_, second_leg_;
};

TEST_F(DoubleBookingTest, ADoubleBookingEnteredWithItsTransportIsOneRecord) {
  Put(*a_, "transport_legs", {{"id", first_leg_}, {"crew", "巴特尔"}});      // either leg edited
  Put(*b_, "transports", {{"id", second_transport_}, {"patient_age", 60}});  // or its transport
  SyncAll();
  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto busy = Conflicts(*laptop, "vehicle_busy");
    ASSERT_EQ(busy.size(), 1u) << nlohmann::json(Conflicts(*laptop)).dump(2);
    EXPECT_EQ(busy[0]["table_name"], "transport_legs");
    EXPECT_EQ(busy[0]["field_name"], "vehicle_id");
    const std::set<std::string> pair = {busy[0]["record_id"], busy[0]["other_record_id"]};
    EXPECT_EQ(pair, (std::set<std::string>{first_leg_, second_leg_}));
  }
}

TEST_F(DoubleBookingTest, ABrokenRuleSettledWithKeepIsNotReportedAgain) {
  const auto busy = Conflicts(*a_, "vehicle_busy");
  ASSERT_EQ(busy.size(), 1u) << nlohmann::json(Conflicts(*a_)).dump(2);
  edge::Resolution keep;
  keep.reason = "第一趟马上结束";
  ASSERT_TRUE(edge::ResolveConflict(*a_, busy[0]["id"], keep, clock_.NowMs()).ok());
  SyncAll();
  Put(*b_, "transport_legs", {{"id", second_leg_}, {"crew", "巴特尔"}});
  Put(*a_, "transport_legs", {{"id", first_leg_}, {"crew", "其其格"}});
  SyncAll();
  const auto after = Conflicts(*b_, "vehicle_busy");
  ASSERT_EQ(after.size(), 1u) << nlohmann::json(Conflicts(*b_)).dump(2);
  EXPECT_EQ(after[0]["conflict_state"], "resolved");
}

TEST_F(ReceiptChecksTest, TheSameVehicleBookedAgainWithAnotherLegIsANewProblem) {
  const std::string vehicle =
      Put(*a_, "vehicles",
          {{"plate", "蒙H·A1991"}, {"owner_category", "gacha_doctor"}, {"phone", "13800000000"}});
  std::vector<std::string> transports;
  for (const char* call : {"2024-05-01 10:00", "2024-05-01 10:05", "2024-05-01 10:10"}) {
    transports.push_back(Put(*a_, "transports", {{"call_received_at", call}}));
  }
  auto c = LocalStore::Open(dir_.File("c.db"), clock_).value();
  SyncAll();
  Sync(*c);
  // Three clinics send the same car, none knowing of the others; the first trip ends before
  // the third clinic's leg arrives.
  Put(*a_, "transport_legs", {{"transport_id", transports[0]}, {"vehicle_id", vehicle}});
  Put(*b_, "transport_legs", {{"transport_id", transports[1]}, {"vehicle_id", vehicle}});
  Put(*c, "transport_legs", {{"transport_id", transports[2]}, {"vehicle_id", vehicle}});
  Sync(*a_);
  Sync(*b_);
  Put(*a_, "transports", {{"id", transports[0]}, {"transport_state", "closed"}});
  Sync(*a_);
  Sync(*c);
  Sync(*a_);
  // The second leg with the first, then the third leg with the second: two problems.
  EXPECT_EQ(Conflicts(*a_, "vehicle_busy").size(), 2u) << nlohmann::json(Conflicts(*a_)).dump(2);
}

// A car every laptop holds with 5 seats, then a's edit to 6 seats pushed to the county alone.
class OwnReplacedValueTest : public ReceiptChecksTest {
 protected:
  std::string CarWithSixSeatsFromA() {
    const std::string car = Put(*a_, "vehicles",
                                {{"plate", "蒙H·12345"},
                                 {"owner_category", "cadre"},
                                 {"phone", "13800000000"},
                                 {"seats", 5}});
    SyncAll();
    Put(*a_, "vehicles", {{"id", car}, {"seats", 6}});
    Sync(*a_);
    return car;
  }
};

TEST_F(OwnReplacedValueTest, AValueItsOwnDeviceReplacedIsNotKeptAsLost) {
  const std::string car = CarWithSixSeatsFromA();     // the county has a's 6 …
  Put(*a_, "vehicles", {{"id", car}, {"seats", 7}});  // … which a replaces itself
  Put(*b_, "vehicles", {{"id", car}, {"seats", 9}});  // b saw neither
  Sync(*b_);
  Sync(*a_);
  Sync(*b_);
  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto conflicts = Conflicts(*laptop);
    ASSERT_EQ(conflicts.size(), 1u) << nlohmann::json(conflicts).dump(2);
    EXPECT_EQ(conflicts[0]["kept_value"], "9");
    EXPECT_EQ(conflicts[0]["lost_value"], "7");  // a's own 6 is no one's loss
    EXPECT_EQ(conflicts[0]["lost_device"], a_->device_id());
  }
}

TEST_F(OwnReplacedValueTest, AReplacementThatWinsKeepsTheOtherDevicesValue) {
  const std::string car = CarWithSixSeatsFromA();
  Put(*b_, "vehicles", {{"id", car}, {"seats", 9}});  // b saw neither of a's values
  Put(*a_, "vehicles", {{"id", car}, {"seats", 7}});  // later than b's 9, which a never saw
  Sync(*b_);
  Sync(*a_);
  Sync(*b_);
  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto conflicts = Conflicts(*laptop);
    ASSERT_EQ(conflicts.size(), 1u) << nlohmann::json(conflicts).dump(2);
    EXPECT_EQ(conflicts[0]["kept_value"], "7");
    EXPECT_EQ(conflicts[0]["lost_value"], "9");
    EXPECT_EQ(conflicts[0]["lost_device"], b_->device_id());
  }
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
  // b registers the vehicle again and sends the duplicate on a closed transport's leg, then
  // archives the leg as entered by mistake (not yet synced); returns the duplicate's id.
  std::string DuplicateOnAnArchivedLeg() {
    const std::string duplicate =
        Put(*b_, "vehicles",
            {{"plate", "蒙H·12345"}, {"owner_category", "cadre"}, {"phone", "13800000000"}});
    const std::string transport =
        Put(*b_, "transports",
            {{"call_received_at", "2024-05-01 10:00"}, {"transport_state", "closed"}});
    const std::string leg =
        Put(*b_, "transport_legs", {{"transport_id", transport}, {"vehicle_id", duplicate}});
    SyncAll();
    Put(*b_, "transport_legs", {{"id", leg}, {"archived", true}});
    return duplicate;
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

TEST_F(ArchiveEditTest, AnEditOfAnArchivedRecordIsFlaggedEvenWhenItsLaptopHadPulledTheArchive) {
  // The edit carries the stamp of seats only: the county cannot tell that b had the archive.
  Put(*a_, "vehicles", {{"id", vehicle_}, {"archived", true}});
  SyncAll();
  Sync(*b_);
  Put(*b_, "vehicles", {{"id", vehicle_}, {"seats", 7}});
  Sync(*b_);
  ASSERT_EQ(ArchiveEdits(*b_).size(), 1u);
  // Restoring it, having seen the archive, answers the question the conflict asks.
  Put(*b_, "vehicles", {{"id", vehicle_}, {"archived", false}});
  Sync(*b_);
  Sync(*a_);
  for (LocalStore* laptop : {a_.get(), b_.get()}) {
    const auto flagged = ArchiveEdits(*laptop);
    ASSERT_EQ(flagged.size(), 1u);
    EXPECT_EQ(flagged[0]["conflict_state"], "resolved");
    EXPECT_FALSE(flagged[0].value("reason", "").empty());
  }
}

TEST_F(ArchiveEditTest, ARestoreAndAnEditSplitAcrossPushesAreNotFlagged) {
  const std::string volunteer =
      Put(*a_, "volunteers", {{"name", "巴特尔"}, {"phone", "13912345678"}});
  Put(*a_, "volunteers", {{"id", volunteer}, {"archived", true}});
  SyncAll();
  // One edit, restoring the volunteer and correcting the affiliation, pushed one change at a
  // time (the laptop queues the restore first).
  Put(*b_, "volunteers", {{"id", volunteer}, {"archived", false}, {"affiliation", "嘎查卫生室"}});
  SyncOneByOne(*b_);
  Sync(*a_);
  for (auto& conflict : ArchiveEdits(*a_)) {
    EXPECT_NE(conflict["conflict_state"], "open") << conflict.dump(2);
  }
}

TEST_F(ArchiveEditTest, AMergeMovingAReferenceOfAnArchivedRecordIsNotFlagged) {
  const std::string duplicate = DuplicateOnAnArchivedLeg();
  SyncAll();
  Merge(*a_, duplicate, vehicle_);
  SyncAll();
  EXPECT_TRUE(ArchiveEdits(*a_).empty()) << nlohmann::json(Conflicts(*a_)).dump(2);
}

TEST_F(ArchiveEditTest, AnArchiveArrivingAfterAMergeMovedTheReferenceIsNotFlagged) {
  const std::string duplicate = DuplicateOnAnArchivedLeg();
  // a merges before the archive reaches it, and syncs first.
  Merge(*a_, duplicate, vehicle_);
  Sync(*a_);
  Sync(*b_);
  Sync(*a_);
  EXPECT_TRUE(ArchiveEdits(*a_).empty()) << nlohmann::json(Conflicts(*a_)).dump(2);
}

}  // namespace
}  // namespace relay
