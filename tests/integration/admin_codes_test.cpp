// relay-server admin cancel-code and token-expiry, run on the server's database file as the
// county office runs them.
#include <gtest/gtest.h>

#include "device_registry.h"
#include "run_command.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay {
namespace {

constexpr const char* kLaptop = "01890a5d-0000-7000-8000-00000000000a";

class AdminCodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The database as the server's first start makes it.
    ASSERT_TRUE(server::SqliteServerStorage::Open(db_, clock_).ok());
  }

  testing::CommandResult Admin(const std::string& arguments) {
    return testing::RunCommand(std::string(RELAY_SERVER_BIN) + " admin " + arguments);
  }
  std::string Code(const std::string& options) {
    const auto issued = Admin("enroll --db " + db_ + " --role county " + options);
    EXPECT_EQ(issued.exit_code, 0) << issued.output;
    return issued.output.substr(0, issued.output.find('\n'));
  }

  testing::TempDir dir_;
  const std::string db_ = dir_.File("county.db");
  SystemClock clock_;
};

TEST_F(AdminCodesTest, ACancelledCodeEnrollsNothing) {
  const std::string code = Code("");
  const auto cancelled = Admin("cancel-code --db " + db_ + " " + code);
  EXPECT_EQ(cancelled.exit_code, 0) << cancelled.output;
  auto registry = server::DeviceRegistry::Open(db_, clock_).value();
  const Status refused = registry->Enroll(code, kLaptop).status();
  EXPECT_EQ(refused.kind(), ErrorKind::kNotAllowed);
  EXPECT_EQ(refused.message(), "code: was cancelled by the county office; ask it for a new code");

  const auto unknown = Admin("cancel-code --db " + db_ + " 23456-789AB");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.output.find("code: no such code was issued"), std::string::npos)
      << unknown.output;
  const auto audit = Admin("audit --db " + db_);
  EXPECT_NE(audit.output.find("admin cancel-code 200 device=- reason: cancelled an unused code"),
            std::string::npos)
      << audit.output;
  EXPECT_EQ(audit.output.find(code), std::string::npos);  // never the code itself
}

TEST_F(AdminCodesTest, TheOfficeGivesTokensALifetime) {
  auto registry = server::DeviceRegistry::Open(db_, clock_).value();
  const std::string token = registry->Enroll(Code("--token-days 90"), kLaptop).value().token;
  EXPECT_NE(Admin("devices --db " + db_).output.find(" token_expires="), std::string::npos);
  EXPECT_FALSE(registry->Authenticate(token).value().rotate_token);

  const auto set = Admin("token-expiry --db " + db_ + " --device " + kLaptop + " --days 20");
  EXPECT_EQ(set.exit_code, 0) << set.output;
  // With 20 days left of 20, nothing to rotate yet; the lifetime is now 20 days.
  EXPECT_FALSE(registry->Authenticate(token).value().rotate_token);
  EXPECT_EQ(Admin("token-expiry --db " + db_ + " --device " + kLaptop + " --days -1").exit_code, 1);
  EXPECT_EQ(Admin("token-expiry --db " + db_ + " --device " + kLaptop + " --days 0").exit_code, 0);
  EXPECT_EQ(Admin("devices --db " + db_).output.find(" token_expires="), std::string::npos);
}

}  // namespace
}  // namespace relay
