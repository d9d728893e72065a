#pragma once

#include <cstdint>
#include <string>

#include "ui/model/translations.h"

namespace relay::edge::ui {

// A stored UTC time ("2024-05-01T02:20:00Z") as people in the banner read and type it, in
// Beijing time to the minute ("2024-05-01 10:20"); text that is no time comes back unchanged.
std::string LocalTimeText(const std::string& stored);

// The current moment (milliseconds since the epoch) as LocalTimeText shows it.
std::string LocalNowText(int64_t now_ms);

// A length of time in whole minutes in the user's language ("12 分钟", "1 h 05 min").
std::string DurationText(int64_t seconds, const Translations& tr);

}  // namespace relay::edge::ui
