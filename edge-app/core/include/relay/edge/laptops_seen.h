#pragma once

#include <vector>

#include "relay/protocol.h"
#include "relay/sqlite.h"
#include "relay/status.h"

namespace relay::edge {

// The laptops whose changes this replica pulled, with the newest change of each and the
// township of the newest pickup gacha or vehicle township it set (table laptops_seen), kept
// with every pull so the county's report tells which townships have gone quiet without
// scanning every field.

// Creates the table and fills it from the merged data once (a database from before it).
Status EnsureLaptopsSeen(sql::Database& db);
// Notes a pulled batch, inside the transaction that applies it.
Status NoteLaptopsSeen(sql::Database& db, const std::vector<FeedChange>& changes);

}  // namespace relay::edge
