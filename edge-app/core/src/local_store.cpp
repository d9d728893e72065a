#include "relay/edge/local_store.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "relay/edge/laptops_seen.h"
#include "relay/edge/pin_hash.h"
#include "relay/migrations.h"
#include "relay/recorded_events.h"
#include "relay/schema.h"

namespace relay::edge {
namespace {

// A laptop trusts its own clock for local edits; the bound matters for what it receives.
constexpr int64_t kMaxDriftMs = 5 * 60 * 1000;

// Numbered migrations of the store's own tables; entry i moves the database to version i+1.
// Synced tables are derived from the schema registry after these run.
constexpr std::array<const char*, 5> kMigrations = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE outbox ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, rid TEXT NOT NULL,"
    " field TEXT NOT NULL, value TEXT NOT NULL, hlc INTEGER NOT NULL, seen INTEGER NOT NULL);",
    // Who made each queued change (Change::person), and the PINs of this laptop's people,
    // which never leave it: a salted PBKDF2 hash and the count of wrong tries in a row.
    "ALTER TABLE outbox ADD COLUMN person TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE staff_pins (staff_id TEXT PRIMARY KEY, salt TEXT NOT NULL,"
    " hash TEXT NOT NULL, iterations INTEGER NOT NULL, wrong_tries INTEGER NOT NULL DEFAULT 0,"
    " last_wrong_ms INTEGER NOT NULL DEFAULT 0);",
    // Outbox changes the county refused as outside this laptop's township or role.
    "CREATE TABLE set_aside (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid TEXT NOT NULL,"
    " field TEXT NOT NULL, value TEXT NOT NULL, hlc INTEGER NOT NULL, seen INTEGER NOT NULL,"
    " person TEXT NOT NULL, reason TEXT NOT NULL, set_aside_ms INTEGER NOT NULL);",
    // The records with changes waiting, kept by triggers whatever adds or removes an outbox
    // row, so the status bar reads them without scanning an outbox a week offline has grown.
    "CREATE TABLE outbox_records (tbl TEXT NOT NULL, rid TEXT NOT NULL,"
    " changes INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID;"
    "INSERT INTO outbox_records SELECT tbl, rid, COUNT(*) FROM outbox GROUP BY tbl, rid;"
    "CREATE TRIGGER outbox_row_added AFTER INSERT ON outbox BEGIN"
    " INSERT INTO outbox_records (tbl, rid, changes) VALUES (new.tbl, new.rid, 1)"
    " ON CONFLICT (tbl, rid) DO UPDATE SET changes = changes + 1; END;"
    "CREATE TRIGGER outbox_row_removed AFTER DELETE ON outbox BEGIN"
    " UPDATE outbox_records SET changes = changes - 1 WHERE tbl = old.tbl AND rid = old.rid;"
    " DELETE FROM outbox_records WHERE tbl = old.tbl AND rid = old.rid AND changes = 0; END;",
    // The enrolled laptops as the county server last listed them (GET /v1/laptops), with
    // their last sync and set-aside counts, for the report's data health.
    "CREATE TABLE laptops_listed (device TEXT PRIMARY KEY, township_id TEXT NOT NULL,"
    " role TEXT NOT NULL, enrolled_ms INTEGER NOT NULL, last_sync_ms INTEGER NOT NULL,"
    " set_aside INTEGER, revoked_ms INTEGER NOT NULL) WITHOUT ROWID;",
};

// The meta key holding the newest stamp this laptop's clock has issued or taken in, so a
// restart resumes past it without scanning every stored stamp.
constexpr const char* kClockKey = "clock_last";

// Wrong PINs in a row allowed without a pause; after that each try waits, the pause doubling
// from kFirstPauseMs with every further wrong PIN, up to kLongestPauseMs.
constexpr int64_t kFreeWrongTries = 3;
constexpr int64_t kFirstPauseMs = 10'000;
constexpr int64_t kLongestPauseMs = 5 * 60'000;

int64_t PauseAfter(int64_t wrong_tries) {
  if (wrong_tries < kFreeWrongTries) return 0;
  int64_t pause = kFirstPauseMs;
  for (int64_t i = kFreeWrongTries; i < wrong_tries && pause < kLongestPauseMs; ++i)
    pause *= 2;
  return std::min(pause, kLongestPauseMs);
}

// A number kept as text in the meta table; empty means never set.
Result<int64_t> ParseStoredNumber(const std::string& key, const std::string& text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!text.empty() && (error != std::errc() || end != text.data() + text.size())) {
    return Status::Error("stored " + key + " is damaged: \"" + text + "\"");
  }
  return value;
}

