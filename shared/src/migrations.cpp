#include "relay/migrations.h"

namespace relay {

Status ApplyMigrations(sql::Database& db, std::span<const char* const> migrations,
                       const std::string& program) {
  auto version_query = db.Prepare("PRAGMA user_version");
  if (!version_query.ok()) return version_query.status();
  if (auto row = version_query.value().Step(); !row.ok()) return row.status();
  const auto version = static_cast<size_t>(version_query.value().Int(0));
  if (version > migrations.size()) {
    return Status::Error("database is from a newer " + program + " (store version " +
                         std::to_string(version) + "); install that release");
  }
  for (size_t next = version; next < migrations.size(); ++next) {
    if (Status status = db.Execute(migrations[next]); !status.ok()) return status;
  }
  return db.Execute("PRAGMA user_version=" + std::to_string(migrations.size()));
}

}  // namespace relay
