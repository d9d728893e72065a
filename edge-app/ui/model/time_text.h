#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ui/model/translations.h"

namespace relay::edge::ui {

// A stored UTC time ("2024-05-01T02:20:00Z") as people in the banner read and type it, in
// Beijing time to the minute ("2024-05-01 10:20"); text that is no time comes back unchanged.
std::string LocalTimeText(const std::string& stored);

// The current moment (milliseconds since the epoch) as LocalTimeText shows it.
std::string LocalNowText(int64_t now_ms);

// A time as people say it, read against now (milliseconds since the epoch) in Beijing time
// whatever the machine's zone, as seconds since the epoch: "11:52" or "1152" is the most recent
// such moment (one up to kFutureGraceS ahead counts as today), "昨天 23:10" or "yesterday
// 23:10" the day before, "今天 8:05" or "today 8:05" today, "05-01 10:20" the most recent
// 1 May, and a full date as NormalizeTime reads it. nullopt when the text is none of these.
std::optional<int64_t> TypedTimeSeconds(const std::string& text, int64_t now_ms);

// How far ahead of the clock a time may be before it is questioned: clocks drift, and a
// clerk types the minute that is about to come.
inline constexpr int64_t kFutureGraceS = 120;

// A length of time in whole minutes in the user's language ("12 分钟", "1 h 05 min").
std::string DurationText(int64_t seconds, const Translations& tr);

}  // namespace relay::edge::ui
