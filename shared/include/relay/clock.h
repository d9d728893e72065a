#pragma once

#include <cstdint>

namespace relay {

// The wall clock, behind an interface so tests can make it jump.
class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, as the machine believes them to be.
  virtual int64_t NowMs() = 0;
};

// The operating system's real-time clock.
class SystemClock final : public Clock {
 public:
  int64_t NowMs() override;
};

// A clock that reports whatever the test sets.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMs() override { return now_ms_; }
  void Set(int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(int64_t delta_ms) { now_ms_ += delta_ms; }

 private:
  int64_t now_ms_;
};

}  // namespace relay