// RecordReader over the store's merged records; used only while the store's lock is held.
class LockedReader final : public RecordReader {
 public:
  explicit LockedReader(ReplicaState& state) : state_(state) {}
  Result<nlohmann::json> Get(const std::string& table, const std::string& id) override {
    if (!FindTable(table)) return Status::Error("table: unknown table \"" + table + "\"");
    auto record = state_.Record(table, id);
    if (!record.ok()) return record.status();
    if (!record.value()) return Status::Error("id: no " + table + " record has id " + id);
    return *record.value();
  }
  Result<std::vector<nlohmann::json>> ListWhere(const std::string& table, const std::string& field,
                                                const std::string& value) override {
    if (!FindTable(table)) return Status::Error("table: unknown table \"" + table + "\"");
    RecordQuery query;
    query.where_field = field;
    query.where_value = value;
    return state_.Records(table, query);
  }

 private:
  ReplicaState& state_;
};

}  // namespace

std::string PutError::Summary() const {
  std::string text;
  for (const auto& error : errors)
    text += (text.empty() ? "" : "; ") + error.ToString();
  return text;
}

LocalStore::LocalStore(std::unique_ptr<sql::Database> db, Clock& clock, int64_t max_drift_ms)
    : db_(std::move(db)), clock_(clock), hlc_(clock, max_drift_ms), state_(*db_) {}

Result<std::unique_ptr<LocalStore>> LocalStore::Open(const std::string& path, Clock& clock) {
  auto db = sql::Database::Open(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<LocalStore> store(new LocalStore(std::move(db).value(), clock, kMaxDriftMs));
  if (Status status = store->Migrate(); !status.ok()) {
    return Status::Error(status.kind(), "cannot migrate " + path + ": " + status.message());
  }
  if (Status status = store->LoadIdentity(); !status.ok()) {
    return Status::Error(status.kind(), "cannot read " + path + ": " + status.message());
  }
  return store;
}

Status LocalStore::Migrate() {
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  if (Status status = ApplyMigrations(*db_, kMigrations, "relay-edge"); !status.ok()) return status;
  // Before EnsureSchema moves the stamps of an older database out of field_state, which
  // EnsureLaptopsSeen fills laptops_seen from.
  if (Status status = EnsureLaptopsSeen(*db_); !status.ok()) return status;
  if (Status status = state_.EnsureSchema(); !status.ok()) return status;
  return transaction.Commit();
}

Status LocalStore::LoadIdentity() {
  auto device = Meta("device_id");
  if (!device.ok()) return device.status();
  if (device.value().empty()) {
    device_id_ = ids_.Next(clock_.NowMs());
    if (Status status = SetMeta("device_id", device_id_); !status.ok()) return status;
  } else {
    device_id_ = device.value();
  }
  auto kept = Meta(kClockKey);
  if (!kept.ok()) return kept.status();
  if (!kept.value().empty()) {
    auto packed = ParseStoredNumber(kClockKey, kept.value());
    if (!packed.ok()) return packed.status();
    hlc_.Restore(HlcTimestamp::FromPacked(packed.value()));
    return Status::Ok();
  }
  // A database from before the clock was kept: its newest stamp, found once by a full scan.
  auto latest = state_.LatestStamp();
  if (!latest.ok()) return latest.status();
  hlc_.Restore(latest.value());
  return SetMeta(kClockKey, std::to_string(hlc_.last().Packed()));
}

Result<std::string> LocalStore::Meta(const std::string& key) {
  auto query = db_->Prepare("SELECT value FROM meta WHERE key=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, key);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  return row.value() ? query.value().Text(0) : std::string();
}

Status LocalStore::CommitKeepingClock(sql::Transaction& transaction) {
  if (Status status = SetMeta(kClockKey, std::to_string(hlc_.last().Packed())); !status.ok()) {
    return status;
  }
  return transaction.Commit();
}

Status LocalStore::SetMeta(const std::string& key, const std::string& value) {
  auto statement = db_->Prepare(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
      "value=excluded.value");
  if (!statement.ok()) return statement.status();
  return statement.value().Bind(1, key).Bind(2, value).Run();
}

Result<std::string> LocalStore::Put(const std::string& table_name, const nlohmann::json& fields,
                                    PutError* field_errors) {
  return Put(TableEdit{table_name, fields}, field_errors);
}

Result<std::string> LocalStore::Put(const TableEdit& edit, PutError* field_errors) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto id = PutInTransaction(edit, field_errors, /*keep_new_ids=*/false);
  if (!id.ok()) return id;
  if (Status status = CommitKeepingClock(transaction); !status.ok()) return status;
  return id;
}

Result<std::vector<std::string>> LocalStore::PutAll(const std::string& table_name,
                                                    const std::vector<nlohmann::json>& records) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  std::vector<std::string> ids;
  for (size_t i = 0; i < records.size(); ++i) {
    auto id = PutInTransaction({table_name, records[i]}, nullptr, /*keep_new_ids=*/true);
    if (!id.ok())
      return Status::Error("record " + std::to_string(i) + ": " + id.status().message());
    ids.push_back(std::move(id).value());
  }
  if (Status status = CommitKeepingClock(transaction); !status.ok()) return status;
  return ids;
}

