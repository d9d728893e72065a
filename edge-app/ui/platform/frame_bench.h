#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/platform/window.h"

namespace relay::edge::ui {

// relay-edge's side of bench/edge-bench, on only when RELAY_EDGE_BENCH holds a filter: the
// transports list is opened with that filter, frames are then drawn back to back (first idle,
// then with the mouse wheel turning over the list) and timed, and the results are printed on
// stdout for the bench to read; after that the window runs as usual, so the bench can measure
// it idle.
class FrameBench {
 public:
  // The bench the environment asks for, or nullopt on a normal run.
  static std::optional<FrameBench> FromEnvironment();

  const std::string& filter() const { return filter_; }
  // True while frames are being timed: the loop then draws the next frame without waiting.
  bool timing() const { return frame_ < kLastFrame; }
  // Before a frame: while the scrolling frames are timed, turns the wheel over the list.
  void BeforeFrame(Window& window);
  // After a frame that took ms: prints "first_frame" after the first frame, and each phase's
  // "NAME p50 p99 max" in milliseconds once the phase is over, then "timed".
  void AfterFrame(double ms);

  static constexpr int kWarmFrames = 30;
  static constexpr int kTimedFrames = 300;

 private:
  explicit FrameBench(std::string filter) : filter_(std::move(filter)) {}
  static constexpr int kIdleStart = 1 + kWarmFrames;
  static constexpr int kScrollStart = kIdleStart + kTimedFrames;
  static constexpr int kLastFrame = kScrollStart + kTimedFrames;

  std::string filter_;
  int frame_ = 0;
  std::vector<double> frame_ms_;
};

}  // namespace relay::edge::ui
