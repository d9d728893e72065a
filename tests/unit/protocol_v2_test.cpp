#include "relay/protocol_v2.h"

#include <gtest/gtest.h>

#include "relay/schema.h"

namespace relay {
namespace {

using nlohmann::json;

constexpr const char* kDevice = "01890a5d-0000-7000-8000-00000000000a";
constexpr const char* kOtherDevice = "01890a5d-0000-7000-8000-00000000000b";
constexpr const char* kRecord = "01890a5d-ac96-774b-bcce-b302099a8057";
constexpr const char* kOtherRecord = "01890a5d-ac96-774b-bcce-b302099a8058";
constexpr const char* kPerson = "01890a5d-0000-7000-8000-0000000000c1";

constexpr HlcTimestamp kSaved{1'700'000'000'000, 2};
constexpr HlcTimestamp kEdited{1'700'000'090'000, 0};
constexpr HlcTimestamp kSeen{1'600'000'000'000, 4};

Change At(const char* record, const char* field, json value, HlcTimestamp hlc,
          HlcTimestamp seen = {}, const char* person = kPerson, const char* device = kDevice) {
  return Change{"vehicles", record, field, std::move(value), hlc, device, seen, person};
}

// Two records saved at one stamp each, then one of them edited later (with what was seen), and
// a roster member between them: three rows of vehicles, one of members.
PushRequest SamplePush() {
  PushRequest request;
  request.protocol = kProtocolVersion2;
  request.schema_version = kSchemaVersion;
  request.device = kDevice;
  request.changes = {
      {3, At(kRecord, "plate", "蒙H·12345", kSaved)},
      {4, At(kRecord, "seats", 5, kSaved)},
      {5, At(kOtherRecord, "plate", "蒙H·54321", kSaved, {}, "")},
      {6, Change{"members", kRecord, "team_role", "leader", kSaved, kDevice, {}, kPerson}},
      {9, At(kRecord, "seats", 4, kEdited, kSeen)},
      {10, At(kRecord, "status", "available", kEdited, kSeen)},
  };
  return request;
}

Result<PushRequest> DecodePush(const std::string& body, size_t max_changes = 100) {
  return DecodePushRequestV2(json::parse(body), max_changes);
}

TEST(ProtocolV2, PushRoundTripsEveryMemberOfEveryChange) {
  const PushRequest request = SamplePush();
  auto decoded = DecodePush(EncodePushRequestV2(request));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded.value().device, kDevice);
  EXPECT_EQ(decoded.value().schema_version, kSchemaVersion);
  ASSERT_EQ(decoded.value().changes.size(), request.changes.size());
  for (size_t i = 0; i < request.changes.size(); ++i) {
    SCOPED_TRACE(i);
    const auto& want = request.changes[i];
    const auto& got = decoded.value().changes[i];
    EXPECT_EQ(got.seq, want.seq);
    EXPECT_EQ(got.change.table, want.change.table);
    EXPECT_EQ(got.change.record_id, want.change.record_id);
    EXPECT_EQ(got.change.field, want.change.field);
    EXPECT_EQ(got.change.value, want.change.value);
    EXPECT_EQ(got.change.hlc, want.change.hlc);
    EXPECT_EQ(got.change.seen, want.change.seen);
    EXPECT_EQ(got.change.person, want.change.person);
    EXPECT_EQ(got.change.device, kDevice);
  }
}

TEST(ProtocolV2, ARecordSavedAtOneStampTravelsAsOneRow) {
  const json body = json::parse(EncodePushRequestV2(SamplePush()));
  ASSERT_EQ(body["blocks"].size(), 2u);
  const json& vehicles = body["blocks"][0];
  EXPECT_EQ(vehicles["table"], "vehicles");
  EXPECT_EQ(vehicles["fields"], json({"plate", "seats", "status"}));
  // The record, the other record (another person), the record again at its edit.
  EXPECT_EQ(vehicles["ids"], json({kRecord, kOtherRecord, kRecord}));
  EXPECT_EQ(vehicles["values"][0], json({"蒙H·12345", "蒙H·54321"}));
  EXPECT_EQ(vehicles["values"][1], json({5, 4}));
  EXPECT_EQ(vehicles["values"][2], json({"available"}));
  // [seq delta, wall delta, counter, field mask, person, seen]
  EXPECT_EQ(vehicles["stamps"][0], json({3, kSaved.wall_ms, 2, 0b011, 0, ""}));
  EXPECT_EQ(vehicles["stamps"][1], json({1, 0, 2, 0b001, -1, ""}));
  EXPECT_EQ(vehicles["stamps"][2], json({4, 90'000, 0, 0b110, 0, kSeen.ToText()}));
  EXPECT_EQ(body["people"], json({kPerson}));
}

TEST(ProtocolV2, EveryTableFitsABlocksFieldMask) {
  // A row's field mask is a JSON number, exact to 2^53 in every reader: 52 fields at most.
  for (const TableSpec& table : SchemaTables())
    EXPECT_LE(table.fields.size(), 52u) << table.name;
}

TEST(ProtocolV2, ASeqGapSplitsARow) {
  PushRequest request = SamplePush();
  request.changes[1].seq = 40;  // seats of the first save, sent after a gap
  request.changes.resize(2);
  const json body = json::parse(EncodePushRequestV2(request));
  EXPECT_EQ(body["blocks"][0]["ids"].size(), 2u);
  auto decoded = DecodePush(body.dump());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded.value().changes[1].seq, 40);
  EXPECT_EQ(decoded.value().changes[1].change.field, "seats");
}

TEST(ProtocolV2, AnEmptyPushIsAllowed) {
  PushRequest request = SamplePush();
  request.changes.clear();
  auto decoded = DecodePush(EncodePushRequestV2(request));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_TRUE(decoded.value().changes.empty());
}

// Decodes the sample push after `mutate` has changed its body, expecting the error to say
// `expected`.
void ExpectRefused(const std::function<void(json&)>& mutate, const std::string& expected,
                   size_t max_changes = 100) {
  json body = json::parse(EncodePushRequestV2(SamplePush()));
  mutate(body);
  auto decoded = DecodePush(body.dump(), max_changes);
  ASSERT_FALSE(decoded.ok()) << body.dump();
  EXPECT_EQ(decoded.status().kind(), ErrorKind::kInvalid);
  EXPECT_NE(decoded.status().message().find(expected), std::string::npos)
      << decoded.status().message();
}

TEST(ProtocolV2, BadPushesAreRefusedNamingThePathAndTheRule) {
  ExpectRefused([](json& b) { b["protocol"] = 1; }, "protocol: must be 2");
  ExpectRefused([](json& b) { b.erase("blocks"); }, "blocks: is required");
  ExpectRefused([](json& b) { b["blocks"][0]["table"] = "horses"; },
                "blocks[0].table: unknown table \"horses\"");
  ExpectRefused([](json& b) { b["blocks"][0]["fields"][1] = "wheels"; },
                "blocks[0].fields[1]: unknown field \"wheels\" of vehicles");
  ExpectRefused([](json& b) { b["blocks"][0]["fields"][1] = "plate"; },
                "blocks[0].fields[1]: names plate twice");
  ExpectRefused([](json& b) { b["blocks"][0]["ids"][1] = "01890A5D-AC96-774B-BCCE-B302099A8058"; },
                "blocks[0].ids[1]: must be a lowercase UUIDv7");
  ExpectRefused([](json& b) { b["blocks"][0]["stamps"].erase(2); },
                "blocks[0].stamps: must have one entry per id");
  ExpectRefused([](json& b) { b["blocks"][0]["stamps"][0][3] = 0; },
                "blocks[0].stamps[0][3]: must be an integer from 1 to 7");
  ExpectRefused([](json& b) { b["blocks"][0]["stamps"][0][3] = 8; },
                "blocks[0].stamps[0][3]: must be an integer from 1 to 7");
  ExpectRefused([](json& b) { b["blocks"][0]["stamps"][1][4] = 1; },
                "blocks[0].stamps[1][4]: must be -1 (nobody) or an index into people");
  ExpectRefused([](json& b) { b["blocks"][0]["stamps"][2][5] = "yesterday"; },
                "blocks[0].stamps[2][5]: must be \"\" or 16 lowercase hex digits");
  ExpectRefused([](json& b) { b["blocks"][0]["stamps"][1][1] = -kSaved.wall_ms - 1; },
                "blocks[0].stamps[1][1]: the wall time it adds must give a time from 0");
  ExpectRefused([](json& b) { b["blocks"][0]["stamps"][0][0] = 0; },
                "blocks[0].stamps[0][0]: the sequence number it adds must give one from 1");
  ExpectRefused([](json& b) { b["blocks"][0]["values"][1].push_back(6); },
                "blocks[0].values[1]: holds more values than rows that set seats");
  ExpectRefused([](json& b) { b["blocks"][0]["values"][2].clear(); },
                "blocks[0].values[2]: must hold a value for each row that sets status");
  ExpectRefused([](json& b) { b["blocks"][0]["values"][1][0] = -3; },
                "blocks[0].values[1]: vehicles.seats");
  ExpectRefused([](json& b) { b["blocks"][0]["values"][0][0] = json::array({json::array()}); },
                "blocks[0].values[0]: must hold single values");
  ExpectRefused([](json& b) { b["blocks"][0]["values"].erase(2); },
                "blocks[0].values: must have one column per field");
  // The roster row claims seq 4, which the first vehicle row already gave its seats.
  ExpectRefused([](json& b) { b["blocks"][1]["stamps"][0][0] = 4; },
                "blocks: seq 4 is given to two changes");
  ExpectRefused([](json&) {}, "blocks: at most 5 changes per request", 5);
}

PullResponse SamplePull() {
  PullResponse response;
  response.server_id = "01890a5d-0000-7000-8000-0000000000ee";
  response.next_cursor = 812;
  response.more = true;
  for (const auto& entry : SamplePush().changes)
    response.changes.push_back(FeedChange{0, entry.change});
  response.changes[2].change.device = kOtherDevice;
  return response;
}

TEST(ProtocolV2, PullRoundTripsAndEveryEntryHoldsThePagesCursor) {
  const PullResponse response = SamplePull();
  auto decoded = DecodePullResponseV2(EncodePullResponseV2(response));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded.value().server_id, response.server_id);
  EXPECT_EQ(decoded.value().next_cursor, 812);
  EXPECT_TRUE(decoded.value().more);
  // Rows come back grouped per table, in order of first appearance.
  ASSERT_EQ(decoded.value().changes.size(), response.changes.size());
  const std::vector<size_t> order = {0, 1, 2, 4, 5, 3};
  for (size_t i = 0; i < order.size(); ++i) {
    SCOPED_TRACE(i);
    const Change& want = response.changes[order[i]].change;
    const FeedChange& got = decoded.value().changes[i];
    EXPECT_EQ(got.cursor, 812);
    EXPECT_EQ(got.change.table, want.table);
    EXPECT_EQ(got.change.record_id, want.record_id);
    EXPECT_EQ(got.change.field, want.field);
    EXPECT_EQ(got.change.value, want.value);
    EXPECT_EQ(got.change.hlc, want.hlc);
    EXPECT_EQ(got.change.device, want.device);
    EXPECT_EQ(got.change.person, want.person);
    EXPECT_EQ(got.change.seen, want.seen);
  }
}

TEST(ProtocolV2, BadPullAnswersAreRefusedNamingThePath) {
  json body = json::parse(EncodePullResponseV2(SamplePull()));
  body["blocks"][0]["stamps"][0][0] = 2;  // only two devices
  auto decoded = DecodePullResponseV2(body.dump());
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(
      decoded.status().message().find("blocks[0].stamps[0][0]: must be an index into devices"),
      std::string::npos)
      << decoded.status().message();
  EXPECT_FALSE(DecodePullResponseV2("{\"server\":").ok());
}

}  // namespace
}  // namespace relay
