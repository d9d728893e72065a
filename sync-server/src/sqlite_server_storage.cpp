#include "sqlite_server_storage.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "feed_homes.h"
#include "relay/clock.h"
#include "relay/conflicts.h"
#include "relay/migrations.h"
#include "relay/receipt_checks.h"
#include "relay/uuid.h"
#include "scope_guard.h"

namespace relay::server {
namespace {

// Numbered migrations of the server's own tables; entry i moves the database to version i+1.
constexpr std::array<const char*, 6> kMigrations = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE devices (device TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);"
    "CREATE TABLE receipts (device TEXT NOT NULL, seq INTEGER NOT NULL,"
    " fingerprint INTEGER NOT NULL, PRIMARY KEY (device, seq)) WITHOUT ROWID;"
    "CREATE TABLE feed ("
    " cursor INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid TEXT NOT NULL,"
    " field TEXT NOT NULL, value TEXT NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL,"
    " seen INTEGER NOT NULL);",
    // Enrollment (device_registry.h): codes and tokens are kept only as SHA-256 hashes.
    "CREATE TABLE enrollment_codes (code_hash TEXT PRIMARY KEY, township_id TEXT NOT NULL,"
    " role TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL,"
    " used_by TEXT);"
    "CREATE TABLE enrolled_devices (device TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
    " township_id TEXT NOT NULL, role TEXT NOT NULL, enrolled_ms INTEGER NOT NULL,"
    " revoked_ms INTEGER);",
    // Who made each change (Change::person), and a record's changes found without a scan for
    // `admin history`.
    "ALTER TABLE feed ADD COLUMN person TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX feed_by_record ON feed (rid);",
    // The township each record a township device created was created in (scope_guard.h).
    "CREATE TABLE record_owners (tbl TEXT NOT NULL, rid TEXT NOT NULL, township_id TEXT NOT NULL,"
    " PRIMARY KEY (tbl, rid)) WITHOUT ROWID;",
    // The audit log (audit_log.h): who asked what and how it was answered, never a token or a
    // code; AuditLog keeps only the newest entries.
    "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL,"
    " device TEXT NOT NULL, remote TEXT NOT NULL, endpoint TEXT NOT NULL,"
    " status INTEGER NOT NULL, error TEXT NOT NULL, reason TEXT NOT NULL,"
    " changes INTEGER NOT NULL, applied INTEGER NOT NULL, duplicates INTEGER NOT NULL);"
    "CREATE INDEX audit_log_device ON audit_log (device, id);",
    // The home of each entry's record as it stands now (feed_homes.h), so a township's pull
    // reads its own entries and the reference data's by index; filled by PlaceFeedEntries.
    "ALTER TABLE feed ADD COLUMN home TEXT;"
    "CREATE INDEX feed_by_home ON feed (home, cursor);",
};

// A pull's page: the entries after ?1 up to the feed's end ?2, none by device ?3, in cursor
// order, at most ?4 of them. The county's come from the whole feed; a township's are those of
// the homes ?5 (the reference data's) and ?6 (its own), each home's read in cursor order from
// the index feed_by_home and the two merged, so no other township's entry is looked at.
constexpr char kCountyPull[] =
    "SELECT cursor, tbl, rid, field, value, hlc, device, seen, person FROM feed"
    " WHERE cursor > ?1 AND cursor <= ?2 AND device != ?3 ORDER BY cursor LIMIT ?4";
constexpr char kTownshipPull[] =
    "SELECT cursor, tbl, rid, field, value, hlc, device, seen, person FROM feed"
    " WHERE home = ?5 AND cursor > ?1 AND cursor <= ?2 AND device != ?3"
    " UNION ALL"
    " SELECT cursor, tbl, rid, field, value, hlc, device, seen, person FROM feed"
    " WHERE home = ?6 AND cursor > ?1 AND cursor <= ?2 AND device != ?3"
    " ORDER BY cursor LIMIT ?4";

// A 64-bit FNV-1a hash of what a change says, to tell a re-sent change from a different one
// that reuses its number.
int64_t Fingerprint(const Change& change) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&hash](const std::string& part) {
    for (unsigned char c : part)
      hash = (hash ^ c) * 0x100000001b3ull;
    hash = (hash ^ 0x1fu) * 0x100000001b3ull;  // the separator after each part
  };
  mix(change.table);
  mix(change.record_id);
  mix(change.field);
  mix(change.value.dump());
  mix(change.hlc.ToText());
  mix(change.seen.ToText());
  // Mixed in only when set, so a change from before people were recorded, re-sent, still
  // matches the fingerprint stored for it.
  if (!change.person.empty()) mix(change.person);
  return static_cast<int64_t>(hash);
}

