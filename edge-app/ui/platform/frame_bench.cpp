#include "ui/platform/frame_bench.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <imgui.h>

namespace relay::edge::ui {
namespace {

void PrintPercentiles(const char* phase, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double share) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(share * static_cast<double>(ms.size())))];
  };
  std::printf("%s %.2f %.2f %.2f\n", phase, at(0.50), at(0.99), ms.back());
}

}  // namespace

std::optional<FrameBench> FrameBench::FromEnvironment() {
  const char* filter = std::getenv("RELAY_EDGE_BENCH");
  if (!filter) return std::nullopt;
  return FrameBench(filter);
}

void FrameBench::BeforeFrame(Window& window) {
  if (frame_ < kScrollStart || frame_ >= kLastFrame) return;
  // The transports list fills the upper part of the screen right of the navigation; the
  // pointer rests there and each frame turns the wheel one notch down, then back up, so the
  // list reads new pages both ways.
  window.PointAt(window.width() * 0.4f, window.height() * 0.3f);
  const bool down = (frame_ - kScrollStart) < kTimedFrames / 2;
  ImGui::GetIO().MouseWheel += down ? -1.0f : 1.0f;
}

void FrameBench::AfterFrame(double ms) {
  if (frame_ == 0) std::printf("first_frame\n");
  if (frame_ >= kIdleStart && frame_ < kLastFrame) frame_ms_.push_back(ms);
  ++frame_;
  if (frame_ == kScrollStart) {
    PrintPercentiles("idle", frame_ms_);
    frame_ms_.clear();
  } else if (frame_ == kLastFrame) {
    PrintPercentiles("scroll", frame_ms_);
    std::printf("timed\n");
  }
  std::fflush(stdout);
}

}  // namespace relay::edge::ui
