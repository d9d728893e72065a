#include "relay/edge/record_merge.h"

#include "relay/schema.h"
#include "relay/text.h"
#include "relay/validation.h"

namespace relay::edge {
namespace {

constexpr const char* kMergedInto = "merged_into";

bool IsSet(const nlohmann::json& record, const std::string& field) {
  const auto found = record.find(field);
  return found != record.end() && !found->is_null();
}

}  // namespace

Status MergeRecords(LocalStore& store, const std::string& table, const std::string& from,
                    const std::string& into, const std::string& reason, int64_t now_ms,
                    PutError* field_errors) {
  const TableSpec* spec = FindTable(table);
  if (!spec || !spec->Field(kMergedInto)) {
    return Status::Error("table: " + table + " records cannot be merged");
  }
  if (from == into) return Status::Error("into: must be another record than the one merged");
  if (Trimmed(reason).empty()) {
    const FieldError missing{"reason", "required", "must say why the two records are one"};
    if (field_errors) *field_errors = PutError{{missing}};
    return Status::Error(missing.ToString());
  }
  // Read and written in one transaction, so a record a pull changes meanwhile is not
  // overwritten as if the merge had seen it.
  auto stored = store.PutPlanned([&](RecordReader& records) -> Result<std::vector<TableEdit>> {
    auto duplicate = records.Get(table, from);
    if (!duplicate.ok()) return duplicate.status();
    if (IsSet(duplicate.value(), kMergedInto)) {
      return Status::Error("from: " + from + " was merged already, into " +
                           duplicate.value()[kMergedInto].get<std::string>());
    }
    auto kept = records.Get(table, into);
    if (!kept.ok()) return kept.status();
    if (IsSet(kept.value(), kMergedInto) || kept.value().value("archived", false)) {
      return Status::Error("into: " + into +
                           " is archived or merged itself; merge into a current record");
    }

    std::vector<TableEdit> edits;
    // References first, so no record is left pointing at the alias.
    for (const auto& other : SchemaTables()) {
      for (const auto& field : other.fields) {
        if (field.references != table || field.name == kMergedInto) continue;
        auto pointing = records.ListWhere(other.name, field.name, from);
        if (!pointing.ok()) return pointing.status();
        for (const auto& record : pointing.value()) {
          edits.push_back({other.name, {{"id", record["id"]}, {field.name, into}}});
        }
      }
    }
    nlohmann::json filled = {{"id", into}};
    for (const auto& field : spec->fields) {
      const std::string& name = field.name;
      if (name == kMergedInto || name == kArchivedField) continue;
      if (IsSet(duplicate.value(), name) && !IsSet(kept.value(), name)) {
        filled[name] = duplicate.value()[name];
      }
    }
    if (filled.size() > 1) edits.push_back({table, filled});
    edits.push_back(
        {table, {{"id", from}, {kMergedInto, into}, {std::string(kArchivedField), true}}});

    // Settle the duplicate conflicts between the two, either way round.
    for (const std::string& id : {from, into}) {
      auto conflicts = records.ListWhere("conflicts", "record_id", id);
      if (!conflicts.ok()) return conflicts.status();
      for (const auto& conflict : conflicts.value()) {
        const std::string other = conflict.value("other_record_id", "");
        if (conflict.value("conflict_kind", "") != "duplicate" ||
            conflict.value("conflict_state", "") != "open" || (other != from && other != into)) {
          continue;
        }
        edits.push_back({"conflicts",
                         {{"id", conflict["id"]},
                          {"conflict_state", "resolved"},
                          {"resolution", nlohmann::json{{kMergedInto, into}}.dump()},
                          {"reason", reason},
                          {"resolved_by", store.device_id()},
                          {"resolved_at", FormatUtcTime(now_ms / 1000)}}});
      }
    }
    return edits;
  });
  return stored.ok() ? Status::Ok() : stored.status();
}

}  // namespace relay::edge
