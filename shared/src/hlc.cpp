#include "relay/hlc.h"

#include <algorithm>
#include <cstdio>

namespace relay {

HlcTimestamp HlcTimestamp::FromPacked(int64_t packed) {
  return HlcTimestamp{packed >> 16, static_cast<uint16_t>(packed & 0xffff)};
}

std::string HlcTimestamp::ToText() const {
  if (IsZero()) return "";
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(Packed()));
  return buffer;
}

std::optional<HlcTimestamp> HlcTimestamp::FromText(std::string_view text) {
  if (text.empty()) return HlcTimestamp{};
  if (text.size() != 16) return std::nullopt;
  uint64_t packed = 0;
  for (char c : text) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    packed = (packed << 4) | static_cast<uint64_t>(digit);
  }
  if (packed >> 63) return std::nullopt;  // would not fit SQLite's signed 64-bit integer
  return FromPacked(static_cast<int64_t>(packed));
}

HlcTimestamp HybridLogicalClock::Now() {
  const int64_t wall = clock_.NowMs();
  if (wall > last_.wall_ms) {
    last_ = HlcTimestamp{wall, 0};
  } else if (last_.counter < 0xffff) {
    ++last_.counter;
  } else {
    // The counter is exhausted within one millisecond: borrow the next millisecond.
    last_ = HlcTimestamp{last_.wall_ms + 1, 0};
  }
  return last_;
}

Status HybridLogicalClock::Observe(HlcTimestamp remote) {
  const int64_t wall = clock_.NowMs();
  if (remote.wall_ms - wall > max_drift_) {
    return Status::Error("timestamp " + remote.ToText() + " is " +
                         std::to_string((remote.wall_ms - wall) / 1000) +
                         " s ahead of this clock; the most allowed is " +
                         std::to_string(max_drift_ / 1000) + " s (check the sender's clock)");
  }
  last_ = std::max(last_, remote);
  return Status::Ok();
}

}  // namespace relay
