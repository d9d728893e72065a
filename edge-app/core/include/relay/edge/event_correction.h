#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "relay/status.h"

namespace relay::edge {

// A changed value of one recorded event (FieldSpec::event: a transport time, a handoff) and
// why it changed.
struct EventCorrection {
  std::string table;
  std::string record_id;
  std::string field;
  nlohmann::json value;
  std::string reason;
};

// The edits that correct a recorded event: the record's field takes the new value, and a new
// corrections record keeps the value it replaced, the reason, who and when, and points at
// the newest earlier correction of the same field. Refuses a field that is no event, an event
// not recorded yet (record it by an ordinary edit), an unchanged value or an empty reason.
Result<std::vector<TableEdit>> PlanCorrection(RecordReader& records,
                                              const EventCorrection& correction,
                                              const std::string& device, int64_t now_ms);

// Stores one correction and its new value together (relay-cli correct).
Status CorrectEvent(LocalStore& store, const EventCorrection& correction, int64_t now_ms);

// Put of a form's edit that may change recorded events: each changed one is corrected with
// the reason given, the other fields are an ordinary edit, all in one transaction. A changed
// event without a reason is refused under its field (rule "correction_reason").
Result<std::string> PutCorrecting(LocalStore& store, const TableEdit& edit,
                                  const std::string& reason, int64_t now_ms,
                                  PutError* field_errors = nullptr);

}  // namespace relay::edge
