#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "relay/status.h"

namespace relay::edge {

// How a person settles a conflict, always with a reason: keep the value the merge kept, take
// the value it overwrote, or enter another.
struct Resolution {
  enum class Choice { kKeep, kTakeLost, kNewValue };
  Choice choice = Choice::kKeep;
  nlohmann::json new_value;  // for kNewValue
  std::string reason;
};

// Settles an open conflict on this laptop, to sync like any edit: writes the chosen value to
// the record's field (an informed edit of the value on screen, so it raises no new conflict),
// then closes the conflict with the value, the reason, who and when. Refuses a conflict that
// is settled already, an empty reason, or a value the field's rules refuse, storing nothing;
// field_errors then names the field: "reason" (of conflicts) or the settled record's field.
Status ResolveConflict(LocalStore& store, const std::string& conflict_id,
                       const Resolution& resolution, int64_t now_ms,
                       PutError* field_errors = nullptr);

}  // namespace relay::edge
