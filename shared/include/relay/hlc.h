#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "relay/clock.h"
#include "relay/status.h"

namespace relay {

// A hybrid logical clock timestamp: wall milliseconds plus a counter that orders events
// within one millisecond. Packed as (ms << 16 | counter); zero means "none".
struct HlcTimestamp {
  int64_t wall_ms = 0;
  uint16_t counter = 0;

  bool IsZero() const { return wall_ms == 0 && counter == 0; }
  int64_t Packed() const { return (wall_ms << 16) | counter; }
  static HlcTimestamp FromPacked(int64_t packed);

  // 16 lowercase hex digits, so text order equals time order; "" for zero.
  std::string ToText() const;
  static std::optional<HlcTimestamp> FromText(std::string_view text);

  auto operator<=>(const HlcTimestamp&) const = default;
};

// Issues timestamps that never go backwards, even when the wall clock does, and folds in
// timestamps seen from peers. A peer timestamp further ahead of the wall clock than
// max_drift_ms is refused, so one laptop with a wrong clock cannot drag everyone forward.
class HybridLogicalClock {
 public:
  HybridLogicalClock(Clock& clock, int64_t max_drift_ms)
      : clock_(clock), max_drift_(max_drift_ms) {}

  // A timestamp for a local event, greater than every timestamp issued or observed before.
  HlcTimestamp Now();
  // Folds in a timestamp received from a peer; refuses one too far in the future.
  Status Observe(HlcTimestamp remote);
  // Restores the last timestamp after a restart so the clock resumes past it.
  void Restore(HlcTimestamp last) { last_ = std::max(last_, last); }
  // The newest timestamp issued or observed, to be kept for the next Restore.
  HlcTimestamp last() const { return last_; }

 private:
  Clock& clock_;
  int64_t max_drift_;
  HlcTimestamp last_;
};

}  // namespace relay
