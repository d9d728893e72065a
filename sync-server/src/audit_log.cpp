#include "audit_log.h"

#include "relay/text.h"
#include "relay/validation.h"

namespace relay::server {
namespace {

// Texts come from requests (a claimed device id, a table name quoted in a refusal): each is
// cut to a bound and kept to one printable line, so an entry is one line of the listing.
constexpr size_t kIdChars = 64;
constexpr size_t kReasonChars = 300;

}  // namespace

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& path, Clock& clock,
                                                 int64_t max_entries) {
  if (max_entries < 1) return Status::Error("the audit log must keep at least one entry");
  auto db = sql::Database::Open(path);
  if (!db.ok()) return db.status();
  // An entry is worth less than a disk flush per refused request; WAL keeps the file whole.
  if (Status status = db.value()->Execute("PRAGMA synchronous=NORMAL"); !status.ok()) return status;
  auto table = db.value()->Prepare("SELECT 1 FROM audit_log LIMIT 1");
  if (!table.ok())
    return Status::Error(path + ": has no audit log (" + table.status().message() + ")");
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(db).value(), clock, max_entries));
}

Status AuditLog::Record(AuditEntry entry) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto insert = db_->Prepare(
      "INSERT INTO audit_log (time_ms, device, remote, endpoint, status, error, reason, "
      "changes, applied, duplicates) VALUES (?,?,?,?,?,?,?,?,?,?)");
  if (!insert.ok()) return insert.status();
  insert.value()
      .Bind(1, clock_.NowMs())
      .Bind(2, ToDisplayableText(entry.device, kIdChars))
      .Bind(3, ToDisplayableText(entry.remote, kIdChars))
      .Bind(4, ToDisplayableText(entry.endpoint, kIdChars))
      .Bind(5, static_cast<int64_t>(entry.status))
      .Bind(6, ToDisplayableText(entry.error, kIdChars))
      .Bind(7, ToDisplayableText(entry.reason, kReasonChars))
      .Bind(8, entry.changes)
      .Bind(9, entry.applied)
      .Bind(10, entry.duplicates);
  if (Status status = insert.value().Run(); !status.ok()) return status;
  // Ids only grow (the newest row is never deleted), so the newest max_entries are a range.
  auto prune =
      db_->Prepare("DELETE FROM audit_log WHERE id <= (SELECT MAX(id) FROM audit_log) - ?");
  if (!prune.ok()) return prune.status();
  if (Status status = prune.value().Bind(1, max_entries_).Run(); !status.ok()) return status;
  return transaction.Commit();
}

Result<std::vector<AuditEntry>> AuditLog::Recent(int64_t limit, const std::string& device) {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT time_ms, device, remote, endpoint, status, error, reason, changes, applied, "
      "duplicates FROM audit_log WHERE ?1 = '' OR device = ?1 ORDER BY id DESC LIMIT ?2");
  if (!query.ok()) return query.status();
  auto& statement = query.value();
  statement.Bind(1, device).Bind(2, limit);
  std::vector<AuditEntry> entries;
  for (;;) {
    auto row = statement.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    entries.push_back({statement.Int(0), statement.Text(1), statement.Text(2), statement.Text(3),
                       static_cast<int>(statement.Int(4)), statement.Text(5), statement.Text(6),
                       statement.Int(7), statement.Int(8), statement.Int(9)});
  }
  return entries;
}

std::string FormatAuditEntry(const AuditEntry& entry) {
  std::string line = FormatUtcTime(entry.time_ms / 1000) + " " + entry.endpoint + " " +
                     std::to_string(entry.status);
  if (!entry.error.empty()) line += " " + entry.error;
  line += " device=" + (entry.device.empty() ? std::string("-") : entry.device);
  if (!entry.remote.empty()) line += " from=" + entry.remote;
  // A refused push's body may not have been read (a 401, a 413): no count is no count.
  if (entry.endpoint == "push" && entry.status == 200) {
    line += " changes=" + std::to_string(entry.changes) +
            " applied=" + std::to_string(entry.applied) +
            " duplicates=" + std::to_string(entry.duplicates);
  } else if (entry.changes > 0) {
    line += " changes=" + std::to_string(entry.changes);
  }
  if (!entry.reason.empty()) line += " reason: " + entry.reason;
  return line;
}

}  // namespace relay::server
