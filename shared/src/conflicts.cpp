#include "relay/conflicts.h"

#include "relay/validation.h"

namespace relay {

nlohmann::json ConflictRecord(const ConcurrentWrite& write, int64_t detected_ms) {
  return {{"conflict_kind", "concurrent_edit"},
          {"detected_at", FormatUtcTime(detected_ms / 1000)},
          {"table_name", write.table},
          {"record_id", write.record_id},
          {"field_name", write.field},
          {"kept_value", write.kept_value.dump()},
          {"kept_device", write.kept.device},
          {"kept_stamp", write.kept.hlc.ToText()},
          {"lost_value", write.lost_value.dump()},
          {"lost_device", write.lost.device},
          {"lost_stamp", write.lost.hlc.ToText()},
          {"conflict_state", "open"}};
}

}  // namespace relay
