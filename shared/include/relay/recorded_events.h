#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "relay/schema.h"
#include "relay/validation.h"

namespace relay {

// The changes that would overwrite a recorded event (FieldSpec::event) of the stored record
// with another value, one error each (rule "recorded_event"). Filling an event not recorded
// yet is no overwrite; changing one is a correction (a corrections record with its reason).
std::vector<FieldError> OverwrittenEvents(const TableSpec& table, const nlohmann::json& stored,
                                          const nlohmann::json& changes);

}  // namespace relay