Result<std::vector<std::string>> LocalStore::PutEach(const std::vector<TableEdit>& edits) {
  return PutPlanned([&](RecordReader&) -> Result<std::vector<TableEdit>> { return edits; });
}

Result<std::vector<std::string>> LocalStore::PutPlanned(const EditPlan& plan,
                                                        PutError* field_errors) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  LockedReader reader(state_);
  auto edits = plan(reader);
  if (!edits.ok()) return edits.status();
  std::vector<std::string> ids;
  for (const auto& edit : edits.value()) {
    auto id = PutInTransaction(edit, field_errors, /*keep_new_ids=*/false);
    if (!id.ok()) return Status::Error(edit.table + ": " + id.status().message());
    ids.push_back(std::move(id).value());
  }
  if (Status status = CommitKeepingClock(transaction); !status.ok()) return status;
  return ids;
}

Result<std::string> LocalStore::PutInTransaction(const TableEdit& edit, PutError* field_errors,
                                                 bool keep_new_ids) {
  const std::string& table_name = edit.table;
  const nlohmann::json& fields = edit.fields;
  const TableSpec* table = FindTable(table_name);
  if (!table) return Status::Error("table: unknown table \"" + table_name + "\"");
  if (!fields.is_object()) return Status::Error("record: must be a JSON object");

  std::string id;
  nlohmann::json values = fields;
  if (fields.contains("id")) {
    if (!fields["id"].is_string() || !IsUuidV7(fields["id"].get<std::string>())) {
      return Status::Error("id: must be the UUIDv7 of an existing record");
    }
    id = fields["id"].get<std::string>();
    values.erase("id");
  }
  bool creating = id.empty();
  if (!creating) {
    auto exists = state_.Exists(table_name, id);
    if (!exists.ok()) return exists.status();
    if (!exists.value() && !keep_new_ids) {
      return Status::Error("id: no " + table_name + " record has id " + id);
    }
    creating = !exists.value();
  }
  RecordCheck check = ValidateRecord(*table, values, creating);
  if (!check.ok()) {
    PutError error{check.errors};
    if (field_errors) *field_errors = error;
    return Status::Error(error.Summary());
  }
  if (check.fields.empty()) return Status::Error("record: no fields to store");
  if (id.empty()) id = ids_.Next(clock_.NowMs());

  // Rules over the whole record and the records it points to see it as it would be stored.
  nlohmann::json stored = {{"id", id}};
  if (!creating) {
    auto record = state_.Record(table_name, id);
    if (!record.ok()) return record.status();
    stored = *record.value();
  }
  if (!edit.corrects_events) {
    if (auto overwritten = OverwrittenEvents(*table, stored, check.fields); !overwritten.empty()) {
      PutError error{overwritten};
      if (field_errors) *field_errors = error;
      return Status::Error(error.Summary());
    }
  }
  nlohmann::json merged = stored;
  for (const auto& [field, value] : check.fields.items())
    merged[field] = value;
  ReplicaLookup lookup(state_);
  std::vector<FieldError> broken = CheckRecord(*table, merged, lookup);
  if (!broken.empty() && !creating) {
    // A record that concurrent edits left breaking a rule (the county flags it) stays
    // editable: only what this edit breaks is refused.
    const auto before = CheckRecord(*table, stored, lookup);
    std::erase_if(broken, [&](const FieldError& error) {
      return std::any_of(before.begin(), before.end(), [&](const FieldError& old) {
        return old.field == error.field && old.rule == error.rule;
      });
    });
  }
  if (!broken.empty()) {
    PutError error{broken};
    if (field_errors) *field_errors = error;
    return Status::Error(error.Summary());
  }
  auto scope = EnrolledScope();
  if (!scope.ok()) return scope.status();
  // Records on this laptop that name no township were made here or pulled as its own.
  RecordHomes homes(lookup, [&scope](const std::string&, const std::string&) {
    return scope.value().township_id;
  });
  if (auto refused = EditRefusal(scope.value(), homes, table_name, creating ? nullptr : &stored,
                                 merged, check.fields)) {
    PutError error{{*refused}};
    if (field_errors) *field_errors = error;
    return Status::Error(error.Summary());
  }

  auto outbox = db_->Prepare(
      "INSERT INTO outbox (tbl, rid, field, value, hlc, seen, person) VALUES (?,?,?,?,?,?,?)");
  if (!outbox.ok()) return outbox.status();
  // A restore is stamped before the edits saved with it, so the county never sees those
  // edits land on a record it still holds as archived, whatever batch boundary falls between.
  std::vector<std::pair<std::string, nlohmann::json>> ordered;
  for (const auto& [field, value] : check.fields.items()) {
    const auto at = field == kArchivedField ? ordered.begin() : ordered.end();
    ordered.emplace(at, field, value);
  }
  auto stamps = state_.StampsOf(table_name, id);
  if (!stamps.ok()) return stamps.status();
  // An edit must supersede the values stored, even ones stamped by a fast clock.
  for (const auto& [field, stamp] : stamps.value())
    hlc_.Restore(stamp.hlc);
  // The fields saved together share a stamp, so the record travels as one row (protocol 2);
  // a restore, first, has its own.
  HlcTimestamp put_hlc;
  for (size_t i = 0; i < ordered.size(); ++i) {
    const auto& [field, value] = ordered[i];
    if (i == 0 || ordered[i - 1].first == kArchivedField) put_hlc = hlc_.Now();
    const auto current = stamps.value().find(field);
    const HlcTimestamp current_hlc =
        current != stamps.value().end() ? current->second.hlc : HlcTimestamp{};
    const auto told = edit.seen.find(field);
    const HlcTimestamp seen_hlc = told != edit.seen.end() ? told->second : current_hlc;
    Change change{table_name, id, field, value, put_hlc, device_id_, seen_hlc, person_};
    auto applied = state_.Apply(change);
    if (!applied.ok()) return applied.status();
    if (!applied.value()) {
      return Status::Error(field + ": the edit did not supersede the stored value");
    }
    outbox.value().Reset();
    outbox.value()
        .Bind(1, table_name)
        .Bind(2, id)
        .Bind(3, field)
        .Bind(4, value.dump())
        .Bind(5, change.hlc.Packed())
        .Bind(6, change.seen.Packed())
        .Bind(7, change.person);
    if (Status status = outbox.value().Run(); !status.ok()) return status;
  }
  return id;
}

