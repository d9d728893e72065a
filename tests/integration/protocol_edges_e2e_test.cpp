// The protocol's edges on a real relay-server over HTTP: a body nested millions deep, guessing
// enrollment codes, rotating a token, and the audit of a revoked token.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "raw_connection.h"
#include "relay/clock.h"
#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/local_store.h"
#include "relay/gzip.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;

std::string Head(const std::string& request_line, const std::string& headers) {
  return request_line + " HTTP/1.1\r\nHost: county\r\n" + headers + "\r\n";
}

class ProtocolEdgesE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    laptop_ = edge::LocalStore::Open(dir_.File("a.db"), clock_).value();
    edge::CurlTransport transport(server_.url());
    auto enrolled = edge::Enroll(*laptop_, transport, server_.IssueCode());
    ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
    token_ = enrolled.value().token;
    device_ = laptop_->device_id();
  }

  long StatusOf(const edge::HttpRequest& request) {
    edge::CurlTransport transport(server_.url());
    auto answer = transport.Send(request);
    return answer.ok() ? answer.value().status : -1;
  }

  testing::TempDir dir_;
  SystemClock clock_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
  std::unique_ptr<edge::LocalStore> laptop_;
  std::string token_;
  std::string device_;
};

// Before: a 7.9 kB gzipped body of 4,000,000 nested arrays cost 2.4 s of CPU and 1.36 GB.
TEST_F(ProtocolEdgesE2E, ABodyNestedMillionsDeepIsRefusedWithoutBuildingIt) {
  const std::string nested = std::string(4'000'000, '[') + std::string(4'000'000, ']');
  const std::string gzipped = GzipCompress(nested);
  ASSERT_LT(gzipped.size(), 64 * 1024u);
  auto connection = RawConnection::Open(server_.port());
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(
      connection->Send(Head("POST /v1/push", "Authorization: Bearer " + token_ +
                                                 "\r\nContent-Encoding: gzip\r\nContent-Length: " +
                                                 std::to_string(gzipped.size()) + "\r\n") +
                       gzipped));
  size_t most_resident_kib = 0;
  int status = 0;
  for (int wait = 0; wait < 100 && status == 0; ++wait) {
    most_resident_kib = std::max(most_resident_kib, server_.ResidentKiB());
    status = connection->ReadStatus(50ms);
  }
  EXPECT_EQ(status, 400);
  EXPECT_NE(connection->received().find("nest"), std::string::npos) << connection->received();
  EXPECT_LT(most_resident_kib, 200u * 1024);
}

TEST_F(ProtocolEdgesE2E, GuessingCodesFromOneAddressIsAnswered429WithRetryAfter) {
  auto guess = [this](const std::string& from, const std::string& code) {
    const std::string body =
        R"({"code":")" + code + R"(","device":"01890a5d-0000-7000-8000-00000000000f"})";
    auto connection = RawConnection::Open(server_.port(), from);
    connection->Send(
        Head("POST /v1/enroll", "Content-Length: " + std::to_string(body.size()) + "\r\n") + body);
    const int status = connection->ReadStatus(5s);
    return std::make_pair(status, connection->received());
  };
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(guess("127.0.0.3", "ABCDE-FGHJK").first, 403) << i;
  const auto throttled = guess("127.0.0.3", server_.IssueCode());
  EXPECT_EQ(throttled.first, 429);
  EXPECT_NE(throttled.second.find("Retry-After: "), std::string::npos) << throttled.second;
  // Another address is not held back by the guesser.
  EXPECT_EQ(guess("127.0.0.4", server_.IssueCode()).first, 200);
}

TEST_F(ProtocolEdgesE2E, ARotatedTokenWorksAndTheOldOneEndsAtItsFirstUse) {
  edge::CurlTransport transport(server_.url());
  auto rotated = transport.Send({"POST", "/v1/rotate", "{}", token_});
  ASSERT_TRUE(rotated.ok());
  ASSERT_EQ(rotated.value().status, 200) << rotated.value().body;
  const std::string next = nlohmann::json::parse(rotated.value().body)["token"];
  EXPECT_NE(next, token_);
  EXPECT_EQ(StatusOf({"GET", "/v1/pull?after=0", "", token_}), 200) << "until the new one is used";
  EXPECT_EQ(StatusOf({"GET", "/v1/pull?after=0", "", next}), 200);
  EXPECT_EQ(StatusOf({"GET", "/v1/pull?after=0", "", token_}), 401);
  EXPECT_EQ(StatusOf({"GET", "/v1/rotate", "", next}), 405);
  EXPECT_EQ(StatusOf({"POST", "/v1/rotate", "{}", "made-up"}), 401);
}

// Before: a revoked token's 401 was kept with device=-, so the office could not tell whose
// laptop still tried.
TEST_F(ProtocolEdgesE2E, ARevokedTokensRefusalNamesItsDeviceInTheAuditLog) {
  ASSERT_EQ(testing::RunCommand(std::string(RELAY_SERVER_BIN) + " admin revoke --db " +
                                dir_.File("county.db") + " " + device_)
                .exit_code,
            0);
  EXPECT_EQ(StatusOf({"GET", "/v1/pull?after=0", "", token_}), 401);
  const std::string newest = server_.AuditListing("--limit 1");
  EXPECT_NE(newest.find(" pull 401 unauthenticated device=" + device_), std::string::npos)
      << newest;
}

}  // namespace
}  // namespace relay
