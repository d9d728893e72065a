#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace relay::edge {

// The sync worker's time: a steady now and a wait for a moment of it, behind an interface so
// tests run a schedule of hours in milliseconds.
class WaitClock {
 public:
  virtual ~WaitClock() = default;
  // Milliseconds on a clock that never jumps back.
  virtual int64_t NowMs() = 0;
  // With lock held on entry and exit, waits on wake until NowMs() reaches deadline_ms (never
  // for INT64_MAX) or woken() is true.
  virtual void WaitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& wake,
                         int64_t deadline_ms, const std::function<bool()>& woken) = 0;
};

// The machine's steady clock, shared by every worker.
WaitClock& SteadyWaitClock();

}  // namespace relay::edge
