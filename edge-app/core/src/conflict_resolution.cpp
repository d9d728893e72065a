#include "relay/edge/conflict_resolution.h"

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
                       const Resolution& resolution, int64_t now_ms) {
  auto conflict = store.Get("conflicts", conflict_id);
  if (!conflict.ok()) return conflict.status();
  if (Text(conflict.value(), "conflict_state") != "open") {
    return Status::Error("conflict_state: conflict " + conflict_id + " is settled already");
  }
  if (Trimmed(resolution.reason).empty()) {
    return Status::Error("reason: must say why the value was chosen");
  }
  const std::string table = Text(conflict.value(), "table_name");
  const std::string record_id = Text(conflict.value(), "record_id");
  const std::string field = Text(conflict.value(), "field_name");

  nlohmann::json chosen;
  switch (resolution.choice) {
    case Resolution::Choice::kKeep: {
      auto record = store.Get(table, record_id);
      if (!record.ok()) return record.status();
      const auto found = record.value().find(field);
      chosen = found == record.value().end() ? nlohmann::json() : *found;
      break;
    }
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
  nlohmann::json closing = {{"id", conflict_id},
                            {"conflict_state", "resolved"},
                            {"resolution", chosen.dump()},
                            {"reason", resolution.reason},
                            {"resolved_by", store.device_id()},
                            {"resolved_at", FormatUtcTime(now_ms / 1000)}};
  std::vector<TableEdit> edits;
  if (resolution.choice != Resolution::Choice::kKeep) {
    edits.push_back({table, {{"id", record_id}, {field, chosen}}});
  }
  edits.push_back({"conflicts", std::move(closing)});
  // The value and the closing commit together, or neither does.
  auto stored = store.PutEach(edits);
  return stored.ok() ? Status::Ok() : stored.status();
}

}  // namespace relay::edge