Result<nlohmann::json> LocalStore::Get(const std::string& table, const std::string& id) {
  std::lock_guard lock(mutex_);
  return LockedReader(state_).Get(table, id);
}

Result<ReadRecord> LocalStore::Read(const std::string& table, const std::string& id) {
  std::lock_guard lock(mutex_);
  auto record = LockedReader(state_).Get(table, id);
  if (!record.ok()) return record.status();
  auto stamps = state_.StampsOf(table, id);
  if (!stamps.ok()) return stamps.status();
  ReadRecord read{std::move(record).value(), {}};
  // A field empty when read was seen empty: a value a sync brings meanwhile is not seen.
  for (const auto& field : FindTable(table)->fields)
    read.seen[field.name] = HlcTimestamp{};
  for (const auto& [field, stamp] : stamps.value())
    read.seen[field] = stamp.hlc;
  return read;
}

Result<std::vector<nlohmann::json>> LocalStore::List(const std::string& table,
                                                     const RecordQuery& query) {
  if (!FindTable(table)) return Status::Error("table: unknown table \"" + table + "\"");
  std::lock_guard lock(mutex_);
  return state_.Records(table, query);
}

Result<std::vector<std::string>> LocalStore::ListIds(const std::string& table,
                                                     const RecordQuery& query) {
  if (!FindTable(table)) return Status::Error("table: unknown table \"" + table + "\"");
  std::lock_guard lock(mutex_);
  return state_.RecordIds(table, query);
}

