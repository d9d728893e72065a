#include "relay/edge/sync_client.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <set>

#include "in_process_transport.h"
#include "relay/protocol.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

nlohmann::json Vehicle(int n) {
  char plate[32];
  std::snprintf(plate, sizeof plate, "蒙H·%05d", n);
  return {{"plate", plate}, {"owner_category", "public"}, {"phone", "13800000000"}};
}

// Passes requests on to the county and remembers them; answers with `refusal` instead while
// one is set, and loses the answers of the next lose_next_pulls pulls.
class RecordingTransport final : public HttpTransport {
 public:
  explicit RecordingTransport(HttpTransport& county) : county_(county) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    sent.push_back(request);
    if (refusal) return *refusal;
    auto response = county_.Send(request);
    if (lose_next_pulls > 0 && request.path.find("/pull?") != std::string::npos) {
      --lose_next_pulls;
      return Status::Error(ErrorKind::kUnreachable, "link dropped during the answer");
    }
    return response;
  }
  std::vector<HttpRequest> sent;
  std::optional<HttpResponse> refusal;
  int lose_next_pulls = 0;

 private:
  HttpTransport& county_;
};

class SyncClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = server::SqliteServerStorage::Open(dir_.File("server.db"), clock_).value();
    service_ = std::make_unique<server::SyncService>(*storage_, clock_, server::ServiceLimits{});
    transport_ = std::make_unique<testing::InProcessTransport>(*service_);
    laptop_a_ = LocalStore::Open(dir_.File("a.db"), clock_).value();
    laptop_b_ = LocalStore::Open(dir_.File("b.db"), clock_).value();
    options_.push_batch = 2;
    options_.pull_batch = 2;
    options_.sleep = [this](std::chrono::milliseconds delay) { sleeps_.push_back(delay.count()); };
  }

  Result<SyncReport> Sync(LocalStore& store) {
    return SyncClient(store, *transport_, options_).Run();
  }

  testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000};
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<testing::InProcessTransport> transport_;
  std::unique_ptr<LocalStore> laptop_a_;
  std::unique_ptr<LocalStore> laptop_b_;
  SyncOptions options_;
  std::vector<int64_t> sleeps_;
};

TEST_F(SyncClientTest, TwoOfflineLaptopsConvergeThroughTheServer) {
  for (int i = 0; i < 3; ++i)
    laptop_a_->Put("vehicles", Vehicle(i));
  for (int i = 10; i < 12; ++i)
    laptop_b_->Put("vehicles", Vehicle(i));
  ASSERT_TRUE(Sync(*laptop_a_).ok());
  ASSERT_TRUE(Sync(*laptop_b_).ok());
  ASSERT_TRUE(Sync(*laptop_a_).ok());
  EXPECT_EQ(laptop_a_->List("vehicles").value().size(), 5u);
  EXPECT_EQ(laptop_a_->Digest().value(), laptop_b_->Digest().value());
  EXPECT_EQ(laptop_a_->Digest().value(), storage_->Digest().value());
  EXPECT_EQ(laptop_a_->ReadSyncStatus().value().pending_changes, 0);
}

TEST_F(SyncClientTest, ALaptopFallsBackToProtocol1WithACountyFromBeforeIt) {
  for (int i = 0; i < 3; ++i)
    laptop_a_->Put("vehicles", Vehicle(i));
  laptop_b_->Put("vehicles", Vehicle(10));
  ASSERT_TRUE(Sync(*laptop_b_).ok());  // protocol 2
  transport_->before_protocol_2 = true;
  RecordingTransport recording(*transport_);
  ASSERT_TRUE(SyncClient(*laptop_a_, recording, options_).Run().ok());
  ASSERT_GE(recording.sent.size(), 3u);
  EXPECT_EQ(recording.sent[0].path, "/v2/push");
  EXPECT_EQ(recording.sent[1].path, "/v1/push");
  for (size_t i = 1; i < recording.sent.size(); ++i)
    EXPECT_EQ(recording.sent[i].path.rfind("/v1/", 0), 0u) << recording.sent[i].path;
  transport_->before_protocol_2 = false;
  ASSERT_TRUE(Sync(*laptop_b_).ok());
  EXPECT_EQ(laptop_b_->List("vehicles").value().size(), 4u);
  EXPECT_EQ(laptop_a_->Digest().value(), laptop_b_->Digest().value());
  EXPECT_EQ(laptop_a_->Digest().value(), storage_->Digest().value());
}

