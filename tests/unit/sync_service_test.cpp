#include "sync_service.h"

#include <gtest/gtest.h>

#include "relay/schema.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay::server {
namespace {

constexpr const char* kDevice = "01890a5d-0000-7000-8000-00000000000a";
constexpr int64_t kNow = 1'700'000'000'000;

// The grant of a county device, which reads and writes everything.
DeviceGrant County(const std::string& device) {
  return DeviceGrant{device, "", "county"};
}

PushRequest Push(std::vector<int64_t> seqs, int64_t stamp_ms = kNow) {
  PushRequest request;
  request.schema_version = kSchemaVersion;
  request.device = kDevice;
  for (auto seq : seqs) {
    request.changes.push_back({seq, Change{"vehicles",
                                           "01890a5d-ac96-774b-bcce-b302099a8057",
                                           "seats",
                                           seq,
                                           HlcTimestamp{stamp_ms, static_cast<uint16_t>(seq)},
                                           kDevice,
                                           {},
                                           {}}});
  }
  return request;
}

class SyncServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto storage = SqliteServerStorage::Open(dir_.File("server.db"), clock_);
    ASSERT_TRUE(storage.ok()) << storage.status().message();
    storage_ = std::move(storage).value();
    ServiceLimits limits;
    limits.max_body_bytes = 64 * 1024;
    limits.max_pull_batch = 2;
    service_ = std::make_unique<SyncService>(*storage_, clock_, limits);
  }

  PushResponse Accepted(const PushRequest& request) {
    auto reply = service_->Push(EncodePushRequest(request), County(request.device));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return DecodePushResponse(reply.body).value();
  }

  testing::TempDir dir_;
  ManualClock clock_{kNow};
  std::unique_ptr<SqliteServerStorage> storage_;
  std::unique_ptr<SyncService> service_;
};

TEST_F(SyncServiceTest, ARepeatedPushIsAcknowledgedButNotAppliedAgain) {
  const auto first = Accepted(Push({1, 2, 3}));
  EXPECT_EQ(first.acked_seq, 3);
  EXPECT_EQ(first.applied, 3);
  const auto digest = storage_->Digest().value();
  const auto again = Accepted(Push({1, 2, 3}));
  EXPECT_EQ(again.acked_seq, 3);
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.duplicates, 3);
  const auto overlap = Accepted(Push({3, 4}));
  EXPECT_EQ(overlap.duplicates, 1);
  EXPECT_EQ(overlap.applied, 1);
  EXPECT_EQ(overlap.acked_seq, 4);
  EXPECT_NE(storage_->Digest().value(), digest);
}