// The change of a feed row read as (cursor, tbl, rid, field, value, hlc, device, seen, person),
// with its value already parsed.
Change FeedRowChange(const sql::Statement& row, nlohmann::json value) {
  return Change{row.Text(1),
                row.Text(2),
                row.Text(3),
                std::move(value),
                HlcTimestamp::FromPacked(row.Int(5)),
                row.Text(6),
                HlcTimestamp::FromPacked(row.Int(7)),
                row.Text(8)};
}

// Cursors are milliseconds shifted by this many bits: room for 1024 entries a millisecond
// before they borrow from the next, and below 2^53 (exact in JSON numbers) until 2248.
constexpr int kCursorShift = 10;

// The end of the run of changes[begin...] that one read and write of their record can
// apply: the same record, each field once (a field's checks read it before its change), and an
// archiving or restore alone (what it checks is read before it).
size_t EndOfRecordRun(const std::vector<OutboxChange>& changes, size_t begin) {
  const Change& first = changes[begin].change;
  if (first.field == kArchivedField) return begin + 1;
  std::set<std::string_view> fields{first.field};
  size_t end = begin + 1;
  for (; end < changes.size(); ++end) {
    const Change& change = changes[end].change;
    if (change.table != first.table || change.record_id != first.record_id ||
        change.field == kArchivedField || !fields.insert(change.field).second) {
      break;
    }
  }
  return end;
}

}  // namespace

