#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <vector>

#include "relay/receipt_checks.h"
#include "relay/replica_state.h"

namespace relay {

// False for the bookkeeping of a settlement (who settled and when), whose concurrent writes
// are no one's loss: the county records no conflict for them.
bool TracksConcurrentWrites(const std::string& table, const std::string& field);

// The fields of the open `conflicts` record that keeps a concurrent write for a person to
// decide: both values as JSON text, who wrote each and their stamps, found at detected_ms.
nlohmann::json ConflictRecord(const ConcurrentWrite& write, int64_t detected_ms);
// The fields of the open `conflicts` record for a broken rule or a duplicate registration.
nlohmann::json ConflictRecord(const Finding& finding, int64_t detected_ms);
// True when an existing conflicts record already reports this finding: a duplicate pair
// decided once (either way round, open or settled), a broken rule still open, or an open
// archive_edit of the same record.
bool AlreadyReported(const Finding& finding, const std::vector<nlohmann::json>& conflicts);

}  // namespace relay
