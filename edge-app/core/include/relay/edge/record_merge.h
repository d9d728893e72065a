#pragma once

#include <string>

#include "relay/edge/local_store.h"
#include "relay/status.h"

namespace relay::edge {

// Merges a duplicate record into the one that stays, as one set of ordinary changes that sync
// and converge: every reference to `from` moves to `into`, fields `into` lacks are filled
// from `from`, and `from` stays as an archived alias with merged_into = into. Open duplicate
// conflicts between the two are settled with the reason. Only tables with a merged_into field
// (vehicles, volunteers) can be merged; nothing is stored when anything is refused, and
// field_errors names an empty "reason" (of conflicts).
Status MergeRecords(LocalStore& store, const std::string& table, const std::string& from,
                    const std::string& into, const std::string& reason, int64_t now_ms,
                    PutError* field_errors = nullptr);

}  // namespace relay::edge
