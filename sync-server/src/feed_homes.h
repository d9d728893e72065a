#pragma once

#include <string>
#include <string_view>

#include "relay/access_scope.h"
#include "relay/replica_state.h"
#include "relay/sqlite.h"
#include "relay/status.h"

namespace relay::server {

// What the feed's home column (server migration 6) holds for the entries of a record with this
// home: the township's id, kSharedHome for reference data every laptop reads, kCountyHome for a
// record that is the county's alone. An entry not yet placed holds NULL.
inline constexpr std::string_view kSharedHome = "shared";
inline constexpr std::string_view kCountyHome = "county";
std::string FeedHome(const RecordHome& home);

// Gives every feed entry not yet placed the home of its record as the record stands now
// (RecordHomes), each record's older entries too, so a township's pull reads its entries and
// the reference data's through the index feed_by_home (home, cursor) and never looks at
// another township's. A record that is new or whose home changed brings along the records
// whose home follows it: a part stored before the record it belongs to, a conflict naming it
// as the other record. (A push that moves a record appends it and its dependents to the feed
// again, see SqliteServerStorage::Refeed, so they are among the entries placed.) Runs inside
// the caller's transaction: once per push, and once for a whole feed when the column is added.
Status PlaceFeedEntries(sql::Database& db, ReplicaState& state);

}  // namespace relay::server
