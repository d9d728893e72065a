#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "relay/replica_state.h"

namespace relay {

// The fields of the open `conflicts` record that keeps a concurrent write for a person to
// decide: both values as JSON text, who wrote each and their stamps, found at detected_ms.
nlohmann::json ConflictRecord(const ConcurrentWrite& write, int64_t detected_ms);

}  // namespace relay
