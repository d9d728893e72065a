#include "ui/model/time_text.h"

#include "relay/validation.h"

namespace relay::edge::ui {

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
