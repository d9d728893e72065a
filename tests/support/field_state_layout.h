#pragma once

#include "relay/sqlite.h"

namespace relay::testing {

// Puts a replica database back into its layout from before the typed tables held the stamps
// (column _stamps): a field_state row per field set, with its value's JSON text, stamp and
// device, as a store of an older release left it.
void ToFieldStateLayout(sql::Database& db);

}  // namespace relay::testing
