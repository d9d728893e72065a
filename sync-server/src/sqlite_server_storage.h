#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "relay/clock.h"
#include "relay/hlc.h"
#include "relay/receipt_checks.h"
#include "relay/replica_state.h"
#include "relay/sqlite.h"
#include "relay/uuid.h"
#include "server_storage.h"

namespace relay::server {

// One stored change of a record, for `relay-server admin history`.
struct HistoryEntry {
  int64_t cursor = 0;
  Change change;
  std::string person_name;  // the staff record's name; "" when unknown or nobody
};

// ServerStorage in one SQLite file (WAL, fsync on commit): every push is one transaction, so
// an acknowledgement is only sent for what is on disk. Feed cursors follow the clock
// (milliseconds << 10, and always above the last one), so a database restored from a backup
// hands out cursors above every cursor laptops saw before the restore.
class SqliteServerStorage final : public ServerStorage {
 public:
  static Result<std::unique_ptr<SqliteServerStorage>> Open(const std::string& path, Clock& clock);

  Result<PushOutcome> ApplyPush(const PushRequest& request, const AccessScope& scope) override;
  Result<FeedPageEnd> ReadFeedInto(int64_t after, size_t limit, const std::string& skip_device,
                                   const AccessScope& scope, FeedSink& sink) override;
  Result<std::string> Digest() override;
  // Every change of one record the feed holds, oldest first, each with the name of the
  // person who made it when the staff record is known.
  Result<std::vector<HistoryEntry>> History(const std::string& table, const std::string& record_id);
  // The SQLite virtual machine steps this storage has taken so far (sql::Database::VmSteps):
  // what a call cost, told apart from how fast the machine is, for tests and benchmarks.
  int64_t VmSteps();

 private:
  SqliteServerStorage(std::unique_ptr<sql::Database> db, Clock& clock)
      : db_(std::move(db)), clock_(clock), hlc_(clock, 0), state_(*db_) {}
  // Opens the connections pulls read the feed through, beside the writer's.
  Status OpenFeedReaders(const std::string& path);
  // Reads a page of the feed on the connection given, in one snapshot.
  Result<FeedPageEnd> ReadFeedPage(sql::Database& db, int64_t after, size_t limit,
                                   const std::string& skip_device, const AccessScope& scope,
                                   FeedSink& sink);
  Status Migrate();
  Result<int64_t> LastSeq(const std::string& device);
  // How a change at or below the device's last seq compares with what (device, seq) stored.
  enum class Receipt { kSame, kOtherContent, kNone };
  Result<Receipt> CompareWithReceipt(const OutboxChange& entry, const std::string& device);
  // Reads, or on a new database makes, the id that tells clients which database they pull.
  Status LoadServerId();

  static Result<int64_t> LastCursor(sql::Database& db);
  // Stores a change as the merged state's and appends it to the feed at *cursor.
  Status AppendToFeed(const Change& change, int64_t* cursor);
  // Appends each record's current values to the feed again, with their own stamps: a record
  // that moved into a township reaches its laptops whole, and is a no-op where it already is.
  Status Refeed(const std::vector<std::pair<std::string, std::string>>& records, int64_t* cursor);
  // The person who made the stored change of the field with this stamp ("" when none was).
  Result<std::string> PersonOf(const std::string& table, const std::string& record_id,
                               const std::string& field, const FieldStamp& stamp);
  // Writes fields of the conflicts record id as the server's own changes, in the feed.
  Status WriteConflict(const std::string& id, const nlohmann::json& fields, int64_t* cursor);
  // Keeps a concurrent write in a new conflicts record, or in the open one holding a value
  // that the change's own device replaced with it (RecordOfOwnReplacedLoss).
  Status KeepConcurrentWrite(const Change& change, const ConcurrentWrite& write, int64_t* cursor,
                             PushResponse* response);
  // Closes the open archive_edit records of a record that restore (made having seen the
  // archive) brought back.
  Status SettleArchiveEdits(const Change& restore, int64_t* cursor);
  // Stores a conflicts record for the finding unless one already reports it.
  Status Report(const Finding& finding, int64_t* cursor, PushResponse* response);
  // The conflicts records about the finding's record or the other record it names.
  Result<std::vector<nlohmann::json>> ReportedConflicts(const Finding& finding);
  // The conflicts records about one record.
  Result<std::vector<nlohmann::json>> ConflictsAbout(const std::string& record_id);

  std::unique_ptr<sql::Database> db_;
  Clock& clock_;
  // Stamps the server's own changes (conflict records) after every change it has applied.
  HybridLogicalClock hlc_;
  ReplicaState state_;
  UuidV7Generator ids_;
  std::string server_id_;
  std::mutex mutex_;  // one writer at a time keeps feed cursors in commit order
  // Pulls read the feed on connections of their own, each pull in one snapshot, so they go on
  // while a push writes and beside each other (WAL lets one writer and readers work at once).
  // None for a database in memory, which no second connection sees: pulls then share db_ and
  // mutex_.
  struct FeedReader {
    std::mutex mutex;
    std::unique_ptr<sql::Database> db;
  };
  // As many as relay-server's request workers (http::Limits::worker_threads).
  static constexpr size_t kFeedReaders = 4;
  std::array<FeedReader, kFeedReaders> feed_readers_;
  std::atomic<size_t> next_feed_reader_{0};  // the one to wait for when all are busy
};

}  // namespace relay::server
