#pragma once

#include <span>
#include <string>

#include "relay/sqlite.h"

namespace relay {

// Runs the numbered migrations a database has not had yet, inside the caller's transaction:
// entry i moves PRAGMA user_version from i to i+1. A database newer than the list is refused
// with a message that names the program to upgrade.
Status ApplyMigrations(sql::Database& db, std::span<const char* const> migrations,
                       const std::string& program);

}  // namespace relay
