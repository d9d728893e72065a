#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "relay/status.h"

namespace relay::sql {

class Statement;

// One SQLite connection, opened with WAL, foreign keys on and full fsync on commit, so a
// committed transaction survives a killed process or a power cut (unless it was begun with
// Transaction::Flush::kLater).
class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  Status Execute(std::string_view sql);
  // A statement for sql, reusing one of the same text finished earlier when there is one.
  Result<Statement> Prepare(std::string_view sql);
  // The virtual machine steps of this connection's prepared statements so far, each counted
  // when its holder is done with it (SQLITE_STMTSTATUS_VM_STEP): the work a call did, the same
  // on any machine, for tests and benchmarks.
  int64_t VmSteps();

 private:
  friend class Statement;
  // A finished statement kept for the next Prepare of its text.
  struct IdleStatement {
    std::string_view sql;  // the statement's own text (sqlite3_sql), alive as long as it is
    sqlite3_stmt* stmt;
  };
  explicit Database(sqlite3* handle) : handle_(handle) {}
  // Takes back a statement its holder is done with: reset, unbound and kept, or finalized
  // when the least recently finished would be over the limit.
  void Recycle(sqlite3_stmt* stmt);

  sqlite3* handle_;
  std::mutex idle_mutex_;            // the connection is shared by the server's request threads
  std::vector<IdleStatement> idle_;  // least recently finished first
  int64_t vm_steps_ = 0;             // guarded by idle_mutex_
};

// A prepared statement; bind with 1-based indexes, step, read columns with 0-based ones.
class Statement {
 public:
  Statement(Statement&& other) noexcept : owner_(other.owner_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, int64_t number);
  Statement& BindNull(int index);
  Statement& BindBlob(int index, std::string_view bytes);
  // Steps once: true with a row to read, false when done; an error is a Status.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();
  void Reset();

  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const;
  // The column's bytes, for a BLOB as for TEXT; empty for NULL.
  std::string_view Bytes(int column) const;

 private:
  friend class Database;
  Statement(Database& owner, sqlite3_stmt* stmt) : owner_(&owner), stmt_(stmt) {}
  Database* owner_;
  sqlite3_stmt* stmt_;
};

// A write transaction (BEGIN IMMEDIATE) that rolls back unless Commit() succeeds.
class Transaction {
 public:
  // kOnCommit: Commit() returns once the transaction is on disk. kLater: it returns before;
  // a power cut may lose the transaction, and then nothing committed after it (WAL keeps
  // commits in order, and the next flushed commit flushes this one too), for work that is
  // done again when lost, such as a pulled page with the cursor that covers it.
  enum class Flush { kOnCommit, kLater };
  explicit Transaction(Database& db, Flush flush = Flush::kOnCommit);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& begun() const { return begun_; }
  Status Commit();

 private:
  // Puts the connection back to flushing every commit.
  void RestoreFlush();

  Database& db_;
  Flush flush_;
  Status begun_;
  bool open_ = false;
};

// A read transaction: every read inside it sees one snapshot of the database, whatever other
// connections commit meanwhile, and takes no lock that would hold a writer back.
class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

  const Status& begun() const { return begun_; }

 private:
  Database& db_;
  Status begun_;
};

}  // namespace relay::sql
