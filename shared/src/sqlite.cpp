#include "relay/sqlite.h"

#include <iterator>
#include <memory>

namespace relay::sql {
namespace {

// Finished statements kept per connection: enough for every statement of a put, a push or a
// pull to be parsed once, while statements built for one search do not pile up.
constexpr size_t kIdleStatements = 64;

// SQLite's count of the memory it holds takes a process-wide lock on every allocation; no one
// reads the count, and the lock was a tenth of a busy server's time. Must precede SQLite's
// initialisation, so it runs before the first connection opens.
void StopCountingMemory() {
  static const bool stopped = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)stopped;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  StopCountingMemory();
  sqlite3* handle = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
    std::string message = handle ? sqlite3_errmsg(handle) : "out of memory";
    sqlite3_close(handle);
    return Status::Error(ErrorKind::kStorage, "cannot open database " + path + ": " + message);
  }
  std::unique_ptr<Database> db(new Database(handle));
  sqlite3_busy_timeout(handle, 5000);
  // WAL with synchronous=FULL fsyncs the log on every commit: acknowledged means on disk.
  Status pragmas =
      db->Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  if (!pragmas.ok())
    return Status::Error(ErrorKind::kStorage,
                         "cannot configure database " + path + ": " + pragmas.message());
  return db;
}

Database::~Database() {
  for (const auto& idle : idle_)
    sqlite3_finalize(idle.stmt);
  sqlite3_close_v2(handle_);
}

Status Database::Execute(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::Error(ErrorKind::kStorage, message);
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  {
    std::lock_guard lock(idle_mutex_);
    for (auto idle = idle_.rbegin(); idle != idle_.rend(); ++idle) {
      if (idle->sql != sql) continue;
      sqlite3_stmt* stmt = idle->stmt;
      idle_.erase(std::next(idle).base());
      return Statement(*this, stmt);
    }
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return Status::Error(ErrorKind::kStorage,
                         std::string("cannot prepare SQL: ") + sqlite3_errmsg(handle_));
  }
  return Statement(*this, stmt);
}

int64_t Database::VmSteps() {
  std::lock_guard lock(idle_mutex_);
  return vm_steps_;
}

void Database::Recycle(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  const int steps = sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 1);
  std::lock_guard lock(idle_mutex_);
  vm_steps_ += steps;
  idle_.push_back({sqlite3_sql(stmt), stmt});
  if (idle_.size() > kIdleStatements) {
    sqlite3_finalize(idle_.front().stmt);
    idle_.erase(idle_.begin());
  }
}

Statement::~Statement() {
  if (stmt_) owner_->Recycle(stmt_);
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, int64_t number) {
  sqlite3_bind_int64(stmt_, index, number);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

std::string_view Statement::Bytes(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  return bytes ? std::string_view(static_cast<const char*>(bytes),
                                  static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
               : std::string_view();
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Status::Error(ErrorKind::kStorage,
                       std::string("SQL step failed: ") + sqlite3_errmsg(owner_->handle_));
}

Status Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, sqlite3_column_bytes(stmt_, column)) : std::string();
}

Transaction::Transaction(Database& db, Flush flush)
    // SQLite takes the safety level only outside a transaction.
    : db_(db),
      flush_(flush),
      begun_(flush == Flush::kLater ? db.Execute("PRAGMA synchronous=NORMAL") : Status::Ok()) {
  if (begun_.ok()) begun_ = db_.Execute("BEGIN IMMEDIATE");
  open_ = begun_.ok();
}

Transaction::~Transaction() {
  if (open_) db_.Execute("ROLLBACK");
  RestoreFlush();
}

Status Transaction::Commit() {
  if (!open_)
    return begun_.ok() ? Status::Error(ErrorKind::kStorage, "transaction already finished")
                       : begun_;
  Status status = db_.Execute("COMMIT");
  open_ = !status.ok();
  if (status.ok()) RestoreFlush();
  return status;
}

void Transaction::RestoreFlush() {
  if (flush_ == Flush::kLater) db_.Execute("PRAGMA synchronous=FULL");
  flush_ = Flush::kOnCommit;
}

ReadTransaction::ReadTransaction(Database& db) : db_(db), begun_(db.Execute("BEGIN DEFERRED")) {}

ReadTransaction::~ReadTransaction() {
  if (begun_.ok()) db_.Execute("COMMIT");
}

}  // namespace relay::sql