Result<int64_t> LocalStore::Count(const std::string& table, const RecordQuery& query) {
  if (!FindTable(table)) return Status::Error("table: unknown table \"" + table + "\"");
  std::lock_guard lock(mutex_);
  return state_.Count(table, query);
}

Result<std::vector<nlohmann::json>> LocalStore::ListWhere(const std::string& table,
                                                          const std::string& field,
                                                          const std::string& value) {
  RecordQuery query;
  query.where_field = field;
  query.where_value = value;
  return List(table, query);
}

Result<std::string> LocalStore::Digest() {
  std::lock_guard lock(mutex_);
  return state_.Digest();
}

Result<std::vector<OutboxChange>> LocalStore::PendingChanges(size_t limit) {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT seq, tbl, rid, field, value, hlc, seen, person FROM outbox ORDER BY seq LIMIT ?");
  if (!query.ok()) return query.status();
  auto& statement = query.value();
  statement.Bind(1, static_cast<int64_t>(limit));
  std::vector<OutboxChange> changes;
  for (;;) {
    auto row = statement.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    auto entry = QueuedChange(statement);
    if (!entry.ok()) return entry.status();
    changes.push_back(std::move(entry).value());
  }
  return changes;
}

Result<OutboxChange> LocalStore::QueuedChange(const sql::Statement& row) {
  OutboxChange entry;
  entry.seq = row.Int(0);
  auto value = nlohmann::json::parse(row.Text(4), nullptr, false);
  if (value.is_discarded()) {
    return Status::Error("outbox entry " + std::to_string(entry.seq) + " is damaged");
  }
  entry.change = Change{row.Text(1),
                        row.Text(2),
                        row.Text(3),
                        std::move(value),
                        HlcTimestamp::FromPacked(row.Int(5)),
                        device_id_,
                        HlcTimestamp::FromPacked(row.Int(6)),
                        row.Text(7)};
  return entry;
}

Status LocalStore::SetAside(const std::vector<int64_t>& seqs, const std::string& reason) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto waiting = db_->Prepare("SELECT 1 FROM outbox WHERE seq=?");
  auto copy = db_->Prepare(
      "INSERT INTO set_aside (seq, tbl, rid, field, value, hlc, seen, person, reason, "
      "set_aside_ms) SELECT seq, tbl, rid, field, value, hlc, seen, person, ?, ? FROM outbox "
      "WHERE seq=?");
  auto remove = db_->Prepare("DELETE FROM outbox WHERE seq=?");
  for (auto* statement : {&waiting, &copy, &remove}) {
    if (!statement->ok()) return statement->status();
  }
  for (const int64_t seq : seqs) {
    waiting.value().Reset();
    auto found = waiting.value().Bind(1, seq).Step();
    if (!found.ok()) return found.status();
    if (!found.value()) {
      return Status::Error("seq: change " + std::to_string(seq) + " is not waiting to be sent");
    }
    copy.value().Reset();
    if (Status status = copy.value().Bind(1, reason).Bind(2, clock_.NowMs()).Bind(3, seq).Run();
        !status.ok()) {
      return status;
    }
    remove.value().Reset();
    if (Status status = remove.value().Bind(1, seq).Run(); !status.ok()) return status;
  }
  return transaction.Commit();
}

Result<std::vector<SetAsideChange>> LocalStore::SetAsideChanges() {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT seq, tbl, rid, field, value, hlc, seen, person, reason, set_aside_ms FROM "
      "set_aside ORDER BY seq");
  if (!query.ok()) return query.status();
  std::vector<SetAsideChange> changes;
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    auto entry = QueuedChange(query.value());
    if (!entry.ok()) return entry.status();
    changes.push_back({std::move(entry).value(), query.value().Text(8), query.value().Int(9)});
  }
  return changes;
}

Status LocalStore::AcknowledgeThrough(int64_t seq) {
  std::lock_guard lock(mutex_);
  auto statement = db_->Prepare("DELETE FROM outbox WHERE seq <= ?");
  if (!statement.ok()) return statement.status();
  return statement.value().Bind(1, seq).Run();
}

Status LocalStore::CheckServer(const std::string& server_id) {
  std::lock_guard lock(mutex_);
  return CheckServerLocked(server_id);
}

Status LocalStore::CheckServerLocked(const std::string& server_id) {
  auto known_server = Meta("server_id");
  if (!known_server.ok()) return known_server.status();
  if (known_server.value().empty()) return SetMeta("server_id", server_id);
  if (known_server.value() != server_id) {
    return Status::Error("this laptop last synced with county database " + known_server.value() +
                         " but the server now has database " + server_id +
                         "; sync stopped and this laptop's changes are kept (ask the county "
                         "office: the server's database was replaced)");
  }
  return Status::Ok();
}

