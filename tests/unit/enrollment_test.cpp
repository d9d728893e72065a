#include "relay/edge/enrollment.h"

#include <gtest/gtest.h>

#include "relay/protocol.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

constexpr const char* kToken = "yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc";
constexpr const char* kTownship = "01890a5d-ac96-774b-bcce-b302099a8057";
constexpr const char* kServer = "01890a5d-ac96-774b-bcce-b302099a0001";

// A county server that answers /v1/enroll as told and remembers what it was sent.
class FakeCounty final : public HttpTransport {
 public:
  Result<HttpResponse> Send(const HttpRequest& request) override {
    sent.push_back(request);
    return answer;
  }
  HttpResponse answer;
  std::vector<HttpRequest> sent;
};

class EnrollmentTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value(); }

  // The answer a server following the protocol gives this laptop.
  nlohmann::json Granted() const {
    return {{"token", kToken},
            {"device", store_->device_id()},
            {"role", "clinic"},
            {"township_id", kTownship},
            {"server", kServer}};
  }

  void Answer(long status, const nlohmann::json& body) { county_.answer = {status, body.dump()}; }

  testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000};
  std::unique_ptr<LocalStore> store_;
  FakeCounty county_;
};

TEST(EnrollmentCodeTest, CaseSpacesAndDashesAreIgnored) {
  EXPECT_EQ(NormaliseEnrollmentCode("K7QM3-XDPW9").value(), "K7QM3XDPW9");
  EXPECT_EQ(NormaliseEnrollmentCode(" k7qm3 xdpw9 ").value(), "K7QM3XDPW9");
  EXPECT_EQ(NormaliseEnrollmentCode("k7-qm-3x-dp-w9").value(), "K7QM3XDPW9");
}

TEST(EnrollmentCodeTest, ACodeBreakingTheRuleIsRefusedNamingIt) {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"K7QM3-XDPW", "this one has 9"},
      {"K7QM3-XDPW9Z", "this one has 11"},
      {"", "this one has 0"},
      {"K7QM3-XDPO9", "\"O\" is not one of them"},  // letter O, not the digit
      {"K7QM1-XDPW9", "\"1\" is not one of them"},
      {"K7QM3-XDPW9.", "\".\" is not one of them"},
      {"К7QM3-XDPW9", "not a Latin letter"},  // a Cyrillic К
  };
  for (const auto& [code, reason] : refused) {
    auto normal = NormaliseEnrollmentCode(code);
    ASSERT_FALSE(normal.ok()) << code;
    EXPECT_NE(normal.status().message().find("code: must be 10 characters of "
                                             "23456789ABCDEFGHJKMNPQRSTUVWXYZ"),
              std::string::npos)
        << normal.status().message();
    EXPECT_NE(normal.status().message().find(reason), std::string::npos)
        << normal.status().message();
  }
}

TEST(EnrollmentCodeTest, TheRuleBrokenIsGivenAsDataForAScreenToWord) {
  EXPECT_FALSE(FindCodeFault(" k7qm3-xdpw9 ").has_value());
  const auto short_code = FindCodeFault("K7QM3-XDPW");
  ASSERT_TRUE(short_code.has_value());
  EXPECT_EQ(short_code->rule, CodeFault::Rule::kLength);
  EXPECT_EQ(short_code->length, 9u);
  const auto letter_o = FindCodeFault("k7qm3-xdpo9");
  ASSERT_TRUE(letter_o.has_value());
  EXPECT_EQ(letter_o->rule, CodeFault::Rule::kCharacter);
  EXPECT_EQ(letter_o->character, "O");
  const auto cyrillic = FindCodeFault("К7QM3-XDPW9");
  ASSERT_TRUE(cyrillic.has_value());
  EXPECT_EQ(cyrillic->rule, CodeFault::Rule::kNotLatin);
  EXPECT_EQ(NormaliseEnrollmentCode("K7QM3-XDPW").status().kind(), ErrorKind::kInvalid);
}

TEST_F(EnrollmentTest, ARefusedCodeIsNeverSent) {
  auto enrolled = Enroll(*store_, county_, "K7QM3-XDPW");
  ASSERT_FALSE(enrolled.ok());
  EXPECT_TRUE(county_.sent.empty());
  EXPECT_FALSE(store_->ReadEnrollment().value());
}

