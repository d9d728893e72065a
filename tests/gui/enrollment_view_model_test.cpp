// The enrollment screen trades a code for a token against a real relay-server, off the UI
// thread, and says why when it cannot.
#include "ui/enrollment_view_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server_process.h"
#include "temp_dir.h"
#include "test_certificates.h"

namespace relay::edge::ui {
namespace {

class EnrollmentViewModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start()) << "relay-server did not start";
    store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value();
  }
  // Polls as the window does each frame until the enrollment has finished.
  void Finish(EnrollmentViewModel& model) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (model.busy() && std::chrono::steady_clock::now() < deadline) {
      model.Poll();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_FALSE(model.busy());
  }

  testing::TempDir dir_;
  SystemClock clock_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
  std::unique_ptr<LocalStore> store_;
};

TEST_F(EnrollmentViewModelTest, ACodeFromTheOfficeEnrollsTheLaptop) {
  EnrollmentViewModel model(*store_, server_.url());
  EXPECT_FALSE(model.enrollment().has_value());
  const std::string code = server_.IssueCode("county");
  model.code() = code;
  model.Submit();
  EXPECT_TRUE(model.busy());  // the window keeps drawing meanwhile
  Finish(model);
  ASSERT_TRUE(model.enrollment().has_value()) << model.error();
  EXPECT_EQ(model.enrollment()->role, "county");
  EXPECT_TRUE(model.code().empty());
  EXPECT_TRUE(model.error().empty());

  // The same code again: spent, and the screen says so; the enrollment stays.
  model.code() = code;
  model.Submit();
  Finish(model);
  EXPECT_NE(model.error().find("unknown, used or expired"), std::string::npos) << model.error();
  EXPECT_TRUE(model.enrollment().has_value());
}

TEST_F(EnrollmentViewModelTest, AMistypedCodeIsRefusedBeforeAnyNetwork) {
  EnrollmentViewModel model(*store_, "http://127.0.0.1:9");  // nothing listens there
  model.code() = "K7QM3-XDPW";                               // one character short
  model.Submit();
  EXPECT_FALSE(model.busy());
  EXPECT_NE(model.error().find("10 characters"), std::string::npos) << model.error();
  EXPECT_FALSE(store_->ReadEnrollment().value().has_value());
}

TEST_F(EnrollmentViewModelTest, ACaFileEnrollsWithAnHttpsServerAndIsShownAfterwards) {
  const auto ca = testing::MakeTestCa(dir_, "county", "Test County Relay CA");
  testing::ServerProcess https(RELAY_SERVER_BIN, dir_.File("https.db"));
  https.UseTls(testing::MakeServerCertificate(dir_, "server", ca, "IP:127.0.0.1,DNS:localhost"));
  ASSERT_TRUE(https.Start()) << "relay-server did not start over https";
  EnrollmentViewModel model(*store_, https.url());
  model.code() = https.IssueCode("county");
  model.ca_path() = ca.cert;
  model.Submit();
  Finish(model);
  ASSERT_TRUE(model.enrollment().has_value()) << model.error();
  ASSERT_TRUE(model.server_ca().has_value());
  EXPECT_EQ(model.server_ca()->subject, "CN=Test County Relay CA");
  EXPECT_EQ(model.server_ca()->sha256.size(), 32u * 3 - 1);
  EXPECT_TRUE(model.ca_path().empty());
  EXPECT_NE(store_->ReadEnrollment().value()->server_ca_pem.find("BEGIN CERTIFICATE"),
            std::string::npos);
}

TEST_F(EnrollmentViewModelTest, ACaFileForAnHttpServerIsRefusedBeforeAnyNetwork) {
  const auto ca = testing::MakeTestCa(dir_, "county", "Test County Relay CA");
  EnrollmentViewModel model(*store_, server_.url());
  model.code() = server_.IssueCode("county");
  model.ca_path() = ca.cert;
  model.Submit();
  EXPECT_FALSE(model.busy());
  EXPECT_NE(model.error().find("CA file: is only for an https:// server URL"), std::string::npos)
      << model.error();
  EXPECT_FALSE(store_->ReadEnrollment().value().has_value());
}

}  // namespace
}  // namespace relay::edge::ui