Result<int64_t> LocalStore::HighestSeqIssued() {
  std::lock_guard lock(mutex_);
  auto query =
      db_->Prepare("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name='outbox'");
  if (!query.ok()) return query.status();
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  return row.value() ? query.value().Int(0) : int64_t{0};
}

Result<int64_t> LocalStore::PullCursor() {
  std::lock_guard lock(mutex_);
  auto cursor = Meta("pull_cursor");
  if (!cursor.ok()) return cursor.status();
  return ParseStoredNumber("pull_cursor", cursor.value());
}

Result<size_t> LocalStore::PullPage() {
  std::lock_guard lock(mutex_);
  auto page = Meta("pull_page");
  if (!page.ok()) return page.status();
  auto entries = ParseStoredNumber("pull_page", page.value());
  if (!entries.ok()) return entries.status();
  return static_cast<size_t>(std::max<int64_t>(0, entries.value()));
}

Status LocalStore::SetPullPage(size_t entries) {
  std::lock_guard lock(mutex_);
  return SetMeta("pull_page", std::to_string(entries));
}

Status LocalStore::ApplyPulled(const PullResponse& batch) {
  std::lock_guard lock(mutex_);
  // A page lost to a power cut is lost with its cursor, so the next sync pulls it again.
  sql::Transaction transaction(*db_, sql::Transaction::Flush::kLater);
  if (!transaction.begun().ok()) return transaction.begun();
  if (Status same = CheckServerLocked(batch.server_id); !same.ok()) return same;
  std::vector<const Change*> changes;
  changes.reserve(batch.changes.size());
  for (const auto& entry : batch.changes) {
    // A stamp beyond the drift bound is still applied (the server accepted it) but does not
    // drag this laptop's clock forward.
    hlc_.Observe(entry.change.hlc);
    changes.push_back(&entry.change);
  }
  if (auto applied = state_.ApplyAll(changes); !applied.ok()) return applied.status();
  if (Status status = NoteLaptopsSeen(*db_, batch.changes); !status.ok()) return status;
  if (Status status = SetMeta("pull_cursor", std::to_string(batch.next_cursor)); !status.ok()) {
    return status;
  }
  return CommitKeepingClock(transaction);
}

Status LocalStore::RecordEnrollment(const Enrollment& enrollment) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto known_server = Meta("server_id");
  if (!known_server.ok()) return known_server.status();
  if (!known_server.value().empty() && known_server.value() != enrollment.server_id) {
    return Status::Error(
        ErrorKind::kInvalid,
        "enrollment refused: this laptop syncs with county database " + known_server.value() +
            " but this server has database " + enrollment.server_id +
            "; nothing was stored (enroll with the server this laptop syncs with, "
            "or ask the county office whether the server's database was replaced)");
  }
  auto scope = EnrolledScope();
  if (!scope.ok()) return scope.status();
  // The feed this laptop stepped over belonged to its old grant: with a wider or another one,
  // it reads the feed again from the start (what it holds already is a no-op to apply).
  if (scope.value().role != enrollment.role ||
      scope.value().township_id != enrollment.township_id) {
    if (Status status = SetMeta("pull_cursor", "0"); !status.ok()) return status;
  }
  for (const auto& [key, value] : {std::pair{"server_id", &enrollment.server_id},
                                   {"enrollment_token", &enrollment.token},
                                   {"enrollment_role", &enrollment.role},
                                   {"enrollment_township_id", &enrollment.township_id},
                                   {"enrollment_server_ca", &enrollment.server_ca_pem}}) {
    if (Status status = SetMeta(key, *value); !status.ok()) return status;
  }
  return transaction.Commit();
}

Result<AccessScope> LocalStore::EnrolledScope() {
  auto role = Meta("enrollment_role");
  if (!role.ok()) return role.status();
  auto township = Meta("enrollment_township_id");
  if (!township.ok()) return township.status();
  // A laptop never enrolled syncs with no server that checks roles, so nothing limits it here.
  if (role.value().empty()) return AccessScope::County();
  return AccessScope{role.value(), township.value()};
}

