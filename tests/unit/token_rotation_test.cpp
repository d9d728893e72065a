// A laptop trades its token for the next one when the county says it nears its expiry, and a
// lost answer never locks it out.
#include <gtest/gtest.h>

#include "device_registry.h"
#include "in_process_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

constexpr int64_t kDay = 24 * 3600 * 1000;

class TokenRotationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = server::SqliteServerStorage::Open(dir_.File("county.db"), clock_).value();
    registry_ = server::DeviceRegistry::Open(dir_.File("county.db"), clock_).value();
    service_ = std::make_unique<server::SyncService>(*storage_, clock_, server::ServiceLimits{});
    transport_ = std::make_unique<testing::InProcessTransport>(*service_, registry_.get());
    laptop_ = LocalStore::Open(dir_.File("laptop.db"), clock_).value();
    const auto code = registry_->IssueCode("", "county", kDay, 90 * kDay).value().code;
    ASSERT_TRUE(Enroll(*laptop_, *transport_, code).ok());
  }

  std::string Token() { return laptop_->ReadEnrollment().value()->token; }

  SyncReport Sync() {
    clock_.Advance(1000);
    auto report = SyncClient(*laptop_, *transport_).Run();
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? report.value() : SyncReport{};
  }

  testing::TempDir dir_;
  ManualClock clock_{1'714'500'000'000};
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::DeviceRegistry> registry_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<testing::InProcessTransport> transport_;
  std::unique_ptr<LocalStore> laptop_;
};

TEST_F(TokenRotationTest, ATokenInTheLastThirdOfItsLifeIsRotatedByTheNextSync) {
  const std::string first = Token();
  EXPECT_FALSE(Sync().token_rotated);
  EXPECT_EQ(Token(), first);

  clock_.Advance(61 * kDay);
  EXPECT_TRUE(Sync().token_rotated);
  const std::string second = Token();
  EXPECT_NE(second, first);
  // The pull of that sync used the new token, which retired the old one.
  EXPECT_FALSE(registry_->Authenticate(first).ok());
  EXPECT_TRUE(registry_->Authenticate(second).ok());

  // After the first token would have expired, the laptop still syncs.
  clock_.Advance(50 * kDay);
  EXPECT_FALSE(Sync().token_rotated);
  EXPECT_TRUE(registry_->Authenticate(Token()).ok());
}

TEST_F(TokenRotationTest, ALostRotationAnswerLeavesTheOldTokenWorking) {
  const std::string first = Token();
  clock_.Advance(61 * kDay);
  // The answer to the push arrives; the answer to the rotation is lost on the way.
  struct LoseRotation final : HttpTransport {
    explicit LoseRotation(HttpTransport& inner) : inner(inner) {}
    Result<HttpResponse> Send(const HttpRequest& request) override {
      auto answer = inner.Send(request);
      if (request.path == "/v1/rotate") {
        return Status::Error(ErrorKind::kUnreachable, "link dropped before the answer arrived");
      }
      return answer;
    }
    HttpTransport& inner;
  } losing(*transport_);
  clock_.Advance(1000);
  auto report = SyncClient(*laptop_, losing).Run();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_FALSE(report.value().token_rotated);
  EXPECT_EQ(Token(), first);
  EXPECT_TRUE(registry_->Authenticate(first).ok());

  // The next sync asks again, and this time gets it.
  EXPECT_TRUE(Sync().token_rotated);
  EXPECT_NE(Token(), first);
  EXPECT_FALSE(registry_->Authenticate(first).ok());
}

}  // namespace
}  // namespace relay::edge