TEST_F(EnrollmentTest, AGrantedEnrollmentIsStoredAndSurvivesReopening) {
  Answer(200, Granted());
  auto enrolled = Enroll(*store_, county_, "k7qm3-xdpw9");
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
  EXPECT_EQ(enrolled.value().role, "clinic");
  ASSERT_EQ(county_.sent.size(), 1u);
  EXPECT_EQ(county_.sent[0].method, "POST");
  EXPECT_EQ(county_.sent[0].path, "/v1/enroll");
  EXPECT_TRUE(county_.sent[0].bearer_token.empty());
  EXPECT_EQ(nlohmann::json::parse(county_.sent[0].body),
            (nlohmann::json{{"code", "K7QM3XDPW9"}, {"device", store_->device_id()}}));

  const std::string device = store_->device_id();
  store_.reset();
  store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value();
  ASSERT_EQ(store_->device_id(), device);
  const auto stored = store_->ReadEnrollment().value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->token, kToken);
  EXPECT_EQ(stored->role, "clinic");
  EXPECT_EQ(stored->township_id, kTownship);
  EXPECT_EQ(stored->server_id, kServer);
}

TEST_F(EnrollmentTest, ACountyLaptopHasNoTownship) {
  auto granted = Granted();
  granted["role"] = "county";
  granted["township_id"] = "";
  Answer(200, granted);
  ASSERT_TRUE(Enroll(*store_, county_, "K7QM3-XDPW9").ok());
  EXPECT_EQ(store_->ReadEnrollment().value()->township_id, "");
}

TEST_F(EnrollmentTest, EnrollingAgainReplacesTheToken) {
  Answer(200, Granted());
  ASSERT_TRUE(Enroll(*store_, county_, "K7QM3-XDPW9").ok());
  auto granted = Granted();
  granted["token"] = std::string(43, 'A');
  granted["role"] = "team-lead";
  Answer(200, granted);
  ASSERT_TRUE(Enroll(*store_, county_, "ABCDE-FGHJK").ok());
  const auto stored = store_->ReadEnrollment().value();
  EXPECT_EQ(stored->token, std::string(43, 'A'));
  EXPECT_EQ(stored->role, "team-lead");
}

TEST_F(EnrollmentTest, ARefusalOrAnAnswerBreakingTheProtocolStoresNothing) {
  struct Case {
    const char* what;
    long status;
    std::function<void(nlohmann::json&)> change;  // to the granted answer
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"refused", 403, {}, "enrollment refused: code already used"},
      {"malformed", 400, {}, "server answered 400: code already used"},
      {"too many tries", 429, {}, "enrollment refused for now: code already used"},
      {"short token", 200, [](auto& a) { a["token"] = std::string(42, 'A'); }, "token: must be 43"},
      {"token not base64url", 200, [](auto& a) { a["token"] = std::string(42, 'A') + "+"; },
       "token: must be 43"},
      {"no token", 200, [](auto& a) { a.erase("token"); }, "token: missing"},
      {"unknown role", 200, [](auto& a) { a["role"] = "admin"; },
       "role: must be clinic, team-lead or county"},
      {"clinic without township", 200, [](auto& a) { a["township_id"] = ""; },
       "township_id: must be empty for county and a UUIDv7 for clinic"},
      {"county with a township", 200, [](auto& a) { a["role"] = "county"; },
       "township_id: must be empty for county"},
      {"another device", 200, [](auto& a) { a["device"] = kTownship; },
       "device: the server enrolled"},
      {"no server", 200, [](auto& a) { a["server"] = ""; }, "server: must not be empty"},
  };
  for (const auto& c : cases) {
    auto body = Granted();
    if (c.change) c.change(body);
    Answer(c.status, c.status == 200 ? body
                                     : nlohmann::json::parse(
                                           EncodeError("enrollment_refused", "code already used")));
    auto enrolled = Enroll(*store_, county_, "K7QM3-XDPW9");
    ASSERT_FALSE(enrolled.ok()) << c.what;
    EXPECT_NE(enrolled.status().message().find(c.reason), std::string::npos)
        << c.what << ": " << enrolled.status().message();
    EXPECT_EQ(enrolled.status().message().find(kToken), std::string::npos) << c.what;
    const ErrorKind kind = c.status == 403   ? ErrorKind::kNotAllowed
                           : c.status == 400 ? ErrorKind::kRefused
                           : c.status == 429 ? ErrorKind::kTooMany
                                             : ErrorKind::kInvalid;
    EXPECT_EQ(enrolled.status().kind(), kind) << c.what;
    if (c.status != 200) {
      EXPECT_EQ(enrolled.status().reason(), "code already used") << c.what;
    }
    EXPECT_FALSE(store_->ReadEnrollment().value()) << c.what;
  }
}

TEST_F(EnrollmentTest, AnotherCountyDatabaseThanTheOneSyncedWithIsRefused) {
  ASSERT_TRUE(store_->CheckServer("01890a5d-ac96-774b-bcce-b302099a9999").ok());
  Answer(200, Granted());
  auto enrolled = Enroll(*store_, county_, "K7QM3-XDPW9");
  ASSERT_FALSE(enrolled.ok());
  EXPECT_NE(enrolled.status().message().find("this laptop syncs with county database"),
            std::string::npos)
      << enrolled.status().message();
  EXPECT_FALSE(store_->ReadEnrollment().value());
}

}  // namespace
}  // namespace relay::edge