Result<std::optional<Enrollment>> LocalStore::ReadEnrollment() {
  std::lock_guard lock(mutex_);
  Enrollment enrollment;
  for (const auto& [key, target] : {std::pair{"enrollment_token", &enrollment.token},
                                    {"enrollment_role", &enrollment.role},
                                    {"enrollment_township_id", &enrollment.township_id},
                                    {"server_id", &enrollment.server_id},
                                    {"enrollment_server_ca", &enrollment.server_ca_pem}}) {
    auto value = Meta(key);
    if (!value.ok()) return value.status();
    *target = std::move(value).value();
  }
  if (enrollment.token.empty()) return std::optional<Enrollment>();
  return std::optional<Enrollment>(std::move(enrollment));
}

Status LocalStore::SetPerson(const std::string& staff_id) {
  if (!staff_id.empty() && !IsUuidV7(staff_id)) {
    return Status::Error("person: must be a staff record's lowercase UUIDv7 or empty");
  }
  std::lock_guard lock(mutex_);
  person_ = staff_id;
  return Status::Ok();
}

std::string LocalStore::person() {
  std::lock_guard lock(mutex_);
  return person_;
}

Status LocalStore::SetPin(const std::string& staff_id, const std::string& pin) {
  if (auto error = CheckPinForm(pin)) return Status::Error(error->ToString());
  std::lock_guard lock(mutex_);
  auto staff = LockedReader(state_).Get("staff", staff_id);
  if (!staff.ok()) return staff.status();
  if (staff.value().value(std::string(kArchivedField), false)) {
    return Status::Error("staff_id: " + staff_id + " is archived");
  }
  auto hashed = HashPin(pin);
  if (!hashed.ok()) return hashed.status();
  auto statement = db_->Prepare(
      "INSERT INTO staff_pins (staff_id, salt, hash, iterations) VALUES (?,?,?,?) ON CONFLICT "
      "(staff_id) DO UPDATE SET salt=excluded.salt, hash=excluded.hash, "
      "iterations=excluded.iterations, wrong_tries=0, last_wrong_ms=0");
  if (!statement.ok()) return statement.status();
  return statement.value()
      .Bind(1, staff_id)
      .Bind(2, hashed.value().salt)
      .Bind(3, hashed.value().hash)
      .Bind(4, static_cast<int64_t>(hashed.value().iterations))
      .Run();
}

Status LocalStore::ClearPin(const std::string& staff_id) {
  std::lock_guard lock(mutex_);
  auto statement = db_->Prepare("DELETE FROM staff_pins WHERE staff_id=?");
  if (!statement.ok()) return statement.status();
  return statement.value().Bind(1, staff_id).Run();
}

Result<bool> LocalStore::HasPin(const std::string& staff_id) {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare("SELECT 1 FROM staff_pins WHERE staff_id=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, staff_id);
  return query.value().Step();
}

Result<PinCheck> LocalStore::CheckPin(const std::string& staff_id, const std::string& pin) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto query = db_->Prepare(
      "SELECT salt, hash, iterations, wrong_tries, last_wrong_ms FROM staff_pins WHERE "
      "staff_id=?");
  if (!query.ok()) return query.status();
  auto& row = query.value();
  row.Bind(1, staff_id);
  auto found = row.Step();
  if (!found.ok()) return found.status();
  if (!found.value()) return PinCheck{PinCheck::kRight, 0};
  const PinHash stored{row.Text(0), row.Text(1), static_cast<int>(row.Int(2))};
  const int64_t wrong_tries = row.Int(3);
  const int64_t now = clock_.NowMs();
  // A clock set back does not lengthen the pause beyond its own length.
  const int64_t since = std::max<int64_t>(0, now - row.Int(4));
  if (const int64_t pause = PauseAfter(wrong_tries); since < pause) {
    return PinCheck{PinCheck::kWait, pause - since};
  }
  const bool right = PinMatches(stored, pin);
  auto update = db_->Prepare(
      right ? "UPDATE staff_pins SET wrong_tries=0, last_wrong_ms=0 WHERE staff_id=?"
            : "UPDATE staff_pins SET wrong_tries=wrong_tries+1, last_wrong_ms=? WHERE staff_id=?");
  if (!update.ok()) return update.status();
  if (right) {
    update.value().Bind(1, staff_id);
  } else {
    update.value().Bind(1, now).Bind(2, staff_id);
  }
  if (Status status = update.value().Run(); !status.ok()) return status;
  if (Status status = transaction.Commit(); !status.ok()) return status;
  if (right) return PinCheck{PinCheck::kRight, 0};
  return PinCheck{PinCheck::kWrong, PauseAfter(wrong_tries + 1)};
}

