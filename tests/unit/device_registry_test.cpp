// Enrollment: one-time codes bound to a township and a role, traded for bearer tokens that
// are stored only hashed and can be revoked.
#include "device_registry.h"

#include <gtest/gtest.h>

#include <regex>

#include "county_with_two_laptops.h"
#include "enroll_reply.h"
#include "refusals.h"
#include "relay/protocol.h"
#include "rotate_reply.h"

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

TEST_F(DeviceRegistryTest, AnAddressRefusedTenTimesWaitsEvenWithAGoodCode) {
  const std::string code = IssuedCodeFor("clinic");
  for (int i = 0; i < 10; ++i) {
    const Status wrong = registry_->Enroll("23456-789AB", kLaptop, "203.0.113.7").status();
    ASSERT_EQ(wrong.kind(), ErrorKind::kNotAllowed) << i << ": " << wrong.message();
    clock_.Advance(1000);
  }
  // The right code, from the same address, is not even looked at: it stays unspent.
  const Status waiting = registry_->Enroll(code, kLaptop, "203.0.113.7").status();
  ASSERT_EQ(waiting.kind(), ErrorKind::kTooMany) << waiting.message();
  const ServiceReply reply = EnrollRefusal(waiting);
  EXPECT_EQ(Answer(reply), std::make_pair(429, std::string("too_many_tries")));
  using Header = std::pair<std::string, std::string>;
  EXPECT_EQ(reply.headers, std::vector<Header>{Header("Retry-After", "590")});
  EXPECT_TRUE(registry_->Enroll(code, kLaptop, "198.51.100.4").ok());

  // A malformed device id tests no code, so it does not count.
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(registry_->Enroll(code, "laptop-7", "192.0.2.9").status().kind(),
              ErrorKind::kInvalid);
}

TEST_F(DeviceRegistryTest, AValidCodeRefusedFiveTimesIsLocked) {
  registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value();
  const std::string code = IssuedCodeFor("clinic");
  for (int i = 0; i < DeviceRegistry::kRefusalsThatLockACode; ++i) {
    const Status taken = registry_->Enroll(code, kLaptop, "192.0.2." + std::to_string(i)).status();
    EXPECT_NE(taken.message().find("is enrolled already"), std::string::npos) << taken.message();
  }
  const Status locked = registry_->Enroll(code, kOtherLaptop, "192.0.2.100").status();
  EXPECT_EQ(locked.kind(), ErrorKind::kNotAllowed);
  EXPECT_EQ(locked.message(),
            "code: is locked after 5 refused tries; ask the county office for a new code");
  EXPECT_EQ(Answer(EnrollRefusal(locked)), std::make_pair(403, std::string("enrollment_refused")));
}

TEST_F(DeviceRegistryTest, ACancelledCodeEnrollsNothing) {
  const std::string code = IssuedCodeFor("clinic");
  ASSERT_TRUE(registry_->CancelCode(code).ok());
  ASSERT_TRUE(registry_->CancelCode(NormalizedCode(code)).ok());  // once is enough; twice is fine
  const Status cancelled = registry_->Enroll(code, kLaptop).status();
  EXPECT_EQ(cancelled.kind(), ErrorKind::kNotAllowed);
  EXPECT_EQ(cancelled.message(), "code: was cancelled by the county office; ask it for a new code");
  EXPECT_TRUE(registry_->Devices().value().empty());

  EXPECT_EQ(registry_->CancelCode("23456-789AB").kind(), ErrorKind::kInvalid);
  const std::string used = IssuedCodeFor("clinic");
  ASSERT_TRUE(registry_->Enroll(used, kLaptop).ok());
  const Status spent = registry_->CancelCode(used);
  EXPECT_EQ(spent.kind(), ErrorKind::kInvalid);
  EXPECT_NE(spent.message().find(kLaptop), std::string::npos) << spent.message();
}

TEST_F(DeviceRegistryTest, ATokenExpiresAndAsksForItsRotationInTheLastThirdOfItsLife) {
  const std::string code = registry_->IssueCode("152527", "clinic", kDay, 90 * kDay).value().code;
  const std::string token = registry_->Enroll(code, kLaptop).value().token;
  EXPECT_FALSE(registry_->Authenticate(token).value().rotate_token);
  EXPECT_EQ(registry_->Devices().value()[0].token_expires_ms, clock_.NowMs() + 90 * kDay);
  clock_.Advance(61 * kDay);
  EXPECT_TRUE(registry_->Authenticate(token).value().rotate_token);
  clock_.Advance(29 * kDay);
  std::string device;
  const Status expired = registry_->Authenticate(token, &device).status();
  EXPECT_EQ(expired.kind(), ErrorKind::kNotAllowed);
  EXPECT_NE(expired.message().find("token: expired at "), std::string::npos) << expired.message();
  EXPECT_EQ(device, kLaptop);
  EXPECT_EQ(Answer(TokenRefusal(expired)), std::make_pair(401, std::string("unauthenticated")));

  // An expired laptop is not a working one: a new code enrolls it without a revocation.
  const auto again = registry_->Enroll(IssuedCodeFor("clinic"), kLaptop);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(registry_->Authenticate(again.value().token).ok());  // a code without --token-days
  EXPECT_EQ(registry_->Devices().value()[0].token_expires_ms, 0);
}

