#include <gtest/gtest.h>

#include "relay/change.h"
#include "relay/replica_state.h"
#include "relay/schema.h"

#include <regex>
#include <set>

namespace relay {
namespace {

constexpr const char* kVehicle = "01890a5d-ac96-774b-bcce-b302099a8057";
constexpr const char* kDeviceA = "01890a5d-0000-7000-8000-00000000000a";
constexpr const char* kDeviceB = "01890a5d-0000-7000-8000-00000000000b";

Change PlateChange(const std::string& plate, int64_t ms, uint16_t counter, const char* device) {
  return Change{"vehicles", kVehicle, "plate", plate, HlcTimestamp{ms, counter}, device, {}, {}};
}

// Registry names become SQL identifiers and wire names: they must be plain and not collide
// with the columns every typed table has.
TEST(SchemaRegistry, NamesArePlainIdentifiersWithoutCollisions) {
  const std::set<std::string> reserved = {"id",    "select", "from",  "where",
                                          "order", "group",  "index", "table"};
  std::set<std::string> tables;
  for (const auto& table : SchemaTables()) {
    EXPECT_TRUE(std::regex_match(table.name, std::regex("[a-z][a-z0-9_]*"))) << table.name;
    EXPECT_TRUE(tables.insert(table.name).second) << table.name;
    std::set<std::string> fields;
    for (const auto& field : table.fields) {
      EXPECT_TRUE(std::regex_match(field.name, std::regex("[a-z][a-z0-9_]*"))) << field.name;
      EXPECT_FALSE(reserved.count(field.name)) << table.name << "." << field.name;
      EXPECT_TRUE(fields.insert(field.name).second) << table.name << "." << field.name;
    }
    EXPECT_TRUE(fields.count(std::string(kArchivedField))) << table.name;
    // Lists are ordered by this field, and the store keeps an index on it.
    EXPECT_TRUE(table.order_field == "id" || table.Field(table.order_field)) << table.name;
  }
}

TEST(Supersedes, LaterHlcWinsAndDeviceBreaksTies) {
  const FieldStamp early{HlcTimestamp{100, 0}, kDeviceB};
  const FieldStamp late{HlcTimestamp{100, 1}, kDeviceA};
  EXPECT_TRUE(Supersedes(late, early));
  EXPECT_FALSE(Supersedes(early, late));
  const FieldStamp tie_a{HlcTimestamp{100, 0}, kDeviceA};
  const FieldStamp tie_b{HlcTimestamp{100, 0}, kDeviceB};
  EXPECT_TRUE(Supersedes(tie_b, tie_a));
  EXPECT_FALSE(Supersedes(tie_a, tie_b));
  EXPECT_FALSE(Supersedes(tie_a, tie_a));  // re-delivery changes nothing
}

class ReplicaStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = sql::Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
    state_ = std::make_unique<ReplicaState>(*db_);
    ASSERT_TRUE(state_->EnsureSchema().ok());
  }

  std::string PlateNow() {
    auto record = state_->Record("vehicles", kVehicle);
    return record.value()->at("plate").get<std::string>();
  }

  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<ReplicaState> state_;
};

TEST_F(ReplicaStateTest, AppliesInAnyOrderToTheSameResult) {
  const auto a = PlateChange("蒙H·11111", 100, 0, kDeviceA);
  const auto b = PlateChange("蒙H·22222", 200, 0, kDeviceB);
  EXPECT_TRUE(state_->Apply(b).value());
  EXPECT_FALSE(state_->Apply(a).value());  // older: loses
  EXPECT_EQ(PlateNow(), "蒙H·22222");
  const auto digest_one_order = state_->Digest().value();

  ASSERT_TRUE(db_->Execute("DELETE FROM vehicles;").ok());
  EXPECT_TRUE(state_->Apply(a).value());
  EXPECT_TRUE(state_->Apply(b).value());
  EXPECT_EQ(PlateNow(), "蒙H·22222");
  EXPECT_EQ(state_->Digest().value(), digest_one_order);
}

TEST_F(ReplicaStateTest, EqualStampsAreSettledByDeviceId) {
  EXPECT_TRUE(state_->Apply(PlateChange("蒙H·22222", 100, 0, kDeviceB)).value());
  EXPECT_FALSE(state_->Apply(PlateChange("蒙H·11111", 100, 0, kDeviceA)).value());
  EXPECT_EQ(PlateNow(), "蒙H·22222");
}

