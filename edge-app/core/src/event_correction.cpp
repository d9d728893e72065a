#include "relay/edge/event_correction.h"

#include "relay/schema.h"
#include "relay/text.h"
#include "relay/validation.h"

namespace relay::edge {
namespace {

constexpr const char* kReasonRule = "correction_reason";
constexpr const char* kCorrections = "corrections";

// The newest correction of the field this laptop holds, by time and then id; "" when none.
Result<std::string> NewestCorrection(RecordReader& records, const std::string& table,
                                     const std::string& record_id, const std::string& field) {
  auto corrections = records.ListWhere(kCorrections, "record_id", record_id);
  if (!corrections.ok()) return corrections.status();
  std::string newest_id;
  std::string newest_at;
  for (const auto& correction : corrections.value()) {
    if (correction.value("table_name", "") != table ||
        correction.value("field_name", "") != field) {
      continue;
    }
    const std::string at = correction.value("corrected_at", "");
    const std::string id = correction.value("id", "");
    if (at > newest_at || (at == newest_at && id > newest_id)) {
      newest_at = at;
      newest_id = id;
    }
  }
  return newest_id;
}

// The corrections record that replaces `recorded` with `value` (both canonical).
Result<TableEdit> CorrectionRecord(RecordReader& records, const EventCorrection& correction,
                                   const nlohmann::json& recorded, const nlohmann::json& value,
                                   const std::string& device, int64_t now_ms) {
  auto previous =
      NewestCorrection(records, correction.table, correction.record_id, correction.field);
  if (!previous.ok()) return previous.status();
  nlohmann::json fields = {
      {"table_name", correction.table}, {"record_id", correction.record_id},
      {"field_name", correction.field}, {"corrected_value", recorded.dump()},
      {"value", value.dump()},          {"reason", Trimmed(correction.reason)},
      {"corrected_by", device},         {"corrected_at", FormatUtcTime(now_ms / 1000)}};
  if (!previous.value().empty()) fields["corrects_id"] = previous.value();
  return TableEdit{kCorrections, std::move(fields)};
}

// The value a field would store, canonical; nullopt when the field refuses it (Put says why).
std::optional<nlohmann::json> Canonical(const FieldSpec& field, nlohmann::json value) {
  if (ValidateField(field, value)) return std::nullopt;
  return value;
}

bool IsRecorded(const nlohmann::json& record, const std::string& field) {
  const auto found = record.find(field);
  return found != record.end() && !found->is_null();
}

}  // namespace

Result<std::vector<TableEdit>> PlanCorrection(RecordReader& records,
                                              const EventCorrection& correction,
                                              const std::string& device, int64_t now_ms) {
  const TableSpec* table = FindTable(correction.table);
  if (!table) return Status::Error("table: unknown table \"" + correction.table + "\"");
  const FieldSpec* field = table->Field(correction.field);
  if (!field || !field->event) {
    return Status::Error("field: " + correction.field + " is no recorded event of " +
                         correction.table + "; change it by an ordinary edit");
  }
  if (correction.table == kCorrections) {
    return Status::Error("table: a correction is not corrected; correct the record it names");
  }
  if (Trimmed(correction.reason).empty()) {
    return Status::Error("reason: must say why the recorded value is corrected");
  }
  auto record = records.Get(correction.table, correction.record_id);
  if (!record.ok()) return record.status();
  if (!IsRecorded(record.value(), correction.field)) {
    return Status::Error(correction.field + ": is not recorded yet; record it by an ordinary edit");
  }
  nlohmann::json value = correction.value;
  if (auto error = ValidateField(*field, value)) return Status::Error(error->ToString());
  const nlohmann::json& recorded = record.value()[correction.field];
  if (value == recorded) {
    return Status::Error(correction.field + ": already holds " + value.dump());
  }
  auto note = CorrectionRecord(records, correction, recorded, value, device, now_ms);
  if (!note.ok()) return note.status();
  TableEdit change{correction.table, {{"id", correction.record_id}, {correction.field, value}}};
  change.corrects_events = true;
  // The note goes first, so the county holds it when the new value arrives (a value changed
  // without one is flagged there), whatever batch boundary falls between.
  return std::vector<TableEdit>{std::move(note).value(), std::move(change)};
}

Status CorrectEvent(LocalStore& store, const EventCorrection& correction, int64_t now_ms) {
  auto stored = store.PutPlanned([&](RecordReader& records) {
    return PlanCorrection(records, correction, store.device_id(), now_ms);
  });
  return stored.ok() ? Status::Ok() : stored.status();
}

Result<std::string> PutCorrecting(LocalStore& store, const TableEdit& edit,
                                  const std::string& reason, int64_t now_ms,
                                  PutError* field_errors) {
  const TableSpec* table = FindTable(edit.table);
  const auto id = edit.fields.find("id");
  if (!table || id == edit.fields.end() || !id->is_string()) return store.Put(edit, field_errors);
  auto stored = store.PutPlanned(
      [&](RecordReader& records) -> Result<std::vector<TableEdit>> {
        auto record = records.Get(edit.table, id->get<std::string>());
        if (!record.ok()) return record.status();
        std::vector<TableEdit> edits;  // the corrections notes, then the edit (see PlanCorrection)
        TableEdit record_edit = edit;
        PutError missing_reason;
        for (const auto& [name, typed] : edit.fields.items()) {
          const FieldSpec* field = table->Field(name);
          if (!field || !field->event || !IsRecorded(record.value(), name)) continue;
          const auto value = Canonical(*field, typed);
          if (!value || *value == record.value()[name]) continue;
          if (Trimmed(reason).empty()) {
            missing_reason.errors.push_back(
                {name, kReasonRule,
                 "was recorded as " + record.value()[name].dump() + "; say why it is corrected"});
            continue;
          }
          auto note =
              CorrectionRecord(records, {edit.table, id->get<std::string>(), name, *value, reason},
                               record.value()[name], *value, store.device_id(), now_ms);
          if (!note.ok()) return note.status();
          edits.push_back(std::move(note).value());
          record_edit.corrects_events = true;
        }
        if (!missing_reason.errors.empty()) {
          if (field_errors) *field_errors = missing_reason;
          return Status::Error(missing_reason.Summary());
        }
        edits.push_back(std::move(record_edit));
        return edits;
      },
      field_errors);
  if (!stored.ok()) return stored.status();
  return stored.value().back();
}

}  // namespace relay::edge
