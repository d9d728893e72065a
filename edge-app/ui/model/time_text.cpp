#include "ui/model/time_text.h"

#include <charconv>
#include <cstdio>
#include <initializer_list>
#include <string_view>

#include "relay/text.h"
#include "relay/validation.h"

namespace relay::edge::ui {
namespace {

constexpr int64_t kDayS = 24 * 60 * 60;
constexpr int64_t kOffsetS = int64_t{kBannerUtcOffsetMinutes} * 60;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Reads "H:MM", "HH:MM" or "HHMM" as seconds into a day.
std::optional<int64_t> ClockSeconds(std::string_view text) {
  int hours = 0;
  int minutes = 0;
  const auto digits = [](std::string_view part, int& value) {
    if (part.empty() || part.size() > 2) return false;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return error == std::errc() && end == part.data() + part.size();
  };
  // "：" is the full-width colon a Chinese input method types.
  constexpr std::string_view kWideColon = "：";
  size_t colon = text.find(':');
  size_t after = colon + 1;
  if (colon == std::string_view::npos) {
    colon = text.find(kWideColon);
    after = colon + kWideColon.size();
  }
  if (colon != std::string_view::npos) {
    if (!digits(text.substr(0, colon), hours) || text.size() != after + 2 ||
        !digits(text.substr(after), minutes)) {
      return std::nullopt;
    }
  } else if (text.size() == 4) {
    if (!digits(text.substr(0, 2), hours) || !digits(text.substr(2), minutes)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 3600 + minutes * 60;
}

// Removes a leading day word ("昨天", "yesterday") and the spaces after it, which a Chinese
// clerk may leave out; true when there was one.
bool StripDayWord(std::string_view& text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text.size() > word.size() && text.substr(0, word.size()) == word) {
      text.remove_prefix(word.size());
      while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<int64_t> TypedTimeSeconds(const std::string& typed, int64_t now_ms) {
  const std::string trimmed = Trimmed(typed);
  std::string_view text = trimmed;
  if (text.empty()) return std::nullopt;
  if (auto full = ParseTimeSeconds(trimmed)) return full;
  const int64_t now_local = FloorDiv(now_ms, 1000) + kOffsetS;
  const int64_t today = FloorDiv(now_local, kDayS) * kDayS;  // local midnight, shifted
  std::optional<int64_t> day;
  if (StripDayWord(text, {"昨天", "yesterday", "Yesterday"})) {
    day = today - kDayS;
  } else if (StripDayWord(text, {"今天", "today", "Today"})) {
    day = today;
  }
  if (day) {
    const auto clock = ClockSeconds(text);
    if (!clock) return std::nullopt;
    return *day + *clock - kOffsetS;
  }
  // "MM-DD HH:MM": the most recent such day, this year or last.
  int month = 0;
  int day_of_month = 0;
  int hours = 0;
  int minutes = 0;
  char extra = 0;
  if (std::sscanf(trimmed.c_str(), "%2d-%2d %2d:%2d%c", &month, &day_of_month, &hours, &minutes,
                  &extra) == 4) {
    const std::string year = FormatUtcTime(now_local).substr(0, 4);
    for (int back = 0; back < 2; ++back) {
      char full[32];
      std::snprintf(full, sizeof full, "%04d-%02d-%02d %02d:%02d", std::stoi(year) - back, month,
                    day_of_month, hours, minutes);
      const auto seconds = ParseTimeSeconds(full);
      if (seconds && *seconds <= now_local - kOffsetS + kFutureGraceS) return seconds;
    }
    return std::nullopt;
  }
  const auto clock = ClockSeconds(text);
  if (!clock) return std::nullopt;
  int64_t at = today + *clock - kOffsetS;
  if (at > now_local - kOffsetS + kFutureGraceS) at -= kDayS;
  return at;
}

std::string LocalTimeText(const std::string& stored) {
  const auto seconds = ParseTimeSeconds(stored);
  if (!seconds) return stored;
  // FormatUtcTime of the shifted instant reads as the banner's wall clock.
  const std::string local = FormatUtcTime(*seconds + int64_t{kBannerUtcOffsetMinutes} * 60);
  return local.substr(0, 10) + " " + local.substr(11, 5);
}

std::string LocalNowText(int64_t now_ms) {
  const int64_t seconds = now_ms >= 0 ? now_ms / 1000 : (now_ms - 999) / 1000;
  return LocalTimeText(FormatUtcTime(seconds));
}

std::string DurationText(int64_t seconds, const Translations& tr) {
  const bool negative = seconds < 0;
  const int64_t minutes = (negative ? -seconds : seconds) / 60;
  std::string text;
  if (minutes < 60) {
    text = tr.Format("duration.minutes", {{"m", std::to_string(minutes)}});
  } else {
    std::string rest = std::to_string(minutes % 60);
    if (rest.size() < 2) rest.insert(0, "0");
    text = tr.Format("duration.hours", {{"h", std::to_string(minutes / 60)}, {"m", rest}});
  }
  return negative ? "-" + text : text;
}

}  // namespace relay::edge::ui