TEST_F(DeviceRegistryTest, TheOfficeSetsHowLongADevicesTokensLive) {
  const std::string token = registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value().token;
  EXPECT_EQ(registry_->SetTokenLifetime(kOtherLaptop, kDay).kind(), ErrorKind::kInvalid);
  ASSERT_TRUE(registry_->SetTokenLifetime(kLaptop, 30 * kDay).ok());
  clock_.Advance(29 * kDay);
  EXPECT_TRUE(registry_->Authenticate(token).value().rotate_token);
  ASSERT_TRUE(registry_->SetTokenLifetime(kLaptop, 0).ok());  // never again
  clock_.Advance(365 * kDay);
  EXPECT_FALSE(registry_->Authenticate(token).value().rotate_token);
}

TEST_F(DeviceRegistryTest, TheOldTokenWorksUntilTheNextIsFirstUsed) {
  const std::string code = registry_->IssueCode("152527", "clinic", kDay, 90 * kDay).value().code;
  const std::string old_token = registry_->Enroll(code, kLaptop).value().token;
  clock_.Advance(70 * kDay);
  const Rotation lost = registry_->Rotate(kLaptop).value();  // the answer never arrives
  EXPECT_TRUE(registry_->Authenticate(old_token).ok());
  const Rotation next = registry_->Rotate(kLaptop).value();  // asked again with the old token
  EXPECT_NE(next.token, lost.token);
  EXPECT_EQ(next.expires_ms, clock_.NowMs() + 90 * kDay);
  EXPECT_TRUE(registry_->Authenticate(old_token).ok());
  EXPECT_FALSE(registry_->Authenticate(lost.token).ok());  // replaced by the second rotation

  const auto grant = registry_->Authenticate(next.token);  // its first use retires the old one
  ASSERT_TRUE(grant.ok()) << grant.status().message();
  EXPECT_EQ(grant.value().device, kLaptop);
  EXPECT_EQ(grant.value().township_id, township_);
  EXPECT_FALSE(grant.value().rotate_token);
  std::string device;
  EXPECT_FALSE(registry_->Authenticate(old_token, &device).ok());
  EXPECT_EQ(device, "");  // retired: no longer known at all
  EXPECT_TRUE(registry_->Authenticate(next.token).ok());
  EXPECT_EQ(registry_->Devices().value()[0].token_expires_ms, next.expires_ms);

  ASSERT_TRUE(registry_->Revoke(kLaptop).ok());
  EXPECT_EQ(registry_->Rotate(kLaptop).status().kind(), ErrorKind::kNotAllowed);
  EXPECT_EQ(registry_->Rotate(kOtherLaptop).status().kind(), ErrorKind::kNotAllowed);
}

// The audit entry of a 401 names the device of a revoked token.
TEST_F(DeviceRegistryTest, ARefusedTokenNamesItsDeviceWhenItIsOneThisServerIssued) {
  const std::string token = registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value().token;
  ASSERT_TRUE(registry_->Revoke(kLaptop).ok());
  std::string device;
  EXPECT_EQ(registry_->Authenticate(token, &device).status().kind(), ErrorKind::kNotAllowed);
  EXPECT_EQ(device, kLaptop);
  std::string unknown;
  EXPECT_FALSE(registry_->Authenticate(token + "x", &unknown).ok());
  EXPECT_EQ(unknown, "");
}

TEST_F(DeviceRegistryTest, EnrollReplyAnswersTheBodyAndRefusesDeepOnes) {
  const std::string body =
      nlohmann::json{{"code", IssuedCodeFor("team-lead")}, {"device", kLaptop}}.dump();
  EXPECT_EQ(ClaimedDevice(body), kLaptop);
  const ServiceReply reply = EnrollReply(*registry_, body, "192.0.2.1");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto answer = nlohmann::json::parse(reply.body);
  EXPECT_EQ(answer["device"], kLaptop);
  EXPECT_EQ(answer["role"], "team-lead");
  EXPECT_EQ(answer["township_id"], township_);
  EXPECT_EQ(answer["server"], registry_->server_id());
  EXPECT_TRUE(registry_->Authenticate(answer["token"]).ok());

  const std::string deep = std::string(4'000'000, '[') + std::string(4'000'000, ']');
  const ServiceReply refused = EnrollReply(*registry_, deep, "192.0.2.1");
  EXPECT_EQ(Answer(refused), std::make_pair(400, std::string("bad_request")));
  EXPECT_EQ(DecodeErrorMessage(refused.body),
            "body: must not nest arrays and objects more than 8 deep");
  EXPECT_EQ(ClaimedDevice(deep), "");
  EXPECT_EQ(Answer(EnrollReply(*registry_, "{\"code\":1}", "192.0.2.1")),
            std::make_pair(400, std::string("bad_request")));
}

