#include "relay/edge/wait_clock.h"

#include <chrono>
#include <limits>

namespace relay::edge {
namespace {

class Steady final : public WaitClock {
 public:
  int64_t NowMs() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  void WaitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& wake,
                 int64_t deadline_ms, const std::function<bool()>& woken) override {
    if (deadline_ms == std::numeric_limits<int64_t>::max()) {
      wake.wait(lock, woken);
      return;
    }
    const std::chrono::steady_clock::time_point deadline{std::chrono::milliseconds(deadline_ms)};
    wake.wait_until(lock, deadline, woken);
  }
};

}  // namespace

WaitClock& SteadyWaitClock() {
  static Steady clock;
  return clock;
}

}  // namespace relay::edge