Result<std::unique_ptr<SqliteServerStorage>> SqliteServerStorage::Open(const std::string& path,
                                                                       Clock& clock) {
  auto db = sql::Database::Open(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<SqliteServerStorage> storage(
      new SqliteServerStorage(std::move(db).value(), clock));
  if (Status status = storage->Migrate(); !status.ok()) {
    return Status::Error("cannot migrate " + path + ": " + status.message());
  }
  if (Status status = storage->OpenFeedReaders(path); !status.ok()) return status;
  return storage;
}

Status SqliteServerStorage::OpenFeedReaders(const std::string& path) {
  if (path.empty() || path == ":memory:") return Status::Ok();  // private to db_
  for (FeedReader& reader : feed_readers_) {
    auto opened = sql::Database::Open(path);
    if (!opened.ok()) return opened.status();
    reader.db = std::move(opened).value();
  }
  return Status::Ok();
}

int64_t SqliteServerStorage::VmSteps() {
  int64_t steps = db_->VmSteps();
  for (FeedReader& reader : feed_readers_) {
    if (reader.db) steps += reader.db->VmSteps();
  }
  return steps;
}

Status SqliteServerStorage::Migrate() {
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  if (Status status = ApplyMigrations(*db_, kMigrations, "relay-server"); !status.ok())
    return status;
  if (Status status = state_.EnsureSchema(); !status.ok()) return status;
  // A conflict is found by the other record it names when that record moves (feed_homes.h).
  if (Status status = db_->Execute(
          "CREATE INDEX IF NOT EXISTS conflicts_other_record_id ON conflicts (other_record_id)");
      !status.ok()) {
    return status;
  }
  // Places the entries of a feed from before migration 6; nothing is left to place otherwise.
  if (Status status = PlaceFeedEntries(*db_, state_); !status.ok()) return status;
  if (Status status = LoadServerId(); !status.ok()) return status;
  auto latest = state_.LatestStamp();
  if (!latest.ok()) return latest.status();
  hlc_.Restore(latest.value());
  return transaction.Commit();
}

Status SqliteServerStorage::LoadServerId() {
  auto query = db_->Prepare("SELECT value FROM meta WHERE key='server_id'");
  if (!query.ok()) return query.status();
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (row.value()) {
    server_id_ = query.value().Text(0);
    return Status::Ok();
  }
  SystemClock clock;
  server_id_ = UuidV7Generator().Next(clock.NowMs());
  auto insert = db_->Prepare("INSERT INTO meta (key, value) VALUES ('server_id', ?)");
  if (!insert.ok()) return insert.status();
  return insert.value().Bind(1, server_id_).Run();
}

Result<int64_t> SqliteServerStorage::LastSeq(const std::string& device) {
  auto query = db_->Prepare("SELECT last_seq FROM devices WHERE device=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, device);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  return row.value() ? query.value().Int(0) : int64_t{0};
}

Result<SqliteServerStorage::Receipt> SqliteServerStorage::CompareWithReceipt(
    const OutboxChange& entry, const std::string& device) {
  auto query = db_->Prepare("SELECT fingerprint FROM receipts WHERE device=? AND seq=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, device).Bind(2, entry.seq);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Receipt::kNone;
  return query.value().Int(0) == Fingerprint(entry.change) ? Receipt::kSame
                                                           : Receipt::kOtherContent;
}

Result<PushOutcome> SqliteServerStorage::ApplyPush(const PushRequest& request,
                                                   const AccessScope& scope) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  // The scope, receipt and home checks read the same records over and over.
  ReplicaState::RecordCache cache(state_);
  auto last_seq = LastSeq(request.device);
  if (!last_seq.ok()) return last_seq.status();

  auto last_cursor = LastCursor(*db_);
  if (!last_cursor.ok()) return last_cursor.status();
  int64_t cursor = std::max(last_cursor.value() + 1, clock_.NowMs() << kCursorShift);
  auto receipt = db_->Prepare("INSERT INTO receipts (device, seq, fingerprint) VALUES (?,?,?)");
  if (!receipt.ok()) return receipt.status();
  PushOutcome outcome;
  PushResponse& response = outcome.response;
  ScopeGuard guard(*db_, state_, scope);
  auto breach = guard.CheckBefore(request.changes, last_seq.value());
  if (!breach.ok()) return breach.status();
  if (breach.value()) {
    outcome.out_of_scope = breach.value();
    return outcome;  // nothing was written yet
  }
  std::set<std::pair<std::string, std::string>> touched;    // (table, record) this push changed
  std::set<std::pair<std::string, std::string>> archiving;  // (table, record) it (un)archives
  for (const auto& entry : request.changes) {
    if (entry.change.field == kArchivedField) {
      archiving.emplace(entry.change.table, entry.change.record_id);
    }
  }
  // Changes that won, checked for archive_edit once the whole push is applied: a merge's
  // alias and a restore come after the edits they explain. knowing_restore marks a restore of
  // a record archived at the county, made having seen the archive.
  struct Won {
    Change change;
    bool knowing_restore;
  };
  std::vector<Won> won_changes;
  response.server_id = server_id_;
  response.acked_seq = last_seq.value();
  const auto& changes = request.changes;
  size_t next = 0;
  // Changes are in seq order, so those the server has seen before come first.
  for (; next < changes.size() && changes[next].seq <= last_seq.value(); ++next) {
    // Every stored change has a receipt (since migration 1), so a number without one was
    // passed over: counting it as a duplicate would let the laptop drop a change never stored.
    auto receipt_of = CompareWithReceipt(changes[next], request.device);
    if (!receipt_of.ok()) return receipt_of.status();
    if (receipt_of.value() != Receipt::kSame) {
      outcome.reused = ReusedSeq{changes[next].seq, receipt_of.value() == Receipt::kNone};
      return outcome;  // the transaction rolls back: nothing of this push is kept
    }
    ++response.duplicates;
  }
  std::vector<const Change*> run;
  while (next < changes.size()) {
    const size_t begin = next;
    const size_t end = EndOfRecordRun(changes, begin);
    next = end;
    run.clear();
    for (size_t i = begin; i < end; ++i) {
      const OutboxChange& entry = changes[i];
      receipt.value().Reset();
      receipt.value().Bind(1, request.device).Bind(2, entry.seq).Bind(3, Fingerprint(entry.change));
      if (Status status = receipt.value().Run(); !status.ok()) return status;
      ++response.applied;
      response.acked_seq = entry.seq;
      touched.emplace(entry.change.table, entry.change.record_id);
      hlc_.Restore(entry.change.hlc);
      if (auto overwrite = CheckEventOverwrite(state_, entry.change)) {
        if (Status status = Report(*overwrite, &cursor, &response); !status.ok()) return status;
      }
      run.push_back(&entry.change);
    }
    // A restore stands alone in its run (EndOfRecordRun), so this is read before it applies.
    bool was_archived = false;
    if (run.front()->field == kArchivedField && run.front()->value == false) {
      auto record = state_.Record(run.front()->table, run.front()->record_id);
      if (!record.ok()) return record.status();
      was_archived = record.value() && record.value()->value(std::string(kArchivedField), false);
    }
    auto applied = state_.ApplyToOneRecord(run);
    if (!applied.ok()) return applied.status();
    for (size_t i = 0; i < run.size(); ++i) {
      const Change& change = *run[i];
      const ApplyOutcome& applied_change = applied.value()[i];
      // An older write that lost is not in the feed: every replica already has the winner.
      if (applied_change.won) {
        if (Status status = AppendToFeed(change, &cursor); !status.ok()) return status;
        // Not concurrent: its writer saw the archive, or made it.
        if (change.table != "conflicts")
          won_changes.push_back({change, was_archived && !applied_change.concurrent});
      }
      if (applied_change.concurrent && TracksConcurrentWrites(change.table, change.field)) {
        if (Status status =
                KeepConcurrentWrite(change, *applied_change.concurrent, &cursor, &response);
            !status.ok()) {
          return status;
        }
      }
    }
  }
  breach = guard.CheckAfter(request.changes, last_seq.value());
  if (!breach.ok()) return breach.status();
  if (breach.value()) {
    outcome.out_of_scope = breach.value();
    return outcome;  // the transaction rolls back: nothing of this push is kept
  }
  if (Status status = Refeed(guard.MovedWithDependents(), &cursor); !status.ok()) return status;
  // Each record's stamps are read once for the winning changes of a run of that record.
  std::map<std::string, FieldStamp> stamps;
  for (size_t i = 0; i < won_changes.size(); ++i) {
    const auto& [change, knowing_restore] = won_changes[i];
    if (i == 0 || change.record_id != won_changes[i - 1].change.record_id ||
        change.table != won_changes[i - 1].change.table) {
      auto read = state_.StampsOf(change.table, change.record_id);
      if (!read.ok()) return read.status();
      stamps = std::move(read).value();
    }
    const auto stored = stamps.find(change.field);
    if (stored == stamps.end() || stored->second.hlc != change.hlc) continue;  // replaced later
    if (knowing_restore) {
      if (Status status = SettleArchiveEdits(change, &cursor); !status.ok()) return status;
    }
    const bool sets_archived = archiving.count({change.table, change.record_id}) > 0;
    if (auto finding = CheckArchiveEdit(state_, change, sets_archived, stamps)) {
      if (Status status = Report(*finding, &cursor, &response); !status.ok()) return status;
    }
  }
  for (const auto& [table, record_id] : touched) {
    if (table == "conflicts") continue;  // deciding conflicts raises none about themselves
    for (const Finding& finding : CheckReceived(state_, table, record_id)) {
      if (Status status = Report(finding, &cursor, &response); !status.ok()) return status;
    }
  }
  // The entries this push appended, and the older ones of records it moved, take their
  // records' homes, so township pulls read them by index.
  if (Status status = PlaceFeedEntries(*db_, state_); !status.ok()) return status;
  auto seq = db_->Prepare(
      "INSERT INTO devices (device, last_seq) VALUES (?, ?) ON CONFLICT (device) DO UPDATE SET "
      "last_seq=excluded.last_seq");
  if (!seq.ok()) return seq.status();
  if (Status status = seq.value().Bind(1, request.device).Bind(2, response.acked_seq).Run();
      !status.ok()) {
    return status;
  }
  if (Status status = transaction.Commit(); !status.ok()) return status;
  return outcome;
}

Status SqliteServerStorage::AppendToFeed(const Change& change, int64_t* cursor) {
  auto feed = db_->Prepare(
      "INSERT INTO feed (cursor, tbl, rid, field, value, hlc, device, seen, person) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  if (!feed.ok()) return feed.status();
  return feed.value()
      .Bind(1, (*cursor)++)
      .Bind(2, change.table)
      .Bind(3, change.record_id)
      .Bind(4, change.field)
      .Bind(5, change.value.dump())
      .Bind(6, change.hlc.Packed())
      .Bind(7, change.device)
      .Bind(8, change.seen.Packed())
      .Bind(9, change.person)
      .Run();
}

Status SqliteServerStorage::Refeed(const std::vector<std::pair<std::string, std::string>>& records,
                                   int64_t* cursor) {
  for (const auto& [table, record_id] : records) {
    auto record = state_.Record(table, record_id);
    if (!record.ok()) return record.status();
    auto stamps = state_.StampsOf(table, record_id);
    if (!stamps.ok()) return stamps.status();
    for (const auto& [field, stamp] : stamps.value()) {
      const nlohmann::json value = record.value()->value(field, nlohmann::json());
      auto person = PersonOf(table, record_id, field, stamp);
      if (!person.ok()) return person.status();
      if (Status status = AppendToFeed(
              {table, record_id, field, value, stamp.hlc, stamp.device, stamp.hlc, person.value()},
              cursor);
          !status.ok()) {
        return status;
      }
    }
  }
  return Status::Ok();
}

Result<std::string> SqliteServerStorage::PersonOf(const std::string& table,
                                                  const std::string& record_id,
                                                  const std::string& field,
                                                  const FieldStamp& stamp) {
  auto query = db_->Prepare(
      "SELECT person FROM feed WHERE rid=? AND tbl=? AND field=? AND hlc=? AND device=? LIMIT 1");
  if (!query.ok()) return query.status();
  query.value().Bind(1, record_id).Bind(2, table).Bind(3, field).Bind(4, stamp.hlc.Packed());
  query.value().Bind(5, stamp.device);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  return row.value() ? query.value().Text(0) : std::string();
}

Status SqliteServerStorage::Report(const Finding& finding, int64_t* cursor,
                                   PushResponse* response) {
  auto reported = ReportedConflicts(finding);
  if (!reported.ok()) return reported.status();
  if (AlreadyReported(finding, reported.value())) return Status::Ok();
  if (Status status =
          WriteConflict(ids_.Next(clock_.NowMs()), ConflictRecord(finding, clock_.NowMs()), cursor);
      !status.ok()) {
    return status;
  }
  ++response->conflicts;
  return Status::Ok();
}

Status SqliteServerStorage::KeepConcurrentWrite(const Change& change, const ConcurrentWrite& write,
                                                int64_t* cursor, PushResponse* response) {
  auto about = ConflictsAbout(change.record_id);
  if (!about.ok()) return about.status();
  if (const auto replaced = RecordOfOwnReplacedLoss(change, about.value())) {
    return WriteConflict(*replaced, ConcurrentSides(write), cursor);
  }
  ++response->conflicts;
  return WriteConflict(ids_.Next(clock_.NowMs()), ConflictRecord(write, clock_.NowMs()), cursor);
}

Status SqliteServerStorage::SettleArchiveEdits(const Change& restore, int64_t* cursor) {
  auto about = ConflictsAbout(restore.record_id);
  if (!about.ok()) return about.status();
  auto record = state_.Record(restore.table, restore.record_id);
  if (!record.ok()) return record.status();
  for (const auto& conflict : about.value()) {
    if (conflict.value("conflict_kind", "") != "archive_edit" ||
        conflict.value("table_name", "") != restore.table ||
        conflict.value("conflict_state", "") != "open") {
      continue;
    }
    const nlohmann::json kept =
        record.value()->value(conflict.value("field_name", ""), nlohmann::json());
    if (Status status = WriteConflict(
            conflict.value("id", ""),
            SettledByRestore(kept, restore.device, server_id_, clock_.NowMs()), cursor);
        !status.ok()) {
      return status;
    }
  }
  return Status::Ok();
}

Result<std::vector<nlohmann::json>> SqliteServerStorage::ReportedConflicts(const Finding& finding) {
  std::vector<nlohmann::json> conflicts;
  for (const std::string& id : {finding.record_id, finding.other_record_id}) {
    if (id.empty()) continue;
    auto found = ConflictsAbout(id);
    if (!found.ok()) return found.status();
    conflicts.insert(conflicts.end(), found.value().begin(), found.value().end());
  }
  return conflicts;
}

Result<std::vector<nlohmann::json>> SqliteServerStorage::ConflictsAbout(
    const std::string& record_id) {
  RecordQuery about;
  about.where_field = "record_id";
  about.where_value = record_id;
  return state_.Records("conflicts", about);
}

Status SqliteServerStorage::WriteConflict(const std::string& id, const nlohmann::json& fields,
                                          int64_t* cursor) {
  for (const auto& [field, value] : fields.items()) {
    const Change change{"conflicts", id, field, value, hlc_.Now(), server_id_, {}, {}};
    auto applied = state_.Apply(change);
    if (!applied.ok()) return applied.status();
    if (Status status = AppendToFeed(change, cursor); !status.ok()) return status;
  }
  return Status::Ok();
}

Result<int64_t> SqliteServerStorage::LastCursor(sql::Database& db) {
  auto query = db.Prepare("SELECT COALESCE(MAX(cursor), 0) FROM feed");
  if (!query.ok()) return query.status();
  if (auto row = query.value().Step(); !row.ok()) return row.status();
  return query.value().Int(0);
}

Result<FeedPageEnd> SqliteServerStorage::ReadFeedInto(int64_t after, size_t limit,
                                                      const std::string& skip_device,
                                                      const AccessScope& scope, FeedSink& sink) {
  if (!feed_readers_.front().db) {
    std::lock_guard lock(mutex_);
    return ReadFeedPage(*db_, after, limit, skip_device, scope, sink);
  }
  for (FeedReader& reader : feed_readers_) {
    std::unique_lock lock(reader.mutex, std::try_to_lock);
    if (lock.owns_lock()) return ReadFeedPage(*reader.db, after, limit, skip_device, scope, sink);
  }
  FeedReader& reader = feed_readers_[next_feed_reader_++ % kFeedReaders];
  std::lock_guard lock(reader.mutex);
  return ReadFeedPage(*reader.db, after, limit, skip_device, scope, sink);
}

Result<FeedPageEnd> SqliteServerStorage::ReadFeedPage(sql::Database& db, int64_t after,
                                                      size_t limit, const std::string& skip_device,
                                                      const AccessScope& scope, FeedSink& sink) {
  sql::ReadTransaction snapshot(db);
  if (!snapshot.begun().ok()) return snapshot.begun();
  // The feed's end is read first and bounds the batch, so a row committed meanwhile (by
  // another writer on this file) is never jumped over by next_cursor.
  auto feed_end = LastCursor(db);
  if (!feed_end.ok()) return feed_end.status();
  // One row more than asked tells that more remain.
  auto query = db.Prepare(scope.IsCounty() ? kCountyPull : kTownshipPull);
  if (!query.ok()) return query.status();
  auto& statement = query.value();
  const int64_t rows = limit < static_cast<size_t>(std::numeric_limits<int64_t>::max())
                           ? static_cast<int64_t>(limit) + 1
                           : -1;
  statement.Bind(1, after).Bind(2, feed_end.value()).Bind(3, skip_device).Bind(4, rows);
  if (!scope.IsCounty()) statement.Bind(5, kSharedHome).Bind(6, scope.township_id);
  FeedPageEnd end{server_id_, after, false};
  for (size_t entries = 0;; ++entries) {
    auto row = statement.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    if (entries == limit) {
      end.more = true;
      break;
    }
    end.next_cursor = statement.Int(0);
    const FeedEntryView entry{statement.Bytes(1),
                              statement.Bytes(2),
                              statement.Bytes(3),
                              statement.Bytes(4),
                              HlcTimestamp::FromPacked(statement.Int(5)),
                              statement.Bytes(6),
                              HlcTimestamp::FromPacked(statement.Int(7)),
                              statement.Bytes(8)};
    if (Status added = sink.Add(end.next_cursor, entry); !added.ok()) return added;
  }
  if (!end.more) {
    // Whatever follows the last entry sent was left out: move the cursor past it too, so the
    // laptop's own changes and other townships' are not read again next time.
    end.next_cursor = std::max(end.next_cursor, feed_end.value());
  }
  return end;
}

Result<std::vector<HistoryEntry>> SqliteServerStorage::History(const std::string& table,
                                                               const std::string& record_id) {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT cursor, tbl, rid, field, value, hlc, device, seen, person FROM feed WHERE rid = ? "
      "AND tbl = ? ORDER BY cursor");
  if (!query.ok()) return query.status();
  auto& statement = query.value();
  statement.Bind(1, record_id).Bind(2, table);
  std::vector<HistoryEntry> history;
  std::map<std::string, std::string> names;  // person id → name, "" when unknown
  for (;;) {
    auto row = statement.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    auto value = nlohmann::json::parse(statement.Text(4), nullptr, false);
    if (value.is_discarded()) {
      return Status::Error("feed entry " + std::to_string(statement.Int(0)) + " is damaged");
    }
    HistoryEntry entry{statement.Int(0), FeedRowChange(statement, std::move(value)), ""};
    const std::string& person = entry.change.person;
    if (!person.empty()) {
      auto known = names.find(person);
      if (known == names.end()) {
        auto staff = state_.Record("staff", person);
        if (!staff.ok()) return staff.status();
        const std::string name = staff.value() ? staff.value()->value("name", "") : "";
        known = names.emplace(person, name).first;
      }
      entry.person_name = known->second;
    }
    history.push_back(std::move(entry));
  }
  return history;
}

Result<std::string> SqliteServerStorage::Digest() {
  std::lock_guard lock(mutex_);
  return state_.Digest();
}

}  // namespace relay::server
