#include "ui/model/plain_words.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <set>
#include <string>

namespace relay::edge::ui {
namespace {

class PlainWordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Every time on screen is Beijing time: a machine set to another zone must not matter.
    if (const char* tz = std::getenv("TZ")) saved_tz_ = tz;
    setenv("TZ", "America/Los_Angeles", 1);
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

constexpr int64_t kMay12At1432 = 1715495520000;  // 2024-05-12 14:32:00 in Beijing (06:32 UTC)
constexpr int64_t kMinute = 60 * 1000;

TEST_F(PlainWordsTest, LastSyncIsBeijingTimeAndHowLongAgo) {
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

TEST_F(PlainWordsTest, EveryErrorKindHasItsOwnWordsInBothLanguages) {
  for (const Translations* tr : {&zh_, &en_}) {
    std::set<std::string> seen;
    for (const auto& [kind, name] : kErrorKindNames) {
      const std::string words = DescribeSyncProblem(kind, *tr);
      EXPECT_EQ(words.find("sync.problem."), std::string::npos) << words;
      EXPECT_TRUE(seen.insert(words).second) << name << ": " << words;
    }
  }
  EXPECT_NE(DescribeSyncProblem(ErrorKind::kUnreachable, zh_).find("自动同步"), std::string::npos);
  EXPECT_NE(DescribeSyncProblem(ErrorKind::kUntrusted, en_).find("paused"), std::string::npos);
}

TEST_F(PlainWordsTest, EveryErrorKindHasItsOwnEnrollmentWordsInBothLanguages) {
  for (const Translations* tr : {&zh_, &en_}) {
    std::set<std::string> seen;
    for (const auto& [kind, name] : kErrorKindNames) {
      const EnrollmentFailure failure{EnrollmentFailure::Step::kExchange,
                                      Status::Error(kind, "core words")};
      const std::string words = DescribeEnrollmentFailure(failure, *tr).problem;
      EXPECT_EQ(words.find("enrollment."), std::string::npos) << words;
      EXPECT_EQ(words.find("core words"), std::string::npos) << words;
      EXPECT_TRUE(seen.insert(words).second) << name << ": " << words;
    }
  }
}

TEST_F(PlainWordsTest, AnEnrollmentRefusalLabelsTheServersWords) {
  const EnrollmentFailure failure{
      EnrollmentFailure::Step::kExchange,
      Status::Error(ErrorKind::kRefused, "server answered 400: device: must be a lowercase UUIDv7",
                    "device: must be a lowercase UUIDv7")};
  const EnrollmentWords words = DescribeEnrollmentFailure(failure, zh_);
  EXPECT_EQ(words.problem,
            "没有登记成功。服务器拒绝了这次登记：请把服务器的说明告诉旗里的管理员。");
  EXPECT_EQ(words.server_words, "服务器的说明：device: must be a lowercase UUIDv7");
}

TEST_F(PlainWordsTest, AStorageFailureWhileReadingTheCaIsSaidAsOne) {
  const EnrollmentFailure failure{EnrollmentFailure::Step::kCaFile,
                                  Status::Error(ErrorKind::kStorage, "database is locked")};
  EXPECT_EQ(DescribeEnrollmentFailure(failure, en_).problem,
            "Not enrolled. This laptop's database failed to read or write: check the free disk "
            "space, and call the banner office if it keeps happening.");
}

TEST_F(PlainWordsTest, TheBarSaysOfflineSinceWhenAndCountsRecordsWaiting) {
  SyncStatus status;
  status.pending_changes = 40;  // one transport's fields
  status.pending_records = 1;
  status.last_success_ms = kMay12At1432;
  status.last_error = "cannot reach http://127.0.0.1:8787: Couldn't connect to server";
  status.last_error_kind = ErrorKind::kUnreachable;
  status.failing_since_ms = kMay12At1432 + 10 * kMinute;
  const SyncBarWords zh = DescribeSyncStatus(status, kMay12At1432 + 30 * kMinute, zh_);
  EXPECT_EQ(zh.offline, "离线：自 2024-05-12 14:42 起连不上服务器");
  EXPECT_EQ(zh.waiting, "待同步的记录：1 条");
  EXPECT_EQ(zh.last_success, "上次成功同步：2024-05-12 14:32（30 分钟前）");
  EXPECT_EQ(zh.problem, "上次同步没有完成。" + DescribeSyncProblem(ErrorKind::kUnreachable, zh_));
  EXPECT_TRUE(zh.server_words.empty());
  const SyncBarWords en = DescribeSyncStatus(status, kMay12At1432 + 30 * kMinute, en_);
  EXPECT_EQ(en.offline, "Offline since 2024-05-12 14:42");
  EXPECT_EQ(en.waiting, "Records waiting to sync: 1");
  for (const SyncBarWords* words : {&zh, &en}) {
    for (const std::string* text :
         {&words->offline, &words->waiting, &words->last_success, &words->problem}) {
      EXPECT_EQ(text->find("connect"), std::string::npos) << *text;  // no library text
    }
  }
}

TEST_F(PlainWordsTest, ARefusalShowsTheServersWordsLabelledAndNoOfflineState) {
  SyncStatus status;
  status.last_error = "server answered 409: schema version 2, this client speaks 1";
  status.last_error_kind = ErrorKind::kRefused;
  status.last_error_reason = "schema version 2, this client speaks 1";
  status.failing_since_ms = kMay12At1432;
  const SyncBarWords words = DescribeSyncStatus(status, kMay12At1432, en_);
  EXPECT_TRUE(words.offline.empty());
  EXPECT_EQ(words.waiting, "No records waiting to sync");
  EXPECT_EQ(words.last_success, "Last successful sync: never");
  EXPECT_EQ(words.problem,
            "The last sync did not finish. " + DescribeSyncProblem(ErrorKind::kRefused, en_));
  EXPECT_EQ(words.server_words, "The server says: schema version 2, this client speaks 1");
}

TEST_F(PlainWordsTest, AfterASuccessTheBarNamesNoProblem) {
  SyncStatus status;
  status.pending_records = 3;
  status.last_success_ms = kMay12At1432;
  const SyncBarWords words = DescribeSyncStatus(status, kMay12At1432 + 5 * kMinute, zh_);
  EXPECT_TRUE(words.offline.empty());
  EXPECT_TRUE(words.problem.empty());
  EXPECT_EQ(words.waiting, "待同步的记录：3 条");
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
