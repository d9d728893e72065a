#pragma once

#include <map>
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
  std::string other_record_id;  // the other record the problem is about, when there is one
  std::string note;             // the rule's own sentence
};

// What the merged state now breaks in one record the county server has just received changes
// for, each problem named the same whichever of its records is checked:
// - record rules that concurrent edits broke together, the rules of a transport's legs and
//   handoffs also when the transport was received (a call moved after a leg's times);
// - a vehicle on two active transports: one "vehicle_busy" per pair of legs, naming both;
// - the same vehicle or volunteer registered twice (same plate, same mobile phone): one
//   "duplicate" per pair of records;
// - references to a record merged away ("merged_reference", naming the record it was merged
//   into), made on a laptop that had not heard of the merge, or held at the county by records
//   the merging laptop never saw;
// - records merged into each other in a loop ("merge_loop", on the loop's smallest id, naming
//   the record it points at), as two laptops merging a pair each its own way leave them;
// - a record merged into one that another laptop merged on ("merge_chain", on the first
//   alias, naming the current record at the chain's end), whose data never reached that end.
// An archived record breaks nothing else.
std::vector<Finding> CheckReceived(ReplicaState& state, const std::string& table,
                                   const std::string& record_id);

// An archive and an edit of one record made without each other ("archive_edit"), for a change
// of a push that is still the field's value once the whole push is applied:
// - an archive stamped before an edit of another device (the archiving laptop's clock would
//   have passed that edit's stamp had it seen it);
// - an edit by another device of a record that is archived, unless the same push also sets
//   `archived` (a deliberate restore or archive).
// A reference set by the device that merged the record it pointed at into the one it points
// at now is the merge's bookkeeping, never an archive_edit. stamps are the record's as
// stored (ReplicaState::StampsOf), read once by the caller for all of a record's changes.
std::optional<Finding> CheckArchiveEdit(ReplicaState& state, const Change& change,
                                        bool push_sets_archived,
                                        const std::map<std::string, FieldStamp>& stamps);

// A change, checked before it is applied, that would replace a recorded event (FieldSpec::event)
// it had seen with another value though no corrections record of that field holds the new
// value (a laptop sends the note before the value); a change that had not seen the value is a
// concurrent edit, kept as such: a "recorded_event" broken rule whose note keeps the
// value replaced. The change is merged as usual; a person decides.
std::optional<Finding> CheckEventOverwrite(ReplicaState& state, const Change& change);

}  // namespace relay
