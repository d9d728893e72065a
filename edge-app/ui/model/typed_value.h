#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "relay/schema.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// What a person typed into one text box as the value a field holds, as Put takes it: a whole
// number for an integer field, true or false (also yes/no in the user's words) for a boolean,
// a choice's stored value or its words for a choice, a time as people say it in Beijing time
// (TypedTimeSeconds, read against now_ms) in UTC for a time, and
// otherwise the trimmed text; null when nothing was typed. Text that fits none of these goes
// as typed, so the field's rule names the fault.
nlohmann::json ValueFromTyped(const FieldSpec& spec, const std::string& typed,
                              const Translations& tr, int64_t now_ms);

}  // namespace relay::edge::ui
