// The enrollment screen trades a code for a token off the UI thread, through the transport it
// was given, and says why when it cannot.
#include "ui/model/enrollment_view_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "relay/protocol.h"
#include "temp_dir.h"
#include "test_certificates.h"

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

 private:
  class Link final : public HttpTransport {
   public:
    explicit Link(FakeCounty& county) : county_(county) {}
    Result<HttpResponse> Send(const HttpRequest& request) override {
      std::lock_guard lock(county_.mutex_);
      if (request.path != "/v1/enroll") return HttpResponse{404, R"({"error":"not_found"})"};
      if (county_.spent_) {
        return HttpResponse{
            403, R"({"error":"bad_code","message":"enrollment code unknown, used or expired"})"};
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
  ASSERT_TRUE(model.enrollment().has_value()) << model.error();
  EXPECT_EQ(model.enrollment()->role, "county");
  EXPECT_TRUE(model.code().empty());
  EXPECT_TRUE(model.error().empty());
  ASSERT_EQ(county_->targets().size(), 1u);
  EXPECT_EQ(county_->targets()[0].server_url, "http://county.example:8787");
  EXPECT_TRUE(county_->targets()[0].trusted_ca_pem.empty());

  // The same code again: spent, and the screen says so; the enrollment stays.
  model.code() = "K7QM3-XDPW9";
  model.Submit();
  Finish(model);
  EXPECT_NE(model.error().find("unknown, used or expired"), std::string::npos) << model.error();
  EXPECT_TRUE(model.enrollment().has_value());
}

TEST_F(EnrollmentViewModelTest, AMistypedCodeIsRefusedBeforeAnyNetwork) {
  EnrollmentViewModel model(*store_, "http://county.example:8787", county_->Factory());
  model.code() = "K7QM3-XDPW";  // one character short
  model.Submit();
  EXPECT_FALSE(model.busy());
  EXPECT_NE(model.error().find("10 characters"), std::string::npos) << model.error();
  EXPECT_TRUE(county_->targets().empty());
  EXPECT_FALSE(store_->ReadEnrollment().value().has_value());
}

TEST_F(EnrollmentViewModelTest, ACaFileIsTrustedForTheExchangeAndShownAfterwards) {
  const auto ca = testing::MakeTestCa(dir_, "county", "Test County Relay CA");
  EnrollmentViewModel model(*store_, "https://county.example:8443", county_->Factory());
  model.code() = "K7QM3-XDPW9";
  model.ca_path() = ca.cert;
  model.Submit();
  Finish(model);
  ASSERT_TRUE(model.enrollment().has_value()) << model.error();
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
  EXPECT_NE(model.error().find("CA file: is only for an https:// server URL"), std::string::npos)
      << model.error();
  EXPECT_TRUE(county_->targets().empty());
  EXPECT_FALSE(store_->ReadEnrollment().value().has_value());
}

}  // namespace
}  // namespace relay::edge::ui
