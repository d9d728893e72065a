// The enrollment screen trades a code for a token off the UI thread, through the transport it
// was given, and says why when it cannot: in the UI's language, by the failure's kind.
#include "ui/model/enrollment_view_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "relay/protocol.h"
#include "temp_dir.h"
#include "test_certificates.h"
#include "ui/model/plain_words.h"

namespace relay::edge::ui {
namespace {

constexpr const char* kToken = "yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc";
constexpr const char* kServer = "01890a5d-ac96-774b-bcce-b302099a0001";

// A county server that grants a code once and refuses it afterwards, remembering where each
// exchange was opened to.
class FakeCounty {
 public:
  explicit FakeCounty(std::string device) : device_(std::move(device)) {}

  TransportFactory Factory() {
    return [this](const TransportTarget& target) -> std::unique_ptr<HttpTransport> {
      std::lock_guard lock(mutex_);
      targets_.push_back(target);
      return std::make_unique<Link>(*this);
    };
  }
  std::vector<TransportTarget> targets() {
    std::lock_guard lock(mutex_);
    return targets_;
  }
  // From now on every exchange fails before an answer, as a transport says it does.
  void FailWith(Status failure) {
    std::lock_guard lock(mutex_);
    failure_ = std::move(failure);
  }

 private:
  class Link final : public HttpTransport {
   public:
    explicit Link(FakeCounty& county) : county_(county) {}
    Result<HttpResponse> Send(const HttpRequest& request) override {
      std::lock_guard lock(county_.mutex_);
      if (!county_.failure_.ok()) return county_.failure_;
      if (request.path != "/v1/enroll") return HttpResponse{404, R"({"error":"not_found"})"};
      if (county_.spent_) {
        // As the county server words a spent code.
        return HttpResponse{403,
                            EncodeError("enrollment_refused", "code: is unknown, used or expired")};
      }
      county_.spent_ = true;
      const nlohmann::json granted = {{"token", kToken},
                                      {"device", county_.device_},
                                      {"role", "county"},
                                      {"township_id", ""},
                                      {"server", kServer}};
      return HttpResponse{200, granted.dump()};
    }

   private:
    FakeCounty& county_;
  };

  std::string device_;
  std::mutex mutex_;
  bool spent_ = false;
  Status failure_ = Status::Ok();
  std::vector<TransportTarget> targets_;
};

class EnrollmentViewModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value();
    county_ = std::make_unique<FakeCounty>(store_->device_id());
  }
  // Polls as the window does each frame until the enrollment has finished.
  void Finish(EnrollmentViewModel& model) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (model.busy() && std::chrono::steady_clock::now() < deadline) {
      model.Poll();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(model.busy());
  }

  // What the screen says of the last failure in a language: the problem, then the server's
  // words when it gave some.
  using Lines = std::pair<std::string, std::string>;
  static Lines Said(const EnrollmentViewModel& model, const Translations& tr) {
    if (!model.failure()) return {};
    const EnrollmentWords words = DescribeEnrollmentFailure(*model.failure(), tr);
    return {words.problem, words.server_words};
  }
  // The core's message of the last failure, for a test that fails.
  static std::string Why(const EnrollmentViewModel& model) {
    return model.failure() ? model.failure()->status.message() : std::string();
  }
  // Submits the code and waits for the outcome.
  void SubmitAndFinish(EnrollmentViewModel& model, const std::string& code) {
    model.code() = code;
    model.Submit();
    Finish(model);
  }

  Translations zh_ = Translations::Load(RELAY_ASSETS_DIR, Language::kZh).value();
  Translations en_ = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
  testing::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LocalStore> store_;
  std::unique_ptr<FakeCounty> county_;
};

