#pragma once

#include <optional>
#include <string>
#include <vector>

#include "relay/replica_state.h"

namespace relay {

// Something a merge cannot keep, for a person to decide.
struct Finding {
  std::string kind;  // "broken_rule", "duplicate" or "archive_edit"
  std::string table;
  std::string record_id;
  std::string field;
  std::string rule;             // for broken_rule: the record rule, e.g. "vehicle_busy"
  std::string other_record_id;  // duplicate: the other record; merged_reference: the merge's
  std::string note;             // the rule's own sentence
};

// What the merged state now breaks in one record the county server has just received changes
// for: record rules that concurrent edits broke together (a vehicle on two active transports,
// times out of order), and the same vehicle or volunteer registered twice by two laptops
// (same plate, same mobile phone), and references to a record merged away (rule
// "merged_reference", naming the record it was merged into): made meanwhile on a laptop that
// had not heard of the merge, or held at the county by records the merging laptop never saw.
// An archived record breaks nothing itself.
std::vector<Finding> CheckReceived(ReplicaState& state, const std::string& table,
                                   const std::string& record_id);

// An archive and an edit of one record made without each other ("archive_edit"), found when
// the county server has applied change: an archive stamped before an edit of another device
// it was applied after (the archiving laptop cannot have seen an edit stamped later than its
// own clock), or an edit by another device of a record already archived, unless the same push
// also sets `archived` (a deliberate restore).
std::optional<Finding> CheckArchiveEdit(ReplicaState& state, const Change& change,
                                        bool push_sets_archived);

}  // namespace relay