TEST_F(SyncServiceTest, FeedHoldsOnlyWinnersAndPagesInCursorOrder) {
  Accepted(Push({1, 2, 3}));  // three writes to one field: each newer wins in turn
  auto page = service_->Pull({{"after", "0"}, {"limit", "2"}}, County(kDevice));
  ASSERT_EQ(page.status, 200) << page.body;
  auto first = DecodePullResponse(page.body).value();
  ASSERT_EQ(first.changes.size(), 2u);
  EXPECT_TRUE(first.more);
  EXPECT_LT(first.changes[0].cursor, first.changes[1].cursor);
  auto rest =
      DecodePullResponse(service_
                             ->Pull({{"after", std::to_string(first.next_cursor)}, {"limit", "2"}},
                                    County(kDevice))
                             .body)
          .value();
  ASSERT_EQ(rest.changes.size(), 1u);
  EXPECT_FALSE(rest.more);
  EXPECT_EQ(rest.changes[0].change.value, 3);

  // An older write arriving later loses and adds nothing to the feed.
  auto older = Push({4}, kNow - 60'000);
  Accepted(older);
  auto tail =
      DecodePullResponse(
          service_
              ->Pull({{"after", std::to_string(rest.next_cursor)}, {"limit", "2"}}, County(kDevice))
              .body)
          .value();
  EXPECT_TRUE(tail.changes.empty());
  EXPECT_EQ(tail.next_cursor, rest.next_cursor);
}

TEST_F(SyncServiceTest, RefusesStampsFromTheFutureWithoutStoringAnything) {
  const auto digest = storage_->Digest().value();
  auto reply = service_->Push(EncodePushRequest(Push({1}, kNow + 3600'000)), County(kDevice));
  EXPECT_EQ(reply.status, 422);
  EXPECT_NE(reply.body.find("changes[0].hlc"), std::string::npos) << reply.body;
  EXPECT_EQ(storage_->Digest().value(), digest);
}

TEST_F(SyncServiceTest, RefusesOtherSchemaVersionsSayingWhichToInstall) {
  auto request = Push({1});
  request.schema_version = kSchemaVersion + 1;
  auto reply = service_->Push(EncodePushRequest(request), County(request.device));
  EXPECT_EQ(reply.status, 426);
  EXPECT_NE(reply.body.find("schema version " + std::to_string(kSchemaVersion)), std::string::npos);
  EXPECT_EQ(service_->Pull({{"schema_version", "7"}}, County(kDevice)).status, 426);
}

TEST_F(SyncServiceTest, BadRequestsGetAReasonAndStoreNothing) {
  const auto digest = storage_->Digest().value();
  EXPECT_EQ(service_->Push("{", County(kDevice)).status, 400);
  EXPECT_EQ(service_->Push(std::string(70 * 1024, ' '), County(kDevice)).status, 413);
  EXPECT_EQ(service_->Pull({{"after", "-1"}}, County(kDevice)).status, 400);
  EXPECT_EQ(service_->Pull({{"limit", "3"}}, County(kDevice)).status, 400);  // above max_pull_batch
  EXPECT_EQ(service_->Pull({{"limit", "0"}}, County(kDevice)).status, 400);
  auto reply = service_->Pull({{"after", "abc"}}, County(kDevice));
  EXPECT_NE(DecodeErrorMessage(reply.body).find("after"), std::string::npos);
  EXPECT_EQ(storage_->Digest().value(), digest);
}

TEST_F(SyncServiceTest, AcknowledgedPushesSurviveReopening) {
  Accepted(Push({1, 2}));
  const auto digest = storage_->Digest().value();
  storage_.reset();
  service_.reset();
  auto reopened = SqliteServerStorage::Open(dir_.File("server.db"), clock_);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened.value()->Digest().value(), digest);
  EXPECT_EQ(
      reopened.value()->ApplyPush(Push({1, 2}), AccessScope::County()).value().response.duplicates,
      2);
}

TEST_F(SyncServiceTest, ANumberReusedForOtherContentIsRefusedAndNothingStored) {
  Accepted(Push({1, 2}));
  const auto digest = storage_->Digest().value();
  auto copy = Push({2, 3});
  copy.changes[0].change.value = 7;  // seq 2 again, but saying something else
  auto reply = service_->Push(EncodePushRequest(copy), County(copy.device));
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(DecodeErrorMessage(reply.body).find("seq 2"), std::string::npos) << reply.body;
  EXPECT_EQ(storage_->Digest().value(), digest);
  EXPECT_EQ(Accepted(Push({3})).applied, 1);  // seq 3 was not taken by the refused push
}

// A number passed over (set aside after a 403, say) never reaches the server; only a copy of
// the database can send it later, and counting it as a duplicate would let that laptop drop it.
TEST_F(SyncServiceTest, ANumberTheDeviceWentPastIsRefusedNotCountedAsADuplicate) {
  Accepted(Push({1, 3}));
  const auto digest = storage_->Digest().value();
  auto copy = Push({2, 4});
  auto reply = service_->Push(EncodePushRequest(copy), County(copy.device));
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(DecodeErrorCode(reply.body), "device_reused") << reply.body;
  EXPECT_NE(DecodeErrorMessage(reply.body).find("seq 2: this device went past this number"),
            std::string::npos)
      << reply.body;
  EXPECT_EQ(storage_->Digest().value(), digest);
  EXPECT_EQ(Accepted(Push({4})).applied, 1);  // seq 4 was not taken by the refused push
}

TEST_F(SyncServiceTest, ALaptopDoesNotPullItsOwnChangesBack) {
  Accepted(Push({1}));
  auto other = Push({1});
  other.device = "01890a5d-0000-7000-8000-00000000000b";
  other.changes[0].change.device = other.device;
  other.changes[0].change.record_id = "01890a5d-ac96-774b-bcce-b302099a8058";
  Accepted(other);
  Accepted(Push({2}));
  auto reply =
      service_->Pull({{"after", "0"}, {"limit", "2"}, {"device", kDevice}}, County(kDevice));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto page = DecodePullResponse(reply.body).value();
  ASSERT_EQ(page.changes.size(), 1u);
  EXPECT_EQ(page.changes[0].change.device, other.device);
  EXPECT_FALSE(page.more);
  const auto everything = storage_->ReadFeed(0, 10, "", AccessScope::County()).value();
  ASSERT_EQ(everything.changes.size(), 3u);
  EXPECT_EQ(page.next_cursor, everything.changes[2].cursor);  // past its own last change too
  EXPECT_EQ(service_->Pull({{"device", "laptop-7"}}, County(kDevice)).status, 400);
}

// A token is one device's: it neither pushes another's changes nor pulls as another.
TEST_F(SyncServiceTest, ARequestNamingAnotherDeviceThanItsTokensIsRefused) {
  constexpr const char* kOther = "01890a5d-0000-7000-8000-00000000000b";
  const auto pushed = service_->Push(EncodePushRequest(Push({1})), County(kOther));
  EXPECT_EQ(pushed.status, 403) << pushed.body;
  EXPECT_NE(pushed.body.find("wrong_device"), std::string::npos);
  EXPECT_TRUE(storage_->ReadFeed(0, 10, "", AccessScope::County()).value().changes.empty());
  EXPECT_EQ(service_->Pull({{"limit", "2"}, {"device", kDevice}}, County(kOther)).status, 403);
  EXPECT_EQ(service_->Pull({{"limit", "2"}}, County(kOther)).status, 200);
}

// The body of issue 12: 7.9 kB of gzip inflating to 4,000,000 nested arrays, within the default
// body limit, with a valid token. It is refused for its nesting before a document is built.
TEST_F(SyncServiceTest, ABodyNestedMillionsDeepIsRefusedForItsNesting) {
  SyncService service(*storage_, clock_, ServiceLimits{});
  const size_t depth = 4'000'000;
  const std::string body = std::string(depth, '[') + std::string(depth, ']');
  ASSERT_LE(body.size(), ServiceLimits{}.max_body_bytes);
  const auto digest = storage_->Digest().value();
  const ServiceReply reply = service.Push(body, County(kDevice));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(DecodeErrorMessage(reply.body),
            "body: must not nest arrays and objects more than 8 deep");
  EXPECT_EQ(storage_->Digest().value(), digest);
}

// A seq of 2^63 - 1 used to be stored, after which the device's next change had no number and
// its later pushes counted as duplicates of changes never received.
TEST_F(SyncServiceTest, ASeqBeyondItsBoundIsRefusedAndTheDeviceGoesOnPushing) {
  for (const int64_t seq : {INT64_MAX, kMaxWireInteger + 1}) {
    const ServiceReply reply = service_->Push(EncodePushRequest(Push({seq})), County(kDevice));
    EXPECT_EQ(reply.status, 400) << seq;
    EXPECT_EQ(DecodeErrorMessage(reply.body),
              "changes[0].seq: must be between 1 and 9007199254740991");
  }
  const auto next = Accepted(Push({1, 2}));
  EXPECT_EQ(next.applied, 2);
  EXPECT_EQ(next.acked_seq, 2);
}

TEST_F(SyncServiceTest, VersionsAndPullParametersBeyondTheirBoundsAreRefusedNamingThem) {
  auto request = Push({1});
  request.schema_version = 2'000'000'000;  // not a version some release may have: a bad request
  ServiceReply reply = service_->Push(EncodePushRequest(request), County(kDevice));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(DecodeErrorMessage(reply.body), "schema_version: must be between 1 and 1000000");
  const std::map<std::string, std::string> refused[] = {
      {{"after", std::to_string(kMaxWireInteger + 1)}, {"limit", "2"}},
      {{"after", "99999999999999999999"}, {"limit", "2"}},
      {{"limit", "2"}, {"schema_version", "0"}},
      {{"limit", "2"}, {"schema_version", "1000001"}},
  };
  for (const auto& query : refused) {
    reply = service_->Pull(query, County(kDevice));
    EXPECT_EQ(reply.status, 400) << query.begin()->first;
    const std::string message = DecodeErrorMessage(reply.body);
    EXPECT_TRUE(message.rfind("after: must be between 0 and 9007199254740991", 0) == 0 ||
                message.rfind("schema_version: must be between 1 and 1000000", 0) == 0)
        << message;
  }
  reply =
      service_->Pull({{"after", std::to_string(kMaxWireInteger)}, {"limit", "2"}}, County(kDevice));
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST_F(SyncServiceTest, APushAnswerAsksForANewTokenWhenTheGrantNearsItsExpiry) {
  DeviceGrant grant = County(kDevice);
  EXPECT_FALSE(DecodePushResponse(service_->Push(EncodePushRequest(Push({1})), grant).body)
                   .value()
                   .rotate_token);
  grant.rotate_token = true;
  EXPECT_TRUE(DecodePushResponse(service_->Push(EncodePushRequest(Push({2})), grant).body)
                  .value()
                  .rotate_token);
}

}  // namespace
}  // namespace relay::server