TEST_F(EnrollmentViewModelTest, ACodeFromTheOfficeEnrollsTheLaptop) {
  EnrollmentViewModel model(*store_, "http://county.example:8787", county_->Factory());
  EXPECT_FALSE(model.enrollment().has_value());
  model.code() = "K7QM3-XDPW9";
  model.Submit();
  EXPECT_TRUE(model.busy());  // the window keeps drawing meanwhile
  Finish(model);
  ASSERT_TRUE(model.enrollment().has_value()) << Why(model);
  EXPECT_EQ(model.enrollment()->role, "county");
  EXPECT_TRUE(model.code().empty());
  EXPECT_FALSE(model.failure().has_value());
  ASSERT_EQ(county_->targets().size(), 1u);
  EXPECT_EQ(county_->targets()[0].server_url, "http://county.example:8787");
  EXPECT_TRUE(county_->targets()[0].trusted_ca_pem.empty());

  // The same code again: spent, and the screen says so, with the server's own words after a
  // lead-in in the UI's language; the enrollment stays.
  SubmitAndFinish(model, "K7QM3-XDPW9");
  ASSERT_TRUE(model.failure().has_value());
  EXPECT_EQ(model.failure()->status.kind(), ErrorKind::kNotAllowed);
  EXPECT_EQ(
      Said(model, zh_),
      Lines(
          "没有登记成功。服务器不接受这个登记码：请把服务器的说明告诉旗里的管理员，由他们重新发码，"
          "或先注销本机的旧登记。",
          "服务器的说明：code: is unknown, used or expired"));
  EXPECT_EQ(
      Said(model, en_),
      Lines("Not enrolled. The server did not accept this code: tell the banner office what the "
            "server says; they give a new code, or free this laptop to enroll again.",
            "The server says: code: is unknown, used or expired"));
  EXPECT_TRUE(model.enrollment().has_value());
}

TEST_F(EnrollmentViewModelTest, AMistypedCodeIsRefusedBeforeAnyNetworkNamingTheRule) {
  EnrollmentViewModel model(*store_, "http://county.example:8787", county_->Factory());
  model.code() = "K7QM3-XDPW";  // one character short
  model.Submit();
  EXPECT_FALSE(model.busy());
  EXPECT_EQ(Said(model, zh_).first,
            "没有登记成功。登记码应有 10 个字符（例如 K7QM3-XDPW9），这个有 9 个。");
  EXPECT_EQ(Said(model, en_).first,
            "Not enrolled. The code must have 10 characters, such as K7QM3-XDPW9; this one has 9.");
  EXPECT_TRUE(Said(model, en_).second.empty());

  model.code() = "k7qm3-xdpo9";  // a letter O where the office said a digit
  model.Submit();
  EXPECT_EQ(Said(model, zh_).first,
            "没有登记成功。登记码里不会有“O”：只用 23456789ABCDEFGHJKMNPQRSTUVWXYZ "
            "这些字符（没有 0、1、I、L、O）。");
  EXPECT_EQ(Said(model, en_).first,
            "Not enrolled. Codes never hold “O”: they use only 23456789ABCDEFGHJKMNPQRSTUVWXYZ "
            "(no 0, 1, I, L or O).");

  model.code() = "К7QM3-XDPW9";  // a Cyrillic К from a Mongolian keyboard layout
  model.Submit();
  EXPECT_EQ(
      Said(model, zh_).first,
      "没有登记成功。登记码里有不是英文字母或数字的字符（西里尔字母 К，或全角字母？）：请把输入法"
      "切换到英文后重新输入。");
  EXPECT_EQ(Said(model, en_).first,
            "Not enrolled. The code holds a character that is not an English letter or digit (a "
            "Cyrillic К, a full-width letter?): switch the keyboard to English and type it again.");
  EXPECT_TRUE(county_->targets().empty());
  EXPECT_FALSE(store_->ReadEnrollment().value().has_value());
}

