// The server's audit log: entries recorded at the server's time, listed newest first, filtered
// by device, kept to one line each, and pruned to the newest entries.
#include "audit_log.h"

#include <gtest/gtest.h>

#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay::server {
namespace {

constexpr const char* kLaptop = "01890a5d-0000-7000-8000-00000000000a";
constexpr const char* kOtherLaptop = "01890a5d-0000-7000-8000-00000000000b";
constexpr int64_t kNow = 1'717'200'000'000;  // 2024-06-01T00:00:00Z

AuditEntry Push(const std::string& device, int status, int64_t applied = 0) {
  AuditEntry entry;
  entry.device = device;
  entry.remote = "10.0.0.7";
  entry.endpoint = "push";
  entry.status = status;
  entry.changes = applied;
  entry.applied = applied;
  if (status != 200) {
    entry.error = "bad_request";
    entry.reason = "changes[0].seq: is required";
  }
  return entry;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The server's storage makes the database and its audit_log table.
    ASSERT_TRUE(SqliteServerStorage::Open(dir_.File("county.db"), clock_).ok());
    log_ = Opened(AuditLog::kDefaultMaxEntries);
  }

  std::unique_ptr<AuditLog> Opened(int64_t max_entries) {
    auto log = AuditLog::Open(dir_.File("county.db"), clock_, max_entries);
    EXPECT_TRUE(log.ok()) << log.status().message();
    return log.ok() ? std::move(log).value() : nullptr;
  }

  void Record(AuditLog& log, const AuditEntry& entry) {
    const Status status = log.Record(entry);
    ASSERT_TRUE(status.ok()) << status.message();
    clock_.Advance(1000);
  }

  testing::TempDir dir_;
  ManualClock clock_{kNow};
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, EntriesAreListedNewestFirstAtTheServersTime) {
  Record(*log_, Push(kLaptop, 200, 3));
  Record(*log_, Push(kLaptop, 400));
  AuditEntry unauthenticated;
  unauthenticated.endpoint = "pull";
  unauthenticated.status = 401;
  unauthenticated.error = "unauthenticated";
  unauthenticated.reason = "token: is not one this server issued";
  unauthenticated.time_ms = 42;  // not the server's clock: not used
  Record(*log_, unauthenticated);

  const auto entries = log_->Recent(10).value();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].endpoint, "pull");
  EXPECT_EQ(entries[0].status, 401);
  EXPECT_EQ(entries[0].device, "");
  EXPECT_EQ(entries[0].time_ms, kNow + 2000);
  EXPECT_EQ(entries[1].status, 400);
  EXPECT_EQ(entries[1].error, "bad_request");
  EXPECT_EQ(entries[1].reason, "changes[0].seq: is required");
  EXPECT_EQ(entries[2].status, 200);
  EXPECT_EQ(entries[2].device, kLaptop);
  EXPECT_EQ(entries[2].remote, "10.0.0.7");
  EXPECT_EQ(entries[2].applied, 3);
  EXPECT_EQ(entries[2].time_ms, kNow);
}

TEST_F(AuditLogTest, TheListIsLimitedAndFilteredByDevice) {
  for (int i = 1; i <= 3; ++i) {
    Record(*log_, Push(kLaptop, 200, i));
    Record(*log_, Push(kOtherLaptop, 200, 10 * i));
  }
  const auto newest = log_->Recent(2).value();
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].applied, 30);
  EXPECT_EQ(newest[1].applied, 3);

  const auto mine = log_->Recent(10, kLaptop).value();
  ASSERT_EQ(mine.size(), 3u);
  for (const auto& entry : mine)
    EXPECT_EQ(entry.device, kLaptop);
  EXPECT_EQ(mine[0].applied, 3);
  EXPECT_EQ(mine[2].applied, 1);
  EXPECT_TRUE(log_->Recent(10, "01890a5d-0000-7000-8000-00000000000c").value().empty());
}

TEST_F(AuditLogTest, OnlyTheNewestEntriesAreKept) {
  auto log = Opened(3);
  for (int i = 1; i <= 5; ++i)
    Record(*log, Push(kLaptop, 200, i));
  const auto kept = log->Recent(10).value();
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[0].applied, 5);
  EXPECT_EQ(kept[2].applied, 3);
  // Dropped from the file, not only from the listing: a bigger limit finds no more.
  EXPECT_EQ(Opened(100)->Recent(100).value().size(), 3u);
  EXPECT_FALSE(AuditLog::Open(dir_.File("county.db"), clock_, 0).ok());
}

TEST_F(AuditLogTest, TextsFromRequestsAreKeptToOneBoundedLine) {
  AuditEntry entry = Push("laptop\nforged line", 400);
  entry.reason = "table: unknown table \"" + std::string(1000, 'x') + "\xff\"\r\nmore";
  Record(*log_, entry);
  const AuditEntry stored = log_->Recent(1).value().at(0);
  EXPECT_EQ(stored.device, "laptop forged line");
  EXPECT_LE(stored.reason.size(), 300u);
  EXPECT_EQ(stored.reason.find('\n'), std::string::npos);
  EXPECT_EQ(stored.reason.rfind("table: unknown table \"xxx", 0), 0u);

  const std::string line = FormatAuditEntry(stored);
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST_F(AuditLogTest, AnEntryReadsAsOneLine) {
  AuditEntry accepted = Push(kLaptop, 200, 2);
  accepted.time_ms = kNow;
  accepted.changes = 3;
  accepted.duplicates = 1;
  EXPECT_EQ(FormatAuditEntry(accepted),
            "2024-06-01T00:00:00Z push 200 device=" + std::string(kLaptop) +
                " from=10.0.0.7 changes=3 applied=2 duplicates=1");
  AuditEntry refused = Push("", 401);
  refused.time_ms = kNow;
  refused.remote = "";
  refused.error = "unauthenticated";
  refused.reason = "token: is not one this server issued";
  EXPECT_EQ(FormatAuditEntry(refused),
            "2024-06-01T00:00:00Z push 401 unauthenticated device=- reason: token: is not one "
            "this server issued");
  AuditEntry bad = Push(kLaptop, 400);
  bad.time_ms = kNow;
  bad.changes = 2;
  EXPECT_EQ(FormatAuditEntry(bad),
            "2024-06-01T00:00:00Z push 400 bad_request device=" + std::string(kLaptop) +
                " from=10.0.0.7 changes=2 reason: changes[0].seq: is required");
}

TEST_F(AuditLogTest, ADatabaseWithoutTheLogIsRefused) {
  EXPECT_FALSE(AuditLog::Open(dir_.File("other.db"), clock_).ok());
}

}  // namespace
}  // namespace relay::server
