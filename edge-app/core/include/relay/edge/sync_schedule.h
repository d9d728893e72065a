#pragma once

#include <cstdint>
#include <limits>

#include "relay/status.h"

namespace relay::edge {

// When a laptop syncs by itself, in milliseconds.
struct SyncTiming {
  bool automatic = true;         // false: only when asked
  int64_t after_save_ms = 5000;  // a save syncs this soon; saves meanwhile join that run
  int64_t every_ms = 150'000;    // while the server answers
  // While it does not: the first retry, doubling up to the longest wait, so a server back
  // after a long outage is reached within about a minute.
  int64_t first_retry_ms = 5000;
  int64_t longest_retry_ms = 60'000;
};

// Failures only a person can settle (an untrusted server, a device the county does not
// accept): no automatic run until a manual one.
bool NeedsPerson(ErrorKind kind);

// Decides when the next automatic sync is due from saves and finished runs; no threads, no
// clock of its own.
class SyncSchedule {
 public:
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

  // The first run is due soon after now, or never while waiting_for_person (NeedsPerson).
  SyncSchedule(SyncTiming timing, int64_t now_ms, bool waiting_for_person);

  // A change was saved: a run within after_save_ms, unless one is due sooner or the server
  // did not answer last time (its retry wait stands).
  void Saved(int64_t now_ms);
  // A run, manual or automatic, ended with outcome: the server answered, did not answer
  // (backoff), or failed in a way that needs a person (never).
  void Finished(int64_t now_ms, const Status& outcome);
  // Nothing to run now (this laptop is not enrolled): look again after every_ms.
  void Postpone(int64_t now_ms);

  // When the next automatic run is due; kNever when none is.
  int64_t due_ms() const { return due_ms_; }

 private:
  SyncTiming timing_;
  int64_t due_ms_;
  int64_t retry_ms_ = 0;  // the current backoff while the server does not answer; 0 when it does
};

}  // namespace relay::edge
