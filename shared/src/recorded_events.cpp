#include "relay/recorded_events.h"

namespace relay {

std::vector<FieldError> OverwrittenEvents(const TableSpec& table, const nlohmann::json& stored,
                                          const nlohmann::json& changes) {
  std::vector<FieldError> errors;
  for (const auto& [name, value] : changes.items()) {
    const FieldSpec* field = table.Field(name);
    const auto recorded = stored.find(name);
    if (!field || !field->event || recorded == stored.end() || recorded->is_null()) continue;
    if (*recorded == value) continue;
    errors.push_back({name, "recorded_event",
                      "was recorded as " + recorded->dump() +
                          "; a recorded event is corrected with a reason, not overwritten"});
  }
  return errors;
}

}  // namespace relay
