#include "relay/receipt_checks.h"

#include <algorithm>

#include "relay/record_rules.h"
#include "relay/schema.h"

namespace relay {
namespace {

constexpr const char* kMergedInto = "merged_into";

bool Archived(const nlohmann::json& record) {
  const auto found = record.find(std::string(kArchivedField));
  return found != record.end() && found->is_boolean() && found->get<bool>();
}

// The text of a set field, or "" when it is absent.
std::string TextOf(const nlohmann::json& record, const std::string& field) {
  const auto found = record.find(field);
  return found != record.end() && found->is_string() ? found->get<std::string>() : "";
}

// The field that identifies a registration: two current records holding the same value are
// the same vehicle or person registered twice.
std::string IdentityField(const std::string& table) {
  if (table == "vehicles") return "plate";
  if (table == "volunteers") return "phone";
  return "";
}

bool ActiveTransport(RecordLookup& lookup, const std::string& id) {
  const auto transport = lookup.Find("transports", id);
  return transport && !Archived(*transport) && TextOf(*transport, "transport_state") != "closed";
}

// One finding per other current leg of the leg's vehicle on another active transport, as the
// rule "vehicle_busy" decides (record_rules.cpp), which names only the first transport.
void AddDoubleBookings(const nlohmann::json& leg, RecordLookup& lookup,
                       std::vector<Finding>* findings) {
  const std::string vehicle = TextOf(leg, "vehicle_id");
  const std::string transport = TextOf(leg, "transport_id");
  if (vehicle.empty() || !ActiveTransport(lookup, transport)) return;
  for (const auto& other : lookup.FindWhere("transport_legs", "vehicle_id", vehicle)) {
    const std::string other_transport = TextOf(other, "transport_id");
    if (other_transport == transport || Archived(other) ||
        !ActiveTransport(lookup, other_transport)) {
      continue;
    }
    findings->push_back({"broken_rule", "transport_legs", TextOf(leg, "id"), "vehicle_id",
                         "vehicle_busy", TextOf(other, "id"),
                         "this vehicle is also on active transport " + other_transport + " (leg " +
                             TextOf(other, "id") + ")"});
  }
}

// The record rules a current record breaks.
void AddBrokenRules(const TableSpec& spec, const nlohmann::json& record, RecordLookup& lookup,
                    std::vector<Finding>* findings) {
  if (Archived(record)) return;
  for (const FieldError& error : CheckRecord(spec, record, lookup)) {
    // A reference to a record the county lacks comes from a laptop that has it: no decision.
    if (error.rule == "reference") continue;
    // A double booking is reported per pair of legs, and a transport's rules about its legs
    // and handoffs (before_call, vehicle_busy) on those parts: one problem, one record.
    if (error.rule == "vehicle_busy" || (spec.name == "transports" && error.rule == "before_call"))
      continue;
    findings->push_back({"broken_rule", spec.name, TextOf(record, "id"), error.field, error.rule,
                         "", error.message});
  }
  if (spec.name == "transport_legs") AddDoubleBookings(record, lookup, findings);
}

// The records of the merged_into chain from the record when it leads back to the record,
// starting from the smallest id so that every record of the loop names it the same; else
// empty.
std::vector<std::string> MergeLoop(RecordLookup& lookup, const std::string& table,
                                   const nlohmann::json& record) {
  std::vector<std::string> chain = {TextOf(record, "id")};
  for (std::string next = TextOf(record, kMergedInto); !next.empty();) {
    if (next == chain.front()) {
      std::rotate(chain.begin(), std::min_element(chain.begin(), chain.end()), chain.end());
      return chain;
    }
    // A loop further on, that this record only leads into, is found from its own records.
    if (std::find(chain.begin(), chain.end(), next) != chain.end()) return {};
    chain.push_back(next);
    const auto found = lookup.Find(table, next);
    next = found ? TextOf(*found, kMergedInto) : "";
  }
  return {};
}

// The current record at the end of the merged_into chain that starts beyond the record's own
// merged_into, when that chain is longer than one step and has no loop; else empty.
std::string MergeChainEnd(RecordLookup& lookup, const std::string& table,
                          const nlohmann::json& record) {
  std::vector<std::string> seen = {TextOf(record, "id"), TextOf(record, kMergedInto)};
  for (;;) {
    const auto found = lookup.Find(table, seen.back());
    const std::string next = found ? TextOf(*found, kMergedInto) : "";
    if (next.empty()) return seen.size() > 2 ? seen.back() : "";
    if (std::find(seen.begin(), seen.end(), next) != seen.end()) return "";  // a merge_loop
    seen.push_back(next);
  }
}

// An alias whose record was merged on elsewhere: its data never reached the chain's end.
Finding MergeChain(const std::string& table, const nlohmann::json& alias, const std::string& end) {
  return {"broken_rule",
          table,
          TextOf(alias, "id"),
          kMergedInto,
          "merge_chain",
          end,
          "merged into " + TextOf(alias, kMergedInto) + ", itself merged on into " + end};
}

// True when the reference field's value was set by the device that then merged the record it
// pointed at into this one: a move the merge made (MergeRecords writes the moves first and
// the alias after them), which nobody has to decide.
bool MovedByMerge(ReplicaState& state, const TableSpec& spec, const std::string& field,
                  const nlohmann::json& value, const FieldStamp& stamp) {
  const FieldSpec* reference = spec.Field(field);
  const TableSpec* target = reference ? FindTable(reference->references) : nullptr;
  if (!target || !target->Field(kMergedInto) || field == kMergedInto || !value.is_string())
    return false;
  ReplicaLookup lookup(state);
  for (const auto& alias : lookup.FindWhere(reference->references, kMergedInto, value)) {
    auto merged = state.StampOf(reference->references, TextOf(alias, "id"), kMergedInto);
    if (merged.ok() && merged.value() && merged.value()->device == stamp.device &&
        !(merged.value()->hlc < stamp.hlc)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Finding> CheckReceived(ReplicaState& state, const std::string& table,
                                   const std::string& record_id) {
  std::vector<Finding> findings;
  const TableSpec* spec = FindTable(table);
  auto record = state.Record(table, record_id);
  if (!spec || !record.ok() || !record.value()) return findings;
  ReplicaLookup lookup(state);

  if (const std::string into = TextOf(*record.value(), kMergedInto); !into.empty()) {
    // The merge itself: records that pointed at this one on the county before the merge
    // reached it were not moved by the merging laptop, which had not seen them.
    for (const auto& other : SchemaTables()) {
      for (const auto& field : other.fields) {
        if (field.references != table || field.name == kMergedInto) continue;
        for (const auto& pointing : lookup.FindWhere(other.name, field.name, record_id)) {
          if (Archived(pointing)) continue;
          findings.push_back({"broken_rule", other.name, TextOf(pointing, "id"), field.name,
                              "merged_reference", into,
                              "points at " + record_id + ", merged into " + into});
        }
      }
    }
    // Merged into a record merged on elsewhere, or merged on while aliases still name it.
    if (const std::string end = MergeChainEnd(lookup, table, *record.value()); !end.empty()) {
      findings.push_back(MergeChain(table, *record.value(), end));
    }
    for (const auto& alias : lookup.FindWhere(table, kMergedInto, record_id)) {
      if (const std::string end = MergeChainEnd(lookup, table, alias); !end.empty()) {
        findings.push_back(MergeChain(table, alias, end));
      }
    }
    if (const auto loop = MergeLoop(lookup, table, *record.value()); !loop.empty()) {
      std::string note = "merged into each other, none kept: ";
      for (const auto& id : loop)
        note += id + " → ";
      findings.push_back({"broken_rule", table, loop[0], kMergedInto, "merge_loop",
                          loop[1 % loop.size()], note + loop[0]});
    }
  }

  if (Archived(*record.value())) return findings;
  AddBrokenRules(*spec, *record.value(), lookup, &findings);
  if (table == "transports") {
    for (const char* part : {"transport_legs", "handoffs"}) {
      for (const auto& received : lookup.FindWhere(part, "transport_id", record_id))
        AddBrokenRules(*FindTable(part), received, lookup, &findings);
    }
  }

  // A reference made, on a laptop that had not heard yet, to a record since merged away.
  for (const auto& field : spec->fields) {
    const std::string target = TextOf(*record.value(), field.name);
    if (field.references.empty() || field.name == kMergedInto || target.empty()) continue;
    const auto referenced = lookup.Find(field.references, target);
    if (!referenced || !referenced->contains(kMergedInto)) continue;
    const std::string into = TextOf(*referenced, kMergedInto);
    findings.push_back({"broken_rule", table, record_id, field.name, "merged_reference", into,
                        "points at " + target + ", merged into " + into});
  }

  const std::string identity = IdentityField(table);
  const std::string value = identity.empty() ? "" : TextOf(*record.value(), identity);
  if (value.empty()) return findings;
  for (const auto& other : lookup.FindWhere(table, identity, value)) {
    const std::string other_id = TextOf(other, "id");
    if (other_id == record_id || Archived(other)) continue;
    findings.push_back({"duplicate", table, record_id, identity, "", other_id,
                        identity + " " + value + " is also on record " + other_id});
  }
  return findings;
}

std::optional<Finding> CheckArchiveEdit(ReplicaState& state, const Change& change,
                                        bool push_sets_archived,
                                        const std::map<std::string, FieldStamp>& stamps) {
  const std::string archived(kArchivedField);
  const TableSpec* spec = FindTable(change.table);
  if (!spec || (change.field == archived && change.value != true)) return std::nullopt;
  const auto archive = stamps.find(archived);
  // An edit of a record never archived, or archived by its own device, needs no more reading:
  // most of a push.
  if (change.field != archived &&
      (push_sets_archived || archive == stamps.end() || archive->second.device == change.device)) {
    return std::nullopt;
  }
  auto record = state.Record(change.table, change.record_id);
  if (!record.ok() || !record.value()) return std::nullopt;
  if (change.field == archived) {
    for (const auto& [field, stamp] : stamps) {
      // A laptop's clock moves past every stamp it receives, so an edit stamped after the
      // archive cannot have been on the archiving laptop.
      if (field == archived || stamp.device == change.device || !(change.hlc < stamp.hlc)) {
        continue;
      }
      const auto value = record.value()->find(field);
      if (value != record.value()->end() && MovedByMerge(state, *spec, field, *value, stamp)) {
        continue;
      }
      return Finding{"archive_edit",
                     change.table,
                     change.record_id,
                     field,
                     "",
                     "",
                     "archived by " + change.device + " without seeing the edit of " + field +
                         " by " + stamp.device};
    }
    return std::nullopt;
  }
  if (!Archived(*record.value()) ||
      MovedByMerge(state, *spec, change.field, change.value, change.stamp())) {
    return std::nullopt;
  }
  return Finding{"archive_edit",
                 change.table,
                 change.record_id,
                 change.field,
                 "",
                 "",
                 change.field + " edited by " + change.device + " after " + archive->second.device +
                     " archived the record"};
}

std::optional<Finding> CheckEventOverwrite(ReplicaState& state, const Change& change) {
  const TableSpec* spec = FindTable(change.table);
  const FieldSpec* field = spec ? spec->Field(change.field) : nullptr;
  if (!field || !field->event) return std::nullopt;
  auto stamp = state.StampOf(change.table, change.record_id, change.field);
  auto record = state.Record(change.table, change.record_id);
  if (!stamp.ok() || !record.ok() || !stamp.value() || !record.value()) return std::nullopt;
  // A write made without seeing the value it beats is a concurrent edit, kept as such.
  if (!Supersedes(change.stamp(), *stamp.value()) || change.seen != stamp.value()->hlc) {
    return std::nullopt;
  }
  const auto recorded = record.value()->find(change.field);
  if (recorded == record.value()->end() || recorded->is_null() || *recorded == change.value) {
    return std::nullopt;
  }
  RecordQuery query;
  query.where_field = "record_id";
  query.where_value = change.record_id;
  auto corrections = state.Records("corrections", query);
  if (!corrections.ok()) return std::nullopt;
  const std::string value = change.value.dump();
  for (const auto& correction : corrections.value()) {
    if (correction.value("table_name", "") == change.table &&
        correction.value("field_name", "") == change.field &&
        correction.value("value", "") == value) {
      return std::nullopt;
    }
  }
  return Finding{"broken_rule",
                 change.table,
                 change.record_id,
                 change.field,
                 "recorded_event",
                 "",
                 "recorded as " + recorded->dump() + ", overwritten by " + change.device +
                     " without a correction"};
}

}  // namespace relay