TEST_F(SyncClientTest, APushTooLargeForTheCountyIsHalvedUntilItFits) {
  server::ServiceLimits limits;
  limits.max_body_bytes = 4000;  // a few dozen vehicles' changes
  server::SyncService strict(*storage_, clock_, limits);
  testing::InProcessTransport county(strict);
  RecordingTransport recording(county);
  for (int i = 0; i < 100; ++i)
    laptop_a_->Put("vehicles", Vehicle(i));
  options_.push_batch = 2000;
  auto report = SyncClient(*laptop_a_, recording, options_).Run();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report.value().pushed, 300);
  EXPECT_LT(report.value().push_batch, 300u);
  EXPECT_GE(report.value().push_batch, 1u);
  size_t too_large = 0;
  for (const auto& request : recording.sent) {
    if (request.path.find("/push") == std::string::npos) continue;
    if (request.body.size() > limits.max_body_bytes) ++too_large;
  }
  EXPECT_GE(too_large, 1u) << "the first batch must have been refused";
  EXPECT_EQ(laptop_a_->Digest().value(), storage_->Digest().value());
  EXPECT_EQ(laptop_a_->ReadSyncStatus().value().pending_changes, 0);
}

// The `limit` of every pull request sent, in order.
std::vector<int> PullLimits(const std::vector<HttpRequest>& sent) {
  std::vector<int> limits;
  for (const auto& request : sent) {
    const size_t limit = request.path.find("&limit=");
    if (request.path.find("/pull?") != std::string::npos && limit != std::string::npos)
      limits.push_back(std::stoi(request.path.substr(limit + 7)));
  }
  return limits;
}

TEST_F(SyncClientTest, APullLostOnTheWayHalvesThePageAndTheNextSyncStartsFromIt) {
  for (int i = 0; i < 400; ++i)
    laptop_a_->Put("vehicles", Vehicle(i));  // 1,200 feed entries
  options_.push_batch = 2000;
  ASSERT_TRUE(Sync(*laptop_a_).ok());

  // A link that drops every answer of this sync: each try asks for half the page before it.
  options_.pull_batch = 4000;
  RecordingTransport recording(*transport_);
  recording.lose_next_pulls = 5;
  auto lost = SyncClient(*laptop_b_, recording, options_).Run();
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().kind(), ErrorKind::kUnreachable);
  EXPECT_EQ(PullLimits(recording.sent), (std::vector<int>{4000, 2000, 1000, 500, 250}));

  // The next sync starts from the page the last one ended with and doubles it per page kept.
  recording.sent.clear();
  auto report = SyncClient(*laptop_b_, recording, options_).Run();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(PullLimits(recording.sent), (std::vector<int>{250, 500, 1000}));
  EXPECT_EQ(report.value().pulled, 1200);
  EXPECT_EQ(report.value().pull_page, 2000u);
  EXPECT_EQ(laptop_b_->Digest().value(), laptop_a_->Digest().value());
}

