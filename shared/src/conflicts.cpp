#include "relay/conflicts.h"

#include "relay/text.h"
#include "relay/validation.h"

namespace relay {
namespace {

// The registry's limit for a stored value's JSON text (conflicts.kept_value, lost_value).
constexpr size_t kValueChars = 4000;

// A value's JSON text within the field's limit, so every laptop accepts the record: escaping
// can make a long text longer than the limit, and then it is cut, whole characters only.
std::string FittedJson(const nlohmann::json& value) {
  const std::string text = value.dump();
  if (Utf8Length(text).value_or(0) <= kValueChars) return text;
  std::string fitted;
  size_t pos = 0;
  for (size_t chars = 0; chars < kValueChars - 1 && pos < text.size(); ++chars) {
    const size_t start = pos;
    if (!NextCodePoint(text, &pos)) break;  // dump() writes valid UTF-8 only
    fitted.append(text, start, pos - start);
  }
  return fitted + "…";
}

}  // namespace

bool TracksConcurrentWrites(const std::string& table, const std::string& field) {
  // When two laptops settle one conflict, their decision and reason are what matter; who and
  // when differ every time and would only raise conflicts about conflicts.
  return table != "conflicts" ||
         (field != "conflict_state" && field != "resolved_by" && field != "resolved_at");
}

nlohmann::json ConflictRecord(const ConcurrentWrite& write, int64_t detected_ms) {
  return {{"conflict_kind", "concurrent_edit"},
          {"detected_at", FormatUtcTime(detected_ms / 1000)},
          {"table_name", write.table},
          {"record_id", write.record_id},
          {"field_name", write.field},
          {"kept_value", FittedJson(write.kept_value)},
          {"kept_device", write.kept.device},
          {"kept_stamp", write.kept.hlc.ToText()},
          {"lost_value", FittedJson(write.lost_value)},
          {"lost_device", write.lost.device},
          {"lost_stamp", write.lost.hlc.ToText()},
          {"conflict_state", "open"}};
}

nlohmann::json ConflictRecord(const Finding& finding, int64_t detected_ms) {
  nlohmann::json record = {
      {"conflict_kind", finding.kind}, {"detected_at", FormatUtcTime(detected_ms / 1000)},
      {"table_name", finding.table},   {"record_id", finding.record_id},
      {"field_name", finding.field},   {"note", finding.note},
      {"conflict_state", "open"}};
  if (!finding.rule.empty()) record["rule"] = finding.rule;
  if (!finding.other_record_id.empty()) record["other_record_id"] = finding.other_record_id;
  return record;
}

bool AlreadyReported(const Finding& finding, const std::vector<nlohmann::json>& conflicts) {
  for (const auto& conflict : conflicts) {
    if (conflict.value("conflict_kind", "") != finding.kind) continue;
    const std::string record = conflict.value("record_id", "");
    const std::string other = conflict.value("other_record_id", "");
    if (finding.kind == "archive_edit") {
      if (record == finding.record_id && conflict.value("conflict_state", "") == "open") {
        return true;
      }
    } else if (finding.kind == "duplicate") {
      if ((record == finding.record_id && other == finding.other_record_id) ||
          (record == finding.other_record_id && other == finding.record_id)) {
        return true;
      }
    } else if (record == finding.record_id && conflict.value("rule", "") == finding.rule &&
               conflict.value("field_name", "") == finding.field &&
               conflict.value("conflict_state", "") == "open") {
      return true;
    }
  }
  return false;
}

}  // namespace relay
