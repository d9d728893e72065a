#include "relay/edge/conflict_resolution.h"

#include "relay/edge/event_correction.h"
#include "relay/schema.h"
#include "relay/text.h"
#include "relay/validation.h"

namespace relay::edge {
namespace {

std::string Text(const nlohmann::json& record, const char* field) {
  const auto found = record.find(field);
  return found != record.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

Status ResolveConflict(LocalStore& store, const std::string& conflict_id,
                       const Resolution& resolution, int64_t now_ms, PutError* field_errors) {
  if (Trimmed(resolution.reason).empty()) {
    const FieldError missing{"reason", "required", "must say why the value was chosen"};
    if (field_errors) *field_errors = PutError{{missing}};
    return Status::Error(missing.ToString());
  }
  // Read and written in one transaction: a pull landing in between cannot be overwritten
  // as if the person had seen it.
  auto stored = store.PutPlanned(
      [&](RecordReader& records) -> Result<std::vector<TableEdit>> {
        auto conflict = records.Get("conflicts", conflict_id);
        if (!conflict.ok()) return conflict.status();
        if (Text(conflict.value(), "conflict_state") != "open") {
          return Status::Error("conflict_state: conflict " + conflict_id + " is settled already");
        }
        const std::string table = Text(conflict.value(), "table_name");
        const std::string record_id = Text(conflict.value(), "record_id");
        const std::string field = Text(conflict.value(), "field_name");
        auto record = records.Get(table, record_id);
        if (!record.ok()) return record.status();
        const auto current = record.value().find(field);
        const nlohmann::json kept = current == record.value().end() ? nlohmann::json() : *current;

        nlohmann::json chosen;
        switch (resolution.choice) {
          case Resolution::Choice::kKeep:
            chosen = kept;
            break;
          case Resolution::Choice::kTakeLost:
            if (Text(conflict.value(), "lost_value").empty()) {
              return Status::Error("choice: a " + Text(conflict.value(), "conflict_kind") +
                                   " conflict overwrote no value; keep the value or enter another");
            }
            chosen = nlohmann::json::parse(Text(conflict.value(), "lost_value"), nullptr, false);
            if (chosen.is_discarded()) return Status::Error("lost_value: is not valid JSON");
            break;
          case Resolution::Choice::kNewValue:
            chosen = resolution.new_value;
            break;
        }
        std::vector<TableEdit> edits;
        const TableSpec* spec = FindTable(table);
        const FieldSpec* field_spec = spec ? spec->Field(field) : nullptr;
        if (resolution.choice != Resolution::Choice::kKeep) {
          if (field_spec && field_spec->event && !kept.is_null()) {
            // A recorded event changes only by a correction that keeps what it replaced.
            nlohmann::json canonical = chosen;
            if (!ValidateField(*field_spec, canonical) && canonical != kept) {
              auto corrected =
                  PlanCorrection(records, {table, record_id, field, chosen, resolution.reason},
                                 store.device_id(), now_ms);
              if (!corrected.ok()) return corrected.status();
              edits = std::move(corrected).value();
            }
          }
          if (edits.empty()) edits.push_back({table, {{"id", record_id}, {field, chosen}}});
        }
        edits.push_back({"conflicts",
                         {{"id", conflict_id},
                          {"conflict_state", "resolved"},
                          {"resolution", chosen.dump()},
                          {"reason", resolution.reason},
                          {"resolved_by", store.device_id()},
                          {"resolved_at", FormatUtcTime(now_ms / 1000)}}});
        return edits;
      },
      field_errors);
  return stored.ok() ? Status::Ok() : stored.status();
}

}  // namespace relay::edge
