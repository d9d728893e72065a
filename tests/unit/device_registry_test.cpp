// Enrollment: one-time codes bound to a township and a role, traded for bearer tokens that
// are stored only hashed and can be revoked.
#include "device_registry.h"

#include <gtest/gtest.h>

#include <regex>

#include "county_with_two_laptops.h"
#include "refusals.h"
#include "relay/protocol.h"

namespace relay::server {
namespace {

constexpr const char* kLaptop = "01890a5d-0000-7000-8000-00000000000a";
constexpr const char* kOtherLaptop = "01890a5d-0000-7000-8000-00000000000b";
constexpr int64_t kDay = 24 * 3600 * 1000;

// The HTTP status and error code a refusal is answered with.
std::pair<int, std::string> Answer(const ServiceReply& reply) {
  return {reply.status, DecodeErrorCode(reply.body)};
}

class DeviceRegistryTest : public testing::CountyWithTwoLaptops {
 protected:
  void SetUp() override {
    CountyWithTwoLaptops::SetUp();
    township_ = Put(*a_, "townships",
                    {{"name", "明安图镇"}, {"township_kind", "town"}, {"code", "152527"}});
    Sync(*a_);
    registry_ = DeviceRegistry::Open(dir_.File("county.db"), clock_).value();
  }

  std::string IssuedCodeFor(const std::string& role, const std::string& sumu = "152527") {
    auto code = registry_->IssueCode(sumu, role, kDay);
    EXPECT_TRUE(code.ok()) << code.status().message();
    return code.ok() ? code.value().code : "";
  }

  std::string township_;
  std::unique_ptr<DeviceRegistry> registry_;
};

TEST_F(DeviceRegistryTest, ACodeIsShortUnambiguousAndBoundToATownshipAndRole) {
  const std::string code = IssuedCodeFor("clinic");
  EXPECT_TRUE(std::regex_match(code, std::regex("[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}"))) << code;
  EXPECT_NE(IssuedCodeFor("clinic"), code);

  // Read over the phone and typed in lower case with spaces: still the same code.
  std::string typed;
  for (char c : code)
    typed += c == '-' ? ' ' : static_cast<char>(std::tolower(c));
  auto enrolled = registry_->Enroll(typed, kLaptop);
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
  EXPECT_EQ(enrolled.value().grant.device, kLaptop);
  EXPECT_EQ(enrolled.value().grant.township_id, township_);
  EXPECT_EQ(enrolled.value().grant.role, "clinic");
  EXPECT_TRUE(std::regex_match(enrolled.value().token, std::regex("[A-Za-z0-9_-]{43}")));
}

TEST_F(DeviceRegistryTest, CodesAreRefusedForUnknownRolesAndTownships) {
  EXPECT_FALSE(registry_->IssueCode("152527", "driver", kDay).ok());
  EXPECT_FALSE(registry_->IssueCode("", "clinic", kDay).ok());  // a clinic belongs somewhere
  const auto unknown = registry_->IssueCode("999999", "team-lead", kDay);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("999999"), std::string::npos);
  EXPECT_FALSE(registry_->IssueCode("152527", "county", kDay).ok());  // the whole banner's
  auto county = registry_->IssueCode("", "county", kDay);
  ASSERT_TRUE(county.ok());
  EXPECT_TRUE(registry_->Enroll(county.value().code, kLaptop).value().grant.township_id.empty());
}

TEST_F(DeviceRegistryTest, ACodeWorksOnceAndNotAfterItExpires) {
  const std::string code = IssuedCodeFor("team-lead");
  ASSERT_TRUE(registry_->Enroll(code, kLaptop).ok());
  const auto again = registry_->Enroll(code, kOtherLaptop);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), "code: is unknown, used or expired");

  const std::string late = IssuedCodeFor("clinic");
  clock_.Advance(kDay + 1);
  EXPECT_FALSE(registry_->Enroll(late, kOtherLaptop).ok());
  EXPECT_FALSE(registry_->Enroll("23456-789AB", kOtherLaptop).ok());
  EXPECT_FALSE(registry_->Enroll(IssuedCodeFor("clinic"), "laptop-7").ok());
  EXPECT_EQ(registry_->Devices().value().size(), 1u);
}

