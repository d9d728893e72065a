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

nlohmann::json ConcurrentSides(const ConcurrentWrite& write) {
  return {
      {"kept_value", FittedJson(write.kept_value)}, {"kept_device", write.kept.device},
      {"kept_stamp", write.kept.hlc.ToText()},      {"lost_value", FittedJson(write.lost_value)},
      {"lost_device", write.lost.device},           {"lost_stamp", write.lost.hlc.ToText()}};
}

nlohmann::json ConflictRecord(const ConcurrentWrite& write, int64_t detected_ms) {
  nlohmann::json record = ConcurrentSides(write);
  record.update({{"conflict_kind", "concurrent_edit"},
                 {"detected_at", FormatUtcTime(detected_ms / 1000)},
                 {"table_name", write.table},
                 {"record_id", write.record_id},
                 {"field_name", write.field},
                 {"conflict_state", "open"}});
  return record;
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
    if (conflict.value("conflict_kind", "") != finding.kind ||
        conflict.value("table_name", "") != finding.table) {
      continue;
    }
    const std::string record = conflict.value("record_id", "");
    if (finding.kind == "archive_edit") {
      // A later edit of the record without seeing its archive is a new question once the
      // last one is settled.
      if (record == finding.record_id && conflict.value("conflict_state", "") == "open") {
        return true;
      }
      continue;
    }
    // Settled is settled: a person decided about exactly this problem, also if it went away
    // meanwhile and came back (docs/sync-semantics.md §5).
    const std::string other = conflict.value("other_record_id", "");
    if (conflict.value("rule", "") == finding.rule &&
        conflict.value("field_name", "") == finding.field &&
        ((record == finding.record_id && other == finding.other_record_id) ||
         (record == finding.other_record_id && other == finding.record_id))) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> RecordOfOwnReplacedLoss(const Change& change,
                                                   const std::vector<nlohmann::json>& conflicts) {
  for (const auto& conflict : conflicts) {
    if (conflict.value("conflict_kind", "") == "concurrent_edit" &&
        conflict.value("conflict_state", "") == "open" &&
        conflict.value("table_name", "") == change.table &&
        conflict.value("record_id", "") == change.record_id &&
        conflict.value("field_name", "") == change.field &&
        conflict.value("lost_device", "") == change.device &&
        conflict.value("lost_stamp", "") == change.seen.ToText()) {
      return conflict.value("id", "");
    }
  }
  return std::nullopt;
}

nlohmann::json SettledByRestore(const nlohmann::json& kept, const std::string& restored_by,
                                const std::string& settled_by, int64_t now_ms) {
  return {{"conflict_state", "resolved"},
          {"resolution", FittedJson(kept)},
          {"reason", "restored by " + restored_by + ", who had seen the archive"},
          {"resolved_by", settled_by},
          {"resolved_at", FormatUtcTime(now_ms / 1000)}};
}

}  // namespace relay