TEST_F(DeviceRegistryTest, RotateReplyGivesTheNextToken) {
  registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value();
  const DeviceGrant grant{kLaptop, township_, "clinic"};
  const ServiceReply reply = RotateReply(*registry_, grant);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto answer = nlohmann::json::parse(reply.body);
  EXPECT_EQ(answer["device"], kLaptop);
  EXPECT_EQ(answer["expires"], 0);
  EXPECT_EQ(answer["server"], registry_->server_id());
  EXPECT_EQ(registry_->Authenticate(answer["token"]).value().device, kLaptop);
  ASSERT_TRUE(registry_->Revoke(kLaptop).ok());
  EXPECT_EQ(Answer(RotateReply(*registry_, grant)),
            std::make_pair(401, std::string("unauthenticated")));
}

// A database whose registry tables predate cancelled codes, token expiry and rotation keeps its
// enrollments when the registry migrates it.
// A busy server notes a device's syncs at most once a minute, but a new set-aside count at once.
TEST_F(DeviceRegistryTest, SyncsAreNotedAtMostOnceAMinuteUnlessTheSetAsideCountChanges) {
  registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value();
  auto noted = [&] { return registry_->Devices().value().at(0); };
  EXPECT_EQ(noted().last_sync_ms, 0);
  EXPECT_FALSE(noted().set_aside);
  const int64_t first = clock_.NowMs();
  ASSERT_TRUE(registry_->NoteSync(kLaptop, 2).ok());
  EXPECT_EQ(noted().last_sync_ms, first);
  EXPECT_EQ(noted().set_aside, 2);
  clock_.Advance(30'000);
  ASSERT_TRUE(registry_->NoteSync(kLaptop, 2).ok());
  ASSERT_TRUE(registry_->NoteSync(kLaptop, std::nullopt).ok());
  EXPECT_EQ(noted().last_sync_ms, first);
  ASSERT_TRUE(registry_->NoteSync(kLaptop, 0).ok());
  EXPECT_EQ(noted().last_sync_ms, first + 30'000);
  EXPECT_EQ(noted().set_aside, 0);
  clock_.Advance(60'000);
  ASSERT_TRUE(registry_->NoteSync(kLaptop, std::nullopt).ok());  // an older laptop says nothing
  EXPECT_EQ(noted().last_sync_ms, first + 90'000);
  EXPECT_EQ(noted().set_aside, 0);
}

TEST_F(DeviceRegistryTest, AnOlderDatabaseKeepsItsTokensThroughTheMigration) {
  const std::string token = registry_->Enroll(IssuedCodeFor("clinic"), kLaptop).value().token;
  registry_.reset();
  {
    auto db = sql::Database::Open(dir_.File("county.db")).value();
    ASSERT_TRUE(db->Execute("ALTER TABLE enrolled_devices DROP COLUMN set_aside;"
                            "ALTER TABLE enrolled_devices DROP COLUMN last_sync_ms;"
                            "DROP INDEX enrolled_devices_next_token;"
                            "ALTER TABLE enrolled_devices DROP COLUMN next_token_expires_ms;"
                            "ALTER TABLE enrolled_devices DROP COLUMN next_token_hash;"
                            "ALTER TABLE enrolled_devices DROP COLUMN token_expires_ms;"
                            "ALTER TABLE enrolled_devices DROP COLUMN token_ttl_ms;"
                            "ALTER TABLE enrollment_codes DROP COLUMN token_ttl_ms;"
                            "ALTER TABLE enrollment_codes DROP COLUMN refused_tries;"
                            "ALTER TABLE enrollment_codes DROP COLUMN cancelled_ms;"
                            "DELETE FROM meta WHERE key='registry_version'")
                    .ok());
  }
  registry_ = DeviceRegistry::Open(dir_.File("county.db"), clock_).value();
  const auto grant = registry_->Authenticate(token);
  ASSERT_TRUE(grant.ok()) << grant.status().message();
  EXPECT_FALSE(grant.value().rotate_token);
  EXPECT_TRUE(registry_->Rotate(kLaptop).ok());
}

}  // namespace
}  // namespace relay::server