TEST_F(DeviceRegistryTest, ATokenAuthenticatesItsDeviceUntilRevoked) {
  const auto enrolled = registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value();
  auto grant = registry_->Authenticate(enrolled.token);
  ASSERT_TRUE(grant.ok()) << grant.status().message();
  EXPECT_EQ(grant.value().device, kLaptop);
  EXPECT_EQ(grant.value().township_id, township_);
  EXPECT_FALSE(registry_->Authenticate(enrolled.token + "x").ok());
  EXPECT_FALSE(registry_->Authenticate("").ok());

  ASSERT_TRUE(registry_->Revoke(kLaptop).ok());
  const auto revoked = registry_->Authenticate(enrolled.token);
  ASSERT_FALSE(revoked.ok());
  EXPECT_NE(revoked.status().message().find("revoked"), std::string::npos);
  const auto devices = registry_->Devices().value();
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_GT(devices[0].revoked_ms, 0);
  EXPECT_FALSE(registry_->Revoke(kOtherLaptop).ok());

  // A new code brings the revoked laptop back with a new token; the old one stays dead. A code
  // never takes over a laptop that still works.
  const auto other = registry_->Enroll(IssuedCodeFor("county", ""), kOtherLaptop).value();
  const auto takeover = registry_->Enroll(IssuedCodeFor("clinic"), kOtherLaptop);
  ASSERT_FALSE(takeover.ok());
  EXPECT_NE(takeover.status().message().find("revokes it"), std::string::npos);
  EXPECT_EQ(registry_->Authenticate(other.token).value().role, "county");
  const auto again = registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value();
  EXPECT_TRUE(registry_->Authenticate(again.token).ok());
  EXPECT_FALSE(registry_->Authenticate(enrolled.token).ok());
  EXPECT_EQ(registry_->Devices().value()[0].revoked_ms, 0);
}

TEST_F(DeviceRegistryTest, EachRefusalIsAnsweredByItsKind) {
  EXPECT_EQ(registry_->IssueCode("152527", "driver", kDay).status().kind(), ErrorKind::kInvalid);
  EXPECT_EQ(registry_->IssueCode("999999", "clinic", kDay).status().kind(), ErrorKind::kInvalid);
  EXPECT_EQ(registry_->Revoke(kOtherLaptop).kind(), ErrorKind::kInvalid);

  // A malformed device id is the laptop's mistake, and leaves the code unspent.
  const std::string code = IssuedCodeFor("clinic");
  const Status malformed = registry_->Enroll(code, "laptop-7").status();
  EXPECT_EQ(malformed.kind(), ErrorKind::kInvalid);
  EXPECT_EQ(Answer(EnrollRefusal(malformed)), std::make_pair(400, std::string("bad_request")));
  const auto enrolled = registry_->Enroll(code, kLaptop);
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();

  // A spent code, and a code for a laptop that still works, are the office's to settle.
  for (const Status& refused : {registry_->Enroll(code, kOtherLaptop).status(),
                                registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).status()}) {
    EXPECT_EQ(refused.kind(), ErrorKind::kNotAllowed) << refused.message();
    EXPECT_EQ(Answer(EnrollRefusal(refused)),
              std::make_pair(403, std::string("enrollment_refused")))
        << refused.message();
  }

  // A forged or revoked token is refused as unauthenticated, with the registry's words.
  const Status forged = registry_->Authenticate(enrolled.value().token + "x").status();
  ASSERT_TRUE(registry_->Revoke(kLaptop).ok());
  const Status revoked = registry_->Authenticate(enrolled.value().token).status();
  for (const Status& refused : {forged, revoked}) {
    EXPECT_EQ(refused.kind(), ErrorKind::kNotAllowed) << refused.message();
    const ServiceReply reply = TokenRefusal(refused);
    EXPECT_EQ(Answer(reply), std::make_pair(401, std::string("unauthenticated")));
    EXPECT_EQ(DecodeErrorMessage(reply.body), refused.message());
  }
}

TEST_F(DeviceRegistryTest, AFailingDatabaseIsTheServersFailureNotTheLaptops) {
  const std::string code = IssuedCodeFor("clinic");
  const std::string token = registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value().token;
  auto db = sql::Database::Open(dir_.File("county.db")).value();
  ASSERT_TRUE(db->Execute("DROP TABLE enrollment_codes; DROP TABLE enrolled_devices").ok());

  const Status enroll = registry_->Enroll(code, kOtherLaptop).status();
  EXPECT_EQ(enroll.kind(), ErrorKind::kStorage) << enroll.message();
  EXPECT_EQ(Answer(EnrollRefusal(enroll)), std::make_pair(503, std::string("storage")));
  const Status check = registry_->Authenticate(token).status();
  EXPECT_EQ(check.kind(), ErrorKind::kStorage) << check.message();
  const ServiceReply reply = TokenRefusal(check);
  EXPECT_EQ(Answer(reply), std::make_pair(503, std::string("storage")));
  EXPECT_EQ(DecodeErrorMessage(reply.body), "could not check the token: " + check.message());
}

TEST_F(DeviceRegistryTest, NeitherCodesNorTokensAreStoredAsTheyAre) {
  const std::string code = IssuedCodeFor("clinic");
  const auto enrolled = registry_->Enroll(code, kLaptop).value();
  auto db = sql::Database::Open(dir_.File("county.db")).value();
  for (const char* sql : {"SELECT code_hash || township_id || role || COALESCE(used_by, '') "
                          "FROM enrollment_codes",
                          "SELECT token_hash || device || township_id || role "
                          "FROM enrolled_devices"}) {
    auto rows = db->Prepare(sql).value();
    for (auto row = rows.Step(); row.ok() && row.value(); row = rows.Step()) {
      const std::string stored = rows.Text(0);
      EXPECT_EQ(stored.find(enrolled.token), std::string::npos);
      EXPECT_EQ(stored.find(NormalizedCode(code)), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace relay::server
