#include "ui/model/plain_words.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace relay::edge::ui {
namespace {

class PlainWordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Local time is what the user sees; pin it so the expected words do not depend on the host.
    if (const char* tz = std::getenv("TZ")) saved_tz_ = tz;
    setenv("TZ", "UTC", 1);
    tzset();
  }
  void TearDown() override {
    if (saved_tz_) {
      setenv("TZ", saved_tz_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

  std::optional<std::string> saved_tz_;

  Translations zh_ = Translations::Load(RELAY_ASSETS_DIR, Language::kZh).value();
  Translations en_ = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
};

constexpr int64_t kMay12At1432 = 1715524320000;  // 2024-05-12 14:32:00 UTC
constexpr int64_t kMinute = 60 * 1000;

TEST_F(PlainWordsTest, LastSyncIsLocalTimeAndHowLongAgo) {
  EXPECT_EQ(DescribeLastSync(kMay12At1432, kMay12At1432 + 5 * kMinute, zh_),
            "2024-05-12 14:32（5 分钟前）");
  EXPECT_EQ(DescribeLastSync(kMay12At1432, kMay12At1432 + 5 * kMinute, en_),
            "2024-05-12 14:32 (5 minutes ago)");
  EXPECT_EQ(DescribeLastSync(kMay12At1432, kMay12At1432 + kMinute, en_),
            "2024-05-12 14:32 (1 minute ago)");
  EXPECT_EQ(DescribeLastSync(kMay12At1432, kMay12At1432 + 10 * 1000, en_),
            "2024-05-12 14:32 (just now)");
  EXPECT_EQ(DescribeLastSync(kMay12At1432, kMay12At1432 + 3 * 60 * kMinute, zh_),
            "2024-05-12 14:32（3 小时前）");
  EXPECT_EQ(DescribeLastSync(kMay12At1432, kMay12At1432 + 2 * 24 * 60 * kMinute, en_),
            "2024-05-12 14:32 (2 days ago)");
}

TEST_F(PlainWordsTest, NeverSyncedAndClockThatWentBack) {
  EXPECT_EQ(DescribeLastSync(0, kMay12At1432, zh_), "从未同步");
  EXPECT_EQ(DescribeLastSync(kMay12At1432, kMay12At1432 - kMinute, en_), "2024-05-12 14:32");
}

TEST_F(PlainWordsTest, SortsTheCoresSyncErrors) {
  EXPECT_EQ(ClassifySyncError("cannot reach http://127.0.0.1:8787: Couldn't connect to server"),
            SyncProblem::kUnreachable);
  EXPECT_EQ(ClassifySyncError("server not trusted: the certificate of https://127.0.0.1:8443 did "
                              "not pass the check against the county CA set at enrollment (SSL "
                              "certificate problem: unable to get local issuer certificate); …"),
            SyncProblem::kUntrusted);
  EXPECT_EQ(ClassifySyncError("server answered 401: unknown device token"),
            SyncProblem::kNotAllowed);
  EXPECT_EQ(ClassifySyncError("server answered 403: not your township"), SyncProblem::kNotAllowed);
  EXPECT_EQ(ClassifySyncError("this laptop is not enrolled or its enrollment was revoked: ask the "
                              "county office for a new code (server answered 401: token: this "
                              "laptop's enrollment was revoked by the county office)"),
            SyncProblem::kNotAllowed);
  EXPECT_EQ(ClassifySyncError("server answered 409: schema version 2, this client speaks 1"),
            SyncProblem::kRefused);
  EXPECT_EQ(ClassifySyncError("server answered 503: busy"), SyncProblem::kServerFailed);
  EXPECT_EQ(ClassifySyncError("server's feed cursor went backwards; is this the same server?"),
            SyncProblem::kOther);
  EXPECT_EQ(ClassifySyncError(""), SyncProblem::kOther);
}

TEST_F(PlainWordsTest, EverySyncProblemHasWordsInBothLanguages) {
  for (auto problem : {SyncProblem::kUnreachable, SyncProblem::kUntrusted, SyncProblem::kNotAllowed,
                       SyncProblem::kRefused, SyncProblem::kServerFailed, SyncProblem::kOther}) {
    for (const Translations* tr : {&zh_, &en_}) {
      const std::string words = DescribeSyncProblem(problem, *tr);
      EXPECT_EQ(words.find("sync.problem."), std::string::npos) << words;
    }
  }
}

TEST_F(PlainWordsTest, FieldErrorsUseTheRuleAndTheFieldsLimits) {
  const TableSpec& vehicles = *FindTable("vehicles");
  EXPECT_EQ(DescribeFieldError({"seats", "range", "must be between 1 and 60"}, vehicles, zh_),
            "应在 1 到 60 之间");
  EXPECT_EQ(
      DescribeFieldError({"note", "max_length", "must be at most 500 characters"}, vehicles, en_),
      "At most 500 characters");
  EXPECT_EQ(DescribeFieldError({"plate", "required", "is required"}, vehicles, zh_), "必填");
}

TEST_F(PlainWordsTest, AnUnknownRuleKeepsTheCoresSentence) {
  EXPECT_EQ(DescribeFieldError({"plate", "some_new_rule", "must be something new"},
                               *FindTable("vehicles"), zh_),
            "must be something new");
}

TEST_F(PlainWordsTest, AnOrderRuleNamesTheTimeItWasComparedWith) {
  const TableSpec& transports = *FindTable("transports");
  const FieldError early_contact{"first_contact_at", "time_order",
                                 "must not be before call_received_at (2024-05-01T02:20:00Z)",
                                 "call_received_at"};
  EXPECT_EQ(DescribeFieldError(early_contact, transports, zh_), "时间顺序不对：不能早于“呼救时间”");
  EXPECT_EQ(DescribeFieldError(early_contact, transports, en_),
            "Out of order: must not be before “Call received”");
  const FieldError late_call{"call_received_at", "before_call",
                             "must not be after the dispatched_at of its transport_legs",
                             "transport_legs.dispatched_at"};
  EXPECT_EQ(DescribeFieldError(late_call, transports, zh_), "不能晚于本次转运的“派车时间”");
}

}  // namespace
}  // namespace relay::edge::ui