TEST_F(SyncClientTest, ProgressIsToldAfterEachBatchAndPage) {
  for (int i = 0; i < 3; ++i)
    laptop_a_->Put("vehicles", Vehicle(i));  // 9 changes
  ASSERT_TRUE(Sync(*laptop_a_).ok());
  std::vector<SyncReport> told;
  options_.pull_batch = 4;
  options_.progress = [&](const SyncReport& report) { told.push_back(report); };
  auto report = Sync(*laptop_b_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  // Nothing to push; pages of 4, 4 and 1 entries.
  ASSERT_EQ(told.size(), 3u);
  EXPECT_EQ(told[0].pulled, 4);
  EXPECT_EQ(told[1].pulled, 8);
  EXPECT_EQ(told[2].pulled, 9);
  for (size_t i = 1; i < told.size(); ++i)
    EXPECT_GT(told[i].bytes_received, told[i - 1].bytes_received);
  EXPECT_EQ(told.back().bytes_received, report.value().bytes_received);
}

TEST_F(SyncClientTest, APushRetriedAfterALostAnswerDuplicatesNothing) {
  laptop_a_->Put("vehicles", Vehicle(1));
  const auto before = storage_->ReadFeed(0, 1000, "", AccessScope::County()).value().changes.size();
  transport_->lose_next_responses = 1;  // the server stores the batch; its answer is lost
  auto report = Sync(*laptop_a_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report.value().retries, 1);
  EXPECT_EQ(storage_->ReadFeed(0, 1000, "", AccessScope::County()).value().changes.size(),
            before + 3);
  EXPECT_EQ(laptop_a_->ReadSyncStatus().value().pending_changes, 0);
  EXPECT_EQ(laptop_a_->Digest().value(), storage_->Digest().value());
}

TEST_F(SyncClientTest, AnUnreachableServerIsRetriedWithGrowingBackoffThenReported) {
  laptop_a_->Put("vehicles", Vehicle(1));
  transport_->fail_next_before_send = 100;
  auto report = Sync(*laptop_a_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(sleeps_, (std::vector<int64_t>{500, 1000, 2000, 4000}));
  const auto status = laptop_a_->ReadSyncStatus().value();
  EXPECT_EQ(status.pending_changes, 3);  // nothing lost
  EXPECT_NE(status.last_error.find("link down"), std::string::npos);
  EXPECT_EQ(status.last_success_ms, 0);
}

TEST_F(SyncClientTest, ARefusalIsNotRetriedAndItsReasonReachesThePerson) {
  laptop_a_->Put("vehicles", Vehicle(1));
  clock_.Advance(-3600'000);  // the server's clock reads an hour earlier than the laptop's
  auto report = Sync(*laptop_a_);
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_NE(report.status().message().find("ahead of the server's clock"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(laptop_a_->ReadSyncStatus().value().pending_changes, 3);
}

TEST_F(SyncClientTest, InterruptedAnywhereAndResumedEndsWithEverythingOnce) {
  for (int i = 0; i < 7; ++i)
    laptop_a_->Put("vehicles", Vehicle(i));  // 21 changes, 11 batches
  for (int cut = 0; cut < 30; ++cut) {
    transport_->lose_next_responses = (cut % 3 == 0) ? 1 : 0;
    transport_->fail_next_before_send = (cut % 3 == 1) ? 1 : 0;
    options_.max_attempts = 1;  // give up at the first failure, as a dropped link would
    Sync(*laptop_a_);
    Sync(*laptop_b_);
  }
  options_.max_attempts = 5;
  ASSERT_TRUE(Sync(*laptop_a_).ok());
  ASSERT_TRUE(Sync(*laptop_b_).ok());
  EXPECT_EQ(storage_->ReadFeed(0, 1000, "", AccessScope::County()).value().changes.size(), 21u);
  EXPECT_EQ(laptop_b_->List("vehicles").value().size(), 7u);
  EXPECT_EQ(laptop_b_->Digest().value(), laptop_a_->Digest().value());
}

TEST_F(SyncClientTest, ACopiedDatabaseIsStoppedBeforeItsChangesAreTakenForDuplicates) {
  for (int i = 0; i < 3; ++i)
    laptop_a_->Put("vehicles", Vehicle(i));
  laptop_a_.reset();
  std::filesystem::copy_file(dir_.File("a.db"), dir_.File("copy.db"));
  laptop_a_ = LocalStore::Open(dir_.File("a.db"), clock_).value();
  ASSERT_TRUE(Sync(*laptop_a_).ok());  // the original pushes changes 1..9
  auto copy = LocalStore::Open(dir_.File("copy.db"), clock_).value();
  copy->Put("vehicles", Vehicle(50));  // the copy numbers its new changes 10..12
  laptop_a_->Put("vehicles", Vehicle(60));
  laptop_a_->Put("vehicles", Vehicle(61));
  ASSERT_TRUE(Sync(*laptop_a_).ok());  // the original is now at 15
  auto report = Sync(*copy);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("copy"), std::string::npos) << report.status().message();
  EXPECT_GT(copy->ReadSyncStatus().value().pending_changes, 0);  // kept, not dropped
}

TEST_F(SyncClientTest, ACopyThatRunsAheadOfTheOriginalIsRefusedToo) {
  laptop_a_->Put("vehicles", Vehicle(1));
  laptop_a_.reset();
  std::filesystem::copy_file(dir_.File("a.db"), dir_.File("copy.db"));
  laptop_a_ = LocalStore::Open(dir_.File("a.db"), clock_).value();
  auto copy = LocalStore::Open(dir_.File("copy.db"), clock_).value();
  laptop_a_->Put("vehicles", Vehicle(2));  // the original: changes 1..6
  ASSERT_TRUE(Sync(*laptop_a_).ok());
  copy->Put("vehicles", Vehicle(3));  // the copy: 1..3 as the original's, then its own 4..9
  // (pushed two at a time, as set up above)
  copy->Put("vehicles", Vehicle(4));
  auto report = Sync(*copy);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("copy"), std::string::npos) << report.status().message();
  // Changes 1 and 2, the same in both databases, were confirmed; from 3 on all are kept.
  EXPECT_EQ(copy->ReadSyncStatus().value().pending_changes, 7);
  EXPECT_EQ(laptop_b_->List("vehicles").value().size(), 0u);
  ASSERT_TRUE(Sync(*laptop_b_).ok());
  EXPECT_EQ(laptop_b_->List("vehicles").value().size(), 2u);  // only the original's
}

TEST_F(SyncClientTest, ALaptopRestoredFromAnOldCopyIsStoppedEvenWithNothingToPush) {
  laptop_a_->Put("vehicles", Vehicle(1));
  ASSERT_TRUE(Sync(*laptop_a_).ok());
  laptop_a_.reset();
  std::filesystem::copy_file(dir_.File("a.db"), dir_.File("backup.db"));
  laptop_a_ = LocalStore::Open(dir_.File("a.db"), clock_).value();
  laptop_a_->Put("vehicles", Vehicle(2));
  ASSERT_TRUE(Sync(*laptop_a_).ok());
  laptop_a_.reset();
  std::filesystem::copy_file(dir_.File("backup.db"), dir_.File("a.db"),
                             std::filesystem::copy_options::overwrite_existing);
  laptop_a_ = LocalStore::Open(dir_.File("a.db"), clock_).value();
  auto report = Sync(*laptop_a_);  // its outbox is empty; the server has more of its changes
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("copy"), std::string::npos) << report.status().message();
}

TEST_F(SyncClientTest, AnEditOnASlowLaptopStillSupersedesTheValueItSaw) {
  auto id = laptop_b_->Put("vehicles", Vehicle(1)).value();
  ASSERT_TRUE(Sync(*laptop_b_).ok());
  // Laptop C's clock runs ten minutes slow: beyond the drift bound, so what it pulls does not
  // move its clock, yet its person's edit must still replace the number they were shown.
  ManualClock slow_clock(clock_.NowMs() - 10 * 60'000);
  auto laptop_c = LocalStore::Open(dir_.File("c.db"), slow_clock).value();
  ASSERT_TRUE(Sync(*laptop_c).ok());
  ASSERT_TRUE(laptop_c->Put("vehicles", {{"id", id}, {"phone", "13700000000"}}).ok());
  EXPECT_EQ(laptop_c->Get("vehicles", id).value()["phone"], "13700000000");
  ASSERT_TRUE(Sync(*laptop_c).ok());
  ASSERT_TRUE(Sync(*laptop_b_).ok());
  EXPECT_EQ(laptop_b_->Get("vehicles", id).value()["phone"], "13700000000");
}

TEST_F(SyncClientTest, PushAndPullCarryTheTokenOnceTheLaptopIsEnrolled) {
  RecordingTransport recording(*transport_);
  laptop_a_->Put("vehicles", Vehicle(1));
  ASSERT_TRUE(SyncClient(*laptop_a_, recording, options_).Run().ok());
  ASSERT_FALSE(recording.sent.empty());
  for (const auto& request : recording.sent)
    EXPECT_TRUE(request.bearer_token.empty()) << request.path;

  const std::string token = "yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc";
  const std::string server = storage_->ReadFeed(0, 1, "", AccessScope::County()).value().server_id;
  ASSERT_TRUE(laptop_a_->RecordEnrollment({token, "county", "", server}).ok());
  recording.sent.clear();
  laptop_a_->Put("vehicles", Vehicle(2));
  ASSERT_TRUE(SyncClient(*laptop_a_, recording, options_).Run().ok());
  std::set<std::string> methods;
  for (const auto& request : recording.sent) {
    EXPECT_EQ(request.bearer_token, token) << request.path;
    methods.insert(request.method);
  }
  EXPECT_EQ(methods, (std::set<std::string>{"GET", "POST"}));
}

TEST_F(SyncClientTest, AnUnauthenticatedLaptopIsToldToEnrollAgainWithoutRetrying) {
  RecordingTransport recording(*transport_);
  recording.refusal = HttpResponse{401, EncodeError("unauthenticated", "the token was revoked")};
  laptop_a_->Put("vehicles", Vehicle(1));
  auto report = SyncClient(*laptop_a_, recording, options_).Run();
  ASSERT_FALSE(report.ok());
  const std::string message = report.status().message();
  EXPECT_NE(message.find("this laptop is not enrolled or its enrollment was revoked: ask the "
                         "county office for a new code"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("the token was revoked"), std::string::npos) << message;
  EXPECT_EQ(recording.sent.size(), 1u);
  EXPECT_TRUE(sleeps_.empty());
  const auto status = laptop_a_->ReadSyncStatus().value();
  EXPECT_EQ(status.last_error, message);
  EXPECT_EQ(status.last_error_kind, ErrorKind::kNotAllowed);
  EXPECT_EQ(status.last_error_reason, "the token was revoked");
  EXPECT_EQ(status.pending_changes, 3);
}

TEST_F(SyncClientTest, AnswersOtherThanOkCarryTheirKindAndTheServersReason) {
  struct Case {
    HttpResponse answer;
    ErrorKind kind;
    std::string reason;
    size_t sent;
  };
  const std::vector<Case> cases = {
      {{403, EncodeError("forbidden", "a clinic may not change geography")},
       ErrorKind::kNotAllowed,
       "a clinic may not change geography",
       1},
      {{409, EncodeError("schema_version", "schema version 2, this client speaks 1")},
       ErrorKind::kRefused,
       "schema version 2, this client speaks 1",
       1},
      // A batch of 2 is halved once; a single change too large is refused.
      {{413, EncodeError("too_large", "body over 8 MiB")},
       ErrorKind::kRefused,
       "body over 8 MiB",
       2},
      // 5xx and 429 may pass: tried max_attempts times, then a server failure, no reason shown.
      {{503, EncodeError("busy", "storage busy")}, ErrorKind::kServerFailed, "", 5},
      {{429, EncodeError("busy", "too many")}, ErrorKind::kServerFailed, "", 5},
  };
  laptop_a_->Put("vehicles", Vehicle(1));
  for (const Case& each : cases) {
    RecordingTransport recording(*transport_);
    recording.refusal = each.answer;
    auto report = SyncClient(*laptop_a_, recording, options_).Run();
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.status().kind(), each.kind) << each.answer.status;
    EXPECT_EQ(report.status().reason(), each.reason) << each.answer.status;
    EXPECT_EQ(recording.sent.size(), each.sent) << each.answer.status;
    const auto status = laptop_a_->ReadSyncStatus().value();
    EXPECT_EQ(status.last_error_kind, each.kind) << each.answer.status;
    EXPECT_EQ(status.last_error_reason, each.reason) << each.answer.status;
  }
}

TEST_F(SyncClientTest, NoAnswerIsUnreachableAndAnUntrustedServerIsNotRetried) {
  laptop_a_->Put("vehicles", Vehicle(1));
  transport_->fail_next_before_send = 100;
  auto unreachable = Sync(*laptop_a_);
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.status().kind(), ErrorKind::kUnreachable);
  EXPECT_EQ(sleeps_.size(), 4u);  // retried, since a link may come back

  class Untrusted final : public HttpTransport {
   public:
    Result<HttpResponse> Send(const HttpRequest&) override {
      ++sent;
      return Status::Error(ErrorKind::kUntrusted, "server not trusted: test");
    }
    int sent = 0;
  } untrusted;
  sleeps_.clear();
  auto refused = SyncClient(*laptop_a_, untrusted, options_).Run();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().kind(), ErrorKind::kUntrusted);
  EXPECT_EQ(untrusted.sent, 1);
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_EQ(laptop_a_->ReadSyncStatus().value().last_error_kind, ErrorKind::kUntrusted);
}

}  // namespace
}  // namespace relay::edge
