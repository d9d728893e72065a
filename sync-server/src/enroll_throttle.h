#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "relay/clock.h"
#include "relay/status.h"

namespace relay::server {

// How many refused enrollments an address may have, and for how long each counts.
struct ThrottleLimits {
  int max_refusals = 10;               // within one window
  int64_t window_ms = 10 * 60 * 1000;  // ten minutes
  size_t max_addresses = 10'000;       // tracked at once; beyond, new addresses wait
};

// Slows down the guessing of enrollment codes: an address whose enrollments were refused
// max_refusals times within the last window is refused itself (kTooMany, saying how long to
// wait) until the oldest of those refusals is a window old. IPv6 addresses count by their /64
// network, which one machine usually holds whole. Kept in memory: a restart forgets it. Safe
// to call from many threads.
class EnrollThrottle {
 public:
  explicit EnrollThrottle(Clock& clock, ThrottleLimits limits = {})
      : clock_(clock), limits_(limits) {}

  // Ok when the address may try an enrollment now; else kTooMany with the wait.
  Status Admit(const std::string& address);
  // Counts a refused enrollment from the address.
  void Refused(const std::string& address);

 private:
  // Drops the refusals older than a window, and the addresses left with none.
  void Forget(int64_t now);

  Clock& clock_;
  const ThrottleLimits limits_;
  std::mutex mutex_;
  std::map<std::string, std::deque<int64_t>> refusals_;  // by network: times, oldest first
};

}  // namespace relay::server