TEST_F(ReplicaStateTest, FieldsMergeIndependently) {
  Change phone{"vehicles", kVehicle, "phone", "13900000000", HlcTimestamp{50, 0}, kDeviceA, {}, {}};
  ASSERT_TRUE(state_->Apply(PlateChange("蒙H·22222", 100, 0, kDeviceB)).value());
  ASSERT_TRUE(state_->Apply(phone).value());  // older stamp, but another field
  auto record = state_->Record("vehicles", kVehicle).value();
  EXPECT_EQ(record->at("phone"), "13900000000");
  EXPECT_EQ(record->at("plate"), "蒙H·22222");
}

TEST_F(ReplicaStateTest, DigestDiffersWhenDataDiffer) {
  ASSERT_TRUE(state_->Apply(PlateChange("蒙H·11111", 100, 0, kDeviceA)).value());
  const auto before = state_->Digest().value();
  ASSERT_TRUE(state_->Apply(PlateChange("蒙H·11112", 101, 0, kDeviceA)).value());
  EXPECT_NE(state_->Digest().value(), before);
}

TEST_F(ReplicaStateTest, RefusesUnknownTablesAndFields) {
  auto change = PlateChange("蒙H·11111", 100, 0, kDeviceA);
  change.table = "horses";
  EXPECT_FALSE(state_->Apply(change).ok());
  change.table = "vehicles";
  change.field = "colour";
  EXPECT_FALSE(state_->Apply(change).ok());
}

TEST_F(ReplicaStateTest, FilterFindsByIndexedText) {
  ASSERT_TRUE(state_->Apply(PlateChange("蒙H·11111", 100, 0, kDeviceA)).value());
  RecordQuery query;
  query.contains = "11111";
  EXPECT_EQ(state_->Records("vehicles", query).value().size(), 1u);
  EXPECT_EQ(state_->Count("vehicles", query).value(), 1);
  query.contains = "99999";
  EXPECT_EQ(state_->Records("vehicles", query).value().size(), 0u);
  query.contains = "%";
  EXPECT_EQ(state_->Records("vehicles", query).value().size(), 0u);  // wildcards are literal
  EXPECT_EQ(state_->Count("vehicles", query).value(), 0);
}

// Sets one field of a transport, as a change from device A at ms.
Change TransportChange(const std::string& id, const std::string& field, nlohmann::json value,
                       int64_t ms) {
  return Change{"transports", id, field, std::move(value), HlcTimestamp{ms, 0}, kDeviceA, {}, {}};
}

TEST_F(ReplicaStateTest, PagesFollowTheListOrderWithArchivedLeftOutOnRequest) {
  // Five transports called in at 10:00 … 14:00, stored in a shuffled order; the 12:00 one is
  // archived and the 13:00 one is in another gacha.
  const std::vector<int> hours = {12, 10, 14, 11, 13};
  for (size_t i = 0; i < hours.size(); ++i) {
    const std::string id = "0189-" + std::to_string(hours[i]);
    const std::string call = "2024-05-01T" + std::to_string(hours[i]) + ":00:00Z";
    ASSERT_TRUE(state_->Apply(TransportChange(id, "call_received_at", call, 100 + i)).ok());
    ASSERT_TRUE(state_
                    ->Apply(TransportChange(id, "pickup_gacha_id",
                                            hours[i] == 13 ? "gacha-2" : "gacha-1", 100 + i))
                    .ok());
  }
  ASSERT_TRUE(state_->Apply(TransportChange("0189-12", "archived", true, 200)).ok());

  auto ids = [&](const RecordQuery& query) {
    std::vector<std::string> found;
    auto records = state_->Records("transports", query);
    for (const auto& record : records.value())
      found.push_back(record["id"]);
    return found;
  };
  RecordQuery all;
  EXPECT_EQ(ids(all), (std::vector<std::string>{"0189-14", "0189-13", "0189-12", "0189-11",
                                                "0189-10"}));  // newest call first
  RecordQuery page;
  page.offset = 1;
  page.limit = 2;
  EXPECT_EQ(ids(page), (std::vector<std::string>{"0189-13", "0189-12"}));
  EXPECT_EQ(state_->Count("transports", page).value(), 5);  // the count ignores the page

  RecordQuery current;
  current.include_archived = false;
  EXPECT_EQ(ids(current), (std::vector<std::string>{"0189-14", "0189-13", "0189-11", "0189-10"}));
  current.where_field = "pickup_gacha_id";
  current.where_value = "gacha-1";
  EXPECT_EQ(ids(current), (std::vector<std::string>{"0189-14", "0189-11", "0189-10"}));
  EXPECT_EQ(state_->Count("transports", current).value(), 3);

  current.where_field = "colour";
  EXPECT_FALSE(state_->Records("transports", current).ok());
}

