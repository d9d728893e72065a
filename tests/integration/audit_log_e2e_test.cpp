// The audit log of a real relay-server: enrollments, accepted and refused pushes, refused
// pulls and tokens, and revocations appear in `relay-server admin audit` with their device
// and status, never with a token or a code; and a failing audit write loses no push.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/local_store.h"
#include "relay/protocol.h"
#include "relay/schema.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

constexpr const char* kOtherDevice = "01890a5d-0000-7000-8000-00000000000f";

// A push of one new vehicle's plate from device.
std::string OneChangePush(const std::string& device) {
  PushRequest request;
  request.schema_version = kSchemaVersion;
  request.device = device;
  request.changes.push_back({1, Change{"vehicles",
                                       "01890a5d-ac96-774b-bcce-b302099a8057",
                                       "plate",
                                       "蒙H·12345",
                                       HlcTimestamp{SystemClock().NowMs(), 0},
                                       device,
                                       {},
                                       ""}});
  return EncodePushRequest(request);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);)
    lines.push_back(line);
  return lines;
}

bool Has(const std::string& line, const std::string& part) {
  return line.find(part) != std::string::npos;
}

class AuditLogE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    laptop_ = edge::LocalStore::Open(dir_.File("a.db"), clock_).value();
    code_ = server_.IssueCode();
    auto enrolled = edge::Enroll(*laptop_, transport(), code_);
    ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
    token_ = enrolled.value().token;
    device_ = laptop_->device_id();
  }

  long StatusOf(const edge::HttpRequest& request) {
    auto reply = transport().Send(request);
    EXPECT_TRUE(reply.ok()) << reply.status().message();
    return reply.ok() ? reply.value().status : 0;
  }

  edge::CurlTransport& transport() {
    if (!transport_) transport_ = std::make_unique<edge::CurlTransport>(server_.url());
    return *transport_;
  }

  testing::TempDir dir_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
  SystemClock clock_;
  std::unique_ptr<edge::LocalStore> laptop_;
  std::unique_ptr<edge::CurlTransport> transport_;
  std::string code_;
  std::string token_;
  std::string device_;
};

TEST_F(AuditLogE2E, RequestsAndAdminCommandsAreListedNewestFirstWithoutSecrets) {
  const std::string guessed = "ABCDE-FGHJK";
  EXPECT_EQ(StatusOf({"POST", "/v1/enroll",
                      R"({"code":")" + guessed + R"(","device":")" + kOtherDevice + R"("})"}),
            403);
  EXPECT_EQ(StatusOf({"POST", "/v1/push", OneChangePush(device_), token_}), 200);
  EXPECT_EQ(StatusOf({"POST", "/v1/push", "{not json", token_}), 400);
  EXPECT_EQ(StatusOf({"POST", "/v1/push", OneChangePush(kOtherDevice), token_}), 403);
  EXPECT_EQ(StatusOf({"POST", "/v1/push", OneChangePush(device_), token_ + "x"}), 401);
  EXPECT_EQ(StatusOf({"GET", "/v1/pull?limit=0", "", token_}), 400);
  EXPECT_EQ(StatusOf({"GET", "/v1/pull?after=0", "", token_}), 200);  // accepted pulls: not kept
  const std::string revoke =
      std::string(RELAY_SERVER_BIN) + " admin revoke --db " + dir_.File("county.db") + " ";
  EXPECT_EQ(testing::RunCommand(revoke + device_).exit_code, 0);
  EXPECT_EQ(testing::RunCommand(revoke + kOtherDevice).exit_code, 1);  // never enrolled

  const std::string listing = server_.AuditListing("--limit 50");
  const auto lines = Lines(listing);
  ASSERT_EQ(lines.size(), 10u) << listing;
  EXPECT_TRUE(Has(lines[0], " admin revoke 400 refused device=" + std::string(kOtherDevice) +
                                " reason: device: " + kOtherDevice + " was never enrolled here"))
      << lines[0];
  const std::string mine = "device=" + device_;
  EXPECT_TRUE(Has(lines[1], " admin revoke 200 ") && Has(lines[1], mine) &&
              Has(lines[1], "reason: revoked"))
      << lines[1];
  EXPECT_TRUE(Has(lines[2], " pull 400 bad_request ") && Has(lines[2], mine) &&
              Has(lines[2], "from=") && Has(lines[2], "reason: limit: must be between"))
      << lines[2];
  EXPECT_TRUE(Has(lines[3], " push 401 unauthenticated device=- ") &&
              Has(lines[3], "reason: token: is not one this server issued"))
      << lines[3];
  EXPECT_TRUE(Has(lines[4], " push 403 wrong_device ") && Has(lines[4], mine) &&
              Has(lines[4], " changes=1 reason: device: the token was issued to device"))
      << lines[4];
  EXPECT_TRUE(Has(lines[5], " push 400 bad_request ") && Has(lines[5], mine) &&
              !Has(lines[5], "changes=") && Has(lines[5], "reason: body: is not valid JSON"))
      << lines[5];
  EXPECT_TRUE(Has(lines[6], " push 200 ") && Has(lines[6], mine) &&
              Has(lines[6], " changes=1 applied=1 duplicates=0") && Has(lines[6], "from=127.0.0.1"))
      << lines[6];
  EXPECT_TRUE(Has(lines[7], " enroll 403 enrollment_refused device=" + std::string(kOtherDevice) +
                                " from=127.0.0.1 reason: code: is "
                                "unknown, used or expired"))
      << lines[7];
  EXPECT_TRUE(Has(lines[8], " enroll 200 ") && Has(lines[8], mine)) << lines[8];
  EXPECT_TRUE(Has(lines[9], " admin enroll 200 device=- ") &&
              Has(lines[9], "reason: code for a county laptop, valid until"))
      << lines[9];

  ASSERT_FALSE(token_.empty());
  EXPECT_FALSE(Has(listing, token_));
  EXPECT_FALSE(Has(listing, code_));
  EXPECT_FALSE(Has(listing, code_.substr(0, 5) + code_.substr(6)));
  EXPECT_FALSE(Has(listing, guessed.substr(0, 5)));

  const auto newest_two = Lines(server_.AuditListing("--limit 2 --device " + device_));
  ASSERT_EQ(newest_two.size(), 2u);
  EXPECT_TRUE(Has(newest_two[0], "admin revoke 200") && Has(newest_two[1], "pull 400"));
}

TEST_F(AuditLogE2E, AFailingAuditWriteLosesNoAcceptedPush) {
  const auto dropped =
      testing::RunCommand("sqlite3 " + dir_.File("county.db") + " 'DROP TABLE audit_log'");
  ASSERT_EQ(dropped.exit_code, 0) << dropped.output;

  EXPECT_EQ(StatusOf({"POST", "/v1/push", OneChangePush(device_), token_}), 200);
  auto feed = transport().Send({"GET", "/v1/pull?after=0", "", token_});
  ASSERT_TRUE(feed.ok());
  const auto pulled = DecodePullResponse(feed.value().body);
  ASSERT_TRUE(pulled.ok()) << feed.value().body;
  ASSERT_EQ(pulled.value().changes.size(), 1u);
  EXPECT_EQ(pulled.value().changes[0].change.value, "蒙H·12345");
  // The listing itself now fails: the log is gone, and says so.
  EXPECT_EQ(server_.AuditListing(), "");
}

}  // namespace
}  // namespace relay
