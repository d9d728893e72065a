#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/receipt_checks.h"
#include "relay/replica_state.h"

namespace relay {

// False for the bookkeeping of a settlement (who settled and when), whose concurrent writes
// are no one's loss: the county records no conflict for them.
bool TracksConcurrentWrites(const std::string& table, const std::string& field);

// The fields of the open `conflicts` record that keeps a concurrent write for a person to
// decide: both values as JSON text, who wrote each and their stamps, found at detected_ms.
nlohmann::json ConflictRecord(const ConcurrentWrite& write, int64_t detected_ms);
// The fields of such a record that hold the two writes (kept_* and lost_*).
nlohmann::json ConcurrentSides(const ConcurrentWrite& write);
// The fields of the open `conflicts` record for a broken rule or a duplicate registration.
nlohmann::json ConflictRecord(const Finding& finding, int64_t detected_ms);

// True when an existing conflicts record already reports this finding: an archive_edit while
// an open one exists for the same record; any other problem once ever, open or settled, per
// table, rule, field and pair of records either way round (so one double booking, duplicate
// pair or merge loop is one record whichever of its records is checked).
bool AlreadyReported(const Finding& finding, const std::vector<nlohmann::json>& conflicts);

// The id of the open concurrent_edit record, among conflicts, whose lost value the change's
// own device replaced with this change having seen it (the change's `seen` is that value's
// stamp): that value is no one's loss, so the record should hold the change's own concurrent
// write instead of a new record being made. Nullopt when there is none.
std::optional<std::string> RecordOfOwnReplacedLoss(const Change& change,
                                                   const std::vector<nlohmann::json>& conflicts);

// The fields that close an open archive_edit record because restored_by restored the record
// having seen the archive, which answers what the record asks; kept is the field's value now.
nlohmann::json SettledByRestore(const nlohmann::json& kept, const std::string& restored_by,
                                const std::string& settled_by, int64_t now_ms);

}  // namespace relay