// A change to the plate from device, stamped at ms, written having seen the stamp seen_ms.
Change PlateEdit(const std::string& plate, int64_t ms, const char* device, int64_t seen_ms) {
  Change change = PlateChange(plate, ms, 0, device);
  change.seen = HlcTimestamp{seen_ms, 0};
  return change;
}

TEST_F(ReplicaStateTest, AnOverwriteOfAValueTheWriterSawIsNoConflict) {
  ASSERT_TRUE(state_->Apply(PlateChange("蒙H·11111", 100, 0, kDeviceA)).value());
  std::optional<ConcurrentWrite> concurrent;
  ASSERT_TRUE(state_->Apply(PlateEdit("蒙H·22222", 200, kDeviceB, 100), &concurrent).value());
  EXPECT_FALSE(concurrent);
}

TEST_F(ReplicaStateTest, AWinnerThatDidNotSeeTheValueKeepsTheLoserInAConcurrentWrite) {
  ASSERT_TRUE(state_->Apply(PlateChange("蒙H·11111", 100, 0, kDeviceA)).value());
  ASSERT_TRUE(state_->Apply(PlateEdit("蒙H·22222", 200, kDeviceA, 100)).value());
  std::optional<ConcurrentWrite> concurrent;
  // Device B edited the plate it saw at 100, not A's 200.
  ASSERT_TRUE(state_->Apply(PlateEdit("蒙H·33333", 300, kDeviceB, 100), &concurrent).value());
  ASSERT_TRUE(concurrent);
  EXPECT_EQ(concurrent->kept_value, "蒙H·33333");
  EXPECT_EQ(concurrent->kept.device, kDeviceB);
  EXPECT_EQ(concurrent->lost_value, "蒙H·22222");
  EXPECT_EQ(concurrent->lost.device, kDeviceA);
  EXPECT_EQ(concurrent->lost.hlc, (HlcTimestamp{200, 0}));
  EXPECT_EQ(state_->Record("vehicles", kVehicle).value()->at("plate"), "蒙H·33333");
}

TEST_F(ReplicaStateTest, ALoserFromAnotherDeviceIsAConcurrentWriteToo) {
  ASSERT_TRUE(state_->Apply(PlateEdit("蒙H·22222", 200, kDeviceA, 0)).value());
  std::optional<ConcurrentWrite> concurrent;
  EXPECT_FALSE(state_->Apply(PlateEdit("蒙H·33333", 150, kDeviceB, 0), &concurrent).value());
  ASSERT_TRUE(concurrent);
  EXPECT_EQ(concurrent->kept_value, "蒙H·22222");
  EXPECT_EQ(concurrent->lost_value, "蒙H·33333");
  EXPECT_EQ(concurrent->lost.hlc, (HlcTimestamp{150, 0}));
}

TEST_F(ReplicaStateTest, OwnWritesEqualValuesAndRedeliveriesAreNoConflict) {
  ASSERT_TRUE(state_->Apply(PlateEdit("蒙H·22222", 200, kDeviceA, 0)).value());
  std::optional<ConcurrentWrite> concurrent;
  // The same device's older write, arriving late.
  EXPECT_FALSE(state_->Apply(PlateEdit("蒙H·11111", 150, kDeviceA, 0), &concurrent).value());
  EXPECT_FALSE(concurrent);
  // Another device typed the same plate without seeing it: nothing to decide.
  EXPECT_TRUE(state_->Apply(PlateEdit("蒙H·22222", 300, kDeviceB, 0), &concurrent).value());
  EXPECT_FALSE(concurrent);
  // The same change delivered again.
  EXPECT_FALSE(state_->Apply(PlateEdit("蒙H·22222", 300, kDeviceB, 0), &concurrent).value());
  EXPECT_FALSE(concurrent);
}

}  // namespace
}  // namespace relay
