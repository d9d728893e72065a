// A record's stamps kept in one value beside its row: read back exactly, refused when damaged,
// applied a record at a time to the same result as a change at a time, and moved over from the
// row-per-field layout of older databases without changing the digest.
#include "relay/record_stamps.h"

#include <gtest/gtest.h>

#include <random>

#include "field_state_layout.h"
#include "relay/edge/local_store.h"
#include "relay/replica_state.h"
#include "temp_dir.h"

namespace relay {
namespace {

constexpr const char* kDeviceA = "01890a5d-0000-7000-8000-00000000000a";
constexpr const char* kDeviceB = "01890a5d-0000-7000-8000-00000000000b";

TEST(RecordStamps, AreReadBackAsWrittenInFieldOrder) {
  RecordStamps stamps;
  stamps.Set("plate", {HlcTimestamp{1'714'500'000'000, 3}, kDeviceA});
  stamps.Set("archived", {HlcTimestamp{1'714'500'000'000, 9}, kDeviceB});
  stamps.Set("phone", {HlcTimestamp{1'600'000'000'000, 0}, kDeviceA});  // older than the one before
  stamps.Set("plate", {HlcTimestamp{1'714'500'000'001, 0}, kDeviceB});  // replaces
  const auto decoded = RecordStamps::Decode(stamps.Encode()).value();
  ASSERT_EQ(decoded.entries().size(), 3u);
  EXPECT_EQ(decoded.entries()[0].field, "archived");
  EXPECT_EQ(decoded.entries()[1].field, "phone");
  EXPECT_EQ(decoded.entries()[2].field, "plate");
  EXPECT_EQ(decoded.Find("plate")->hlc, (HlcTimestamp{1'714'500'000'001, 0}));
  EXPECT_EQ(decoded.Find("plate")->device, kDeviceB);
  EXPECT_EQ(decoded.Find("phone")->hlc, (HlcTimestamp{1'600'000'000'000, 0}));
  EXPECT_EQ(decoded.Find("seats"), nullptr);
  // Two devices are written once each, then about 20 bytes a field: a row per field took
  // over 100 bytes for each.
  EXPECT_LE(stamps.Encode().size(), 2 * 37 + 2 + 3 * 20u);
}

TEST(RecordStamps, DamagedBytesAreAStorageErrorNeverAGuess) {
  RecordStamps stamps;
  stamps.Set("plate", {HlcTimestamp{1'714'500'000'000, 3}, kDeviceA});
  const std::string bytes = stamps.Encode();
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    const auto decoded = RecordStamps::Decode(std::string_view(bytes).substr(0, cut));
    ASSERT_FALSE(decoded.ok()) << cut;
    EXPECT_EQ(decoded.status().kind(), ErrorKind::kStorage);
  }
  std::string longer = bytes;
  longer.push_back('\0');
  EXPECT_FALSE(RecordStamps::Decode(longer).ok());
  EXPECT_TRUE(RecordStamps::Decode(RecordStamps().Encode()).value().empty());
}

// Each field's stamp as (packed HLC, device), to compare two replicas' stamps.
std::map<std::string, std::pair<int64_t, std::string>> Comparable(
    const std::map<std::string, FieldStamp>& stamps) {
  std::map<std::string, std::pair<int64_t, std::string>> comparable;
  for (const auto& [field, stamp] : stamps)
    comparable[field] = {stamp.hlc.Packed(), stamp.device};
  return comparable;
}

class RecordApplyTest : public ::testing::Test {
 protected:
  std::unique_ptr<sql::Database> NewReplica(const std::string& name) {
    auto db = sql::Database::Open(dir_.File(name)).value();
    EXPECT_TRUE(ReplicaState(*db).EnsureSchema().ok());
    return db;
  }
  testing::TempDir dir_;
};

// Random changes to a few vehicles by two devices, stamps in any order, some records' changes
// in runs: applied a run at a time and a change at a time they leave the same data.
TEST_F(RecordApplyTest, ARecordAtATimeEndsAsAChangeAtATime) {
  std::mt19937 random(20261202);
  const std::vector<std::string> ids = {"01890a5d-ac96-774b-bcce-b302099a8001",
                                        "01890a5d-ac96-774b-bcce-b302099a8002",
                                        "01890a5d-ac96-774b-bcce-b302099a8003"};
  const std::vector<std::pair<std::string, nlohmann::json>> fields = {
      {"plate", "蒙H·11111"}, {"plate", "蒙H·22222"}, {"seats", 4},
      {"seats", 7},           {"phone", nullptr},     {"archived", true}};
  std::vector<Change> changes;
  for (int i = 0; i < 400; ++i) {
    const auto& [field, value] = fields[random() % fields.size()];
    changes.push_back({"vehicles",
                       ids[random() % (i % 7 == 0 ? ids.size() : 1)],
                       field,
                       value,
                       HlcTimestamp{1'714'500'000'000 + static_cast<int64_t>(random() % 50),
                                    static_cast<uint16_t>(random() % 3)},
                       random() % 2 ? kDeviceA : kDeviceB,
                       {},
                       {}});
  }
  auto by_record = NewReplica("by_record.db");
  auto by_change = NewReplica("by_change.db");
  ReplicaState record_state(*by_record), change_state(*by_change);
  std::vector<const Change*> all;
  int64_t won_one_by_one = 0;
  for (const auto& change : changes) {
    all.push_back(&change);
    won_one_by_one += change_state.Apply(change).value() ? 1 : 0;
  }
  EXPECT_EQ(record_state.ApplyAll(all).value(), won_one_by_one);
  EXPECT_EQ(record_state.Digest().value(), change_state.Digest().value());
  for (const auto& id : ids)
    EXPECT_EQ(Comparable(record_state.StampsOf("vehicles", id).value()),
              Comparable(change_state.StampsOf("vehicles", id).value()));
}

// A laptop's database from an older release, with a row per field in field_state, opens with
// the same data, stamps and digest, and goes on merging.
TEST_F(RecordApplyTest, AnOlderDatabaseMovesItsStampsIntoItsRecords) {
  ManualClock clock{1'714'500'000'000};
  std::string vehicle, digest;
  std::map<std::string, HlcTimestamp> stamps;
  {
    auto store = edge::LocalStore::Open(dir_.File("laptop.db"), clock).value();
    auto put = store->Put("vehicles", {{"plate", "蒙H·12345"},
                                       {"owner_category", "police"},
                                       {"phone", "13800000000"},
                                       {"seats", 5},
                                       {"four_wd", true}});
    ASSERT_TRUE(put.ok()) << put.status().message();
    vehicle = put.value();
    clock.Advance(1000);
    ASSERT_TRUE(store->Put("vehicles", {{"id", vehicle}, {"seats", 7}}).ok());
    digest = store->Digest().value();
    stamps = store->Read("vehicles", vehicle).value().seen;
  }
  {
    auto db = sql::Database::Open(dir_.File("laptop.db")).value();
    testing::ToFieldStateLayout(*db);
  }
  auto opened = edge::LocalStore::Open(dir_.File("laptop.db"), clock);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  auto store = std::move(opened).value();
  EXPECT_EQ(store->Digest().value(), digest);
  EXPECT_EQ(store->Read("vehicles", vehicle).value().seen, stamps);
  EXPECT_EQ(store->Get("vehicles", vehicle).value()["seats"], 7);
  auto db = sql::Database::Open(dir_.File("laptop.db")).value();
  auto left = db->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'field_state'").value();
  ASSERT_TRUE(left.Step().value());
  EXPECT_EQ(left.Int(0), 0);
  clock.Advance(1000);
  ASSERT_TRUE(store->Put("vehicles", {{"id", vehicle}, {"seats", 3}}).ok());
  EXPECT_EQ(store->Get("vehicles", vehicle).value()["seats"], 3);
}

}  // namespace
}  // namespace relay
