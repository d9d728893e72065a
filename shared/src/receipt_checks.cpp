#include "relay/receipt_checks.h"

#include "relay/record_rules.h"
#include "relay/schema.h"

namespace relay {
namespace {

bool Archived(const nlohmann::json& record) {
  const auto found = record.find(std::string(kArchivedField));
  return found != record.end() && found->is_boolean() && found->get<bool>();
}

// The field that identifies a registration: two current records holding the same value are
// the same vehicle or person registered twice.
std::string IdentityField(const std::string& table) {
  if (table == "vehicles") return "plate";
  if (table == "volunteers") return "phone";
  return "";
}

}  // namespace

std::vector<Finding> CheckReceived(ReplicaState& state, const std::string& table,
                                   const std::string& record_id) {
  std::vector<Finding> findings;
  const TableSpec* spec = FindTable(table);
  auto record = state.Record(table, record_id);
  if (!spec || !record.ok() || !record.value()) return findings;
  ReplicaLookup lookup(state);

  // The merge itself: records that pointed at this one on the county before the merge reached
  // it were not moved by the merging laptop, which had not seen them.
  if (const auto into = record.value()->find("merged_into");
      into != record.value()->end() && into->is_string()) {
    for (const auto& other : SchemaTables()) {
      for (const auto& field : other.fields) {
        if (field.references != table || field.name == "merged_into") continue;
        for (const auto& pointing : lookup.FindWhere(other.name, field.name, record_id)) {
          if (Archived(pointing)) continue;
          findings.push_back(
              {"broken_rule", other.name, pointing.value("id", ""), field.name, "merged_reference",
               into->get<std::string>(),
               "points at " + record_id + ", merged into " + into->get<std::string>()});
        }
      }
    }
  }

  if (Archived(*record.value())) return findings;
  for (const FieldError& error : CheckRecord(*spec, *record.value(), lookup)) {
    // A reference to a record the county lacks comes from a laptop that has it: no decision.
    if (error.rule == "reference") continue;
    findings.push_back(
        {"broken_rule", table, record_id, error.field, error.rule, "", error.message});
  }

  // A reference made, on a laptop that had not heard yet, to a record since merged away.
  for (const auto& field : spec->fields) {
    const auto target = record.value()->find(field.name);
    if (field.references.empty() || field.name == "merged_into" ||
        target == record.value()->end() || !target->is_string()) {
      continue;
    }
    const auto referenced = lookup.Find(field.references, target->get<std::string>());
    if (!referenced || !referenced->contains("merged_into")) continue;
    const std::string into = referenced->value("merged_into", "");
    findings.push_back({"broken_rule", table, record_id, field.name, "merged_reference", into,
                        "points at " + target->get<std::string>() + ", merged into " + into});
  }

  const std::string identity = IdentityField(table);
  const auto value = record.value()->find(identity);
  if (identity.empty() || value == record.value()->end() || !value->is_string()) return findings;
  for (const auto& other : lookup.FindWhere(table, identity, value->get<std::string>())) {
    const std::string other_id = other.value("id", "");
    if (other_id == record_id || Archived(other)) continue;
    findings.push_back(
        {"duplicate", table, record_id, identity, "", other_id,
         identity + " " + value->get<std::string>() + " is also on record " + other_id});
  }
  return findings;
}

std::optional<Finding> CheckArchiveEdit(ReplicaState& state, const Change& change,
                                        bool push_sets_archived) {
  const std::string archived(kArchivedField);
  auto stamps = state.StampsOf(change.table, change.record_id);
  if (!stamps.ok()) return std::nullopt;
  if (change.field == archived) {
    if (change.value != true) return std::nullopt;
    for (const auto& [field, stamp] : stamps.value()) {
      // A laptop's clock moves past every stamp it receives, so an edit stamped after the
      // archive cannot have been on the archiving laptop.
      if (field == archived || stamp.device == change.device || !(change.hlc < stamp.hlc)) {
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
  if (push_sets_archived) return std::nullopt;
  auto record = state.Record(change.table, change.record_id);
  const auto archive = stamps.value().find(archived);
  if (!record.ok() || !record.value() || !Archived(*record.value()) ||
      archive == stamps.value().end() || archive->second.device == change.device) {
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

}  // namespace relay