Result<SyncStatus> LocalStore::ReadSyncStatus() {
  std::lock_guard lock(mutex_);
  SyncStatus status;
  // One transport is one record with many changed fields: people count records.
  auto count = db_->Prepare(
      "SELECT (SELECT COALESCE(SUM(changes), 0) FROM outbox_records),"
      " (SELECT COUNT(*) FROM outbox_records), (SELECT COUNT(*) FROM set_aside)");
  if (!count.ok()) return count.status();
  if (auto row = count.value().Step(); !row.ok()) return row.status();
  status.pending_changes = count.value().Int(0);
  status.pending_records = count.value().Int(1);
  status.set_aside = count.value().Int(2);
  for (auto [key, target] : {std::pair{"last_sync_ms", &status.last_success_ms},
                             std::pair{"sync_failing_since_ms", &status.failing_since_ms}}) {
    auto text = Meta(key);
    if (!text.ok()) return text.status();
    auto number = ParseStoredNumber(key, text.value());
    if (!number.ok()) return number.status();
    *target = number.value();
  }
  auto last_error = Meta("last_sync_error");
  if (!last_error.ok()) return last_error.status();
  status.last_error = last_error.value();
  auto reason = Meta("last_sync_error_reason");
  if (!reason.ok()) return reason.status();
  status.last_error_reason = reason.value();
  auto kind = Meta("last_sync_error_kind");
  if (!kind.ok()) return kind.status();
  // Errors recorded before kinds were stored have none: they count as kOther.
  if (!kind.value().empty()) {
    const auto known = ErrorKindFromName(kind.value());
    if (!known) {
      return Status::Error(ErrorKind::kStorage,
                           "stored last_sync_error_kind is damaged: \"" + kind.value() + "\"");
    }
    status.last_error_kind = *known;
  }
  return status;
}

Status LocalStore::RecordLaptops(const std::vector<LaptopStatus>& laptops) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  if (Status status = db_->Execute("DELETE FROM laptops_listed"); !status.ok()) return status;
  auto insert = db_->Prepare(
      "INSERT INTO laptops_listed (device, township_id, role, enrolled_ms, last_sync_ms,"
      " set_aside, revoked_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  for (const auto& laptop : laptops) {
    sql::Statement& row = insert.value();
    row.Reset();
    row.Bind(1, laptop.device)
        .Bind(2, laptop.township_id)
        .Bind(3, laptop.role)
        .Bind(4, laptop.enrolled_ms)
        .Bind(5, laptop.last_sync_ms)
        .Bind(7, laptop.revoked_ms);
    if (laptop.set_aside)
      row.Bind(6, *laptop.set_aside);
    else
      row.BindNull(6);
    if (Status status = row.Run(); !status.ok()) return status;
  }
  if (Status status = SetMeta("laptops_listed_ms", std::to_string(clock_.NowMs())); !status.ok())
    return status;
  return transaction.Commit();
}

Result<int64_t> LocalStore::LaptopsListAgeMs() {
  std::lock_guard lock(mutex_);
  auto text = Meta("laptops_listed_ms");
  if (!text.ok()) return text.status();
  if (text.value().empty()) return INT64_MAX;
  auto listed_ms = ParseStoredNumber("laptops_listed_ms", text.value());
  if (!listed_ms.ok()) return listed_ms.status();
  return clock_.NowMs() - listed_ms.value();
}

Status LocalStore::RecordSyncOutcome(const Status& outcome) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  const std::string now = std::to_string(clock_.NowMs());
  if (outcome.ok()) {
    if (Status status = SetMeta("last_sync_ms", now); !status.ok()) return status;
    if (Status status = SetMeta("sync_failing_since_ms", ""); !status.ok()) return status;
  } else {
    auto since = Meta("sync_failing_since_ms");
    if (!since.ok()) return since.status();
    if (since.value().empty()) {
      if (Status status = SetMeta("sync_failing_since_ms", now); !status.ok()) return status;
    }
  }
  const std::string kind = outcome.ok() ? "" : std::string(ErrorKindName(outcome.kind()));
  for (const auto& [key, value] :
       {std::pair{"last_sync_error", outcome.message()}, std::pair{"last_sync_error_kind", kind},
        std::pair{"last_sync_error_reason", outcome.reason()}}) {
    if (Status status = SetMeta(key, value); !status.ok()) return status;
  }
  return transaction.Commit();
}

}  // namespace relay::edge