TEST_F(EnrollmentViewModelTest, AnUnreachableServerIsSaidPlainlyWithoutTheLibrarysWords) {
  EnrollmentViewModel model(*store_, "http://county.example:8787", county_->Factory());
  county_->FailWith(Status::Error(
      ErrorKind::kUnreachable,
      "cannot reach http://county.example:8787: Failed to connect to county.example port 8787"));
  SubmitAndFinish(model, "K7QM3-XDPW9");
  EXPECT_EQ(Said(model, zh_), Lines("没有登记成功。连不上服务器：请检查本机是否连上了旗里的网络，"
                                    "然后再点“登记”。",
                                    ""));
  EXPECT_EQ(Said(model, en_),
            Lines("Not enrolled. The server does not answer: check that this laptop is on the "
                  "banner's network, then press Enroll again.",
                  ""));
  // The core's own sentence stays with the model for whoever debugs, never on the screen.
  EXPECT_NE(model.failure()->status.message().find("Failed to connect"), std::string::npos);
  EXPECT_FALSE(store_->ReadEnrollment().value().has_value());
}

TEST_F(EnrollmentViewModelTest, AnUntrustedServerIsSaidPlainlyAndTheCodeWasNotSent) {
  EnrollmentViewModel model(*store_, "https://county.example:8443", county_->Factory());
  county_->FailWith(Status::Error(
      ErrorKind::kUntrusted,
      "server not trusted: the certificate of https://county.example:8443 did not pass the check "
      "against this computer's CAs (SSL certificate problem: self-signed certificate)"));
  SubmitAndFinish(model, "K7QM3-XDPW9");
  EXPECT_EQ(Said(model, zh_).first,
            "没有登记成功。服务器的证书没有通过核验，可能不是旗里的服务器，所以登记码没有发出。"
            "请检查旗 CA 证书文件，或联系旗里的管理员。");
  EXPECT_EQ(Said(model, en_).first,
            "Not enrolled. The server's certificate did not pass the check: it may not be the "
            "banner's server, so the code was not sent. Check the CA certificate file, or call "
            "the banner office.");
}

TEST_F(EnrollmentViewModelTest, ACaFileIsTrustedForTheExchangeAndShownAfterwards) {
  const auto ca = testing::MakeTestCa(dir_, "county", "Test County Relay CA");
  EnrollmentViewModel model(*store_, "https://county.example:8443", county_->Factory());
  model.code() = "K7QM3-XDPW9";
  model.ca_path() = ca.cert;
  model.Submit();
  Finish(model);
  ASSERT_TRUE(model.enrollment().has_value()) << Why(model);
  ASSERT_EQ(county_->targets().size(), 1u);
  EXPECT_NE(county_->targets()[0].trusted_ca_pem.find("BEGIN CERTIFICATE"), std::string::npos);
  ASSERT_TRUE(model.server_ca().has_value());
  EXPECT_EQ(model.server_ca()->subject, "CN=Test County Relay CA");
  EXPECT_EQ(model.server_ca()->sha256.size(), 32u * 3 - 1);
  EXPECT_TRUE(model.ca_path().empty());
  EXPECT_EQ(store_->ReadEnrollment().value()->server_ca_pem, county_->targets()[0].trusted_ca_pem);
}

TEST_F(EnrollmentViewModelTest, ACaFileForAnHttpServerIsRefusedBeforeAnyNetwork) {
  const auto ca = testing::MakeTestCa(dir_, "county", "Test County Relay CA");
  EnrollmentViewModel model(*store_, "http://county.example:8787", county_->Factory());
  model.code() = "K7QM3-XDPW9";
  model.ca_path() = ca.cert;
  model.Submit();
  EXPECT_FALSE(model.busy());
  EXPECT_EQ(
      Said(model, zh_).first,
      "没有登记成功。旗 CA 证书文件不能用：请选旗 CA 自己的证书文件（不要选私钥），本机要能读取，"
      "且只在服务器地址是 https:// 时使用。");
  EXPECT_NE(Said(model, en_).first.find("only for an https:// server"), std::string::npos);
  EXPECT_TRUE(county_->targets().empty());
  EXPECT_FALSE(store_->ReadEnrollment().value().has_value());
}

}  // namespace
}  // namespace relay::edge::ui
