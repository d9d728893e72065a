#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "relay/clock.h"
#include "relay/sqlite.h"
#include "relay/status.h"

namespace relay::server {

// One answered request or admin command as the audit log keeps it: never a token or a code.
struct AuditEntry {
  int64_t time_ms = 0;     // the server's clock when it was recorded
  std::string device;      // the token's device; the one an enrollment names; "" without either
  std::string remote;      // the client's address as the listener saw it; "" for admin commands
  std::string endpoint;    // "push", "pull", "enroll", "admin enroll" or "admin revoke"
  int status = 0;          // the HTTP status answered; an admin command: 200 done, 400 refused
  std::string error;       // the refusal's error code, e.g. "bad_request"; "" when accepted
  std::string reason;      // the refusal's message, or what an admin command did
  int64_t changes = 0;     // in the push, when its body could be read
  int64_t applied = 0;     // of an accepted push: changes new to the server
  int64_t duplicates = 0;  // of an accepted push: changes received before
};

// The server's audit log of accepted and refused requests, in the server database with its
// own connection (like DeviceRegistry), so the serving process and admin commands share the
// file. It keeps the newest max_entries entries, dropping the oldest as new ones come. Its
// commits are not flushed to disk one by one: a power cut may lose the last entries, never
// the file's consistency, and a flood of refused requests costs no disk flush each.
class AuditLog {
 public:
  static constexpr int64_t kDefaultMaxEntries = 100'000;

  // Opens the log of a server database that SqliteServerStorage::Open has migrated.
  static Result<std::unique_ptr<AuditLog>> Open(const std::string& path, Clock& clock,
                                                int64_t max_entries = kDefaultMaxEntries);

  // Stores the entry at the clock's time (its time_ms is not used), each text made one
  // printable line of bounded length, and drops the entries beyond the newest max_entries.
  Status Record(AuditEntry entry);
  // The newest entries, at most limit, newest first; only the device's unless device is "".
  Result<std::vector<AuditEntry>> Recent(int64_t limit, const std::string& device = "");

 private:
  AuditLog(std::unique_ptr<sql::Database> db, Clock& clock, int64_t max_entries)
      : db_(std::move(db)), clock_(clock), max_entries_(max_entries) {}

  std::unique_ptr<sql::Database> db_;
  Clock& clock_;
  int64_t max_entries_;
  std::mutex mutex_;  // one statement sequence at a time on the connection
};

// One entry as `relay-server admin audit` prints it, on one line: time (UTC), endpoint,
// status and error code, device, address, the push's counts (a refused one's when it had
// changes), and the reason last.
std::string FormatAuditEntry(const AuditEntry& entry);

}  // namespace relay::server
