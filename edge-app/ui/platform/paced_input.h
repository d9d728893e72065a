#pragma once

#include <deque>
#include <functional>
#include <set>

namespace relay::edge::ui {

// One keyboard event as GLFW reports it: a key going down, up or repeating, or a character.
struct KeyboardEvent {
  bool is_character = false;
  int key = 0;  // GLFW_KEY_*, for a key
  int scancode = 0;
  int action = 0;  // GLFW_PRESS, GLFW_RELEASE or GLFW_REPEAT, for a key
  int mods = 0;
  unsigned int code_point = 0;  // for a character
};

// Hands keyboard events on in their order, but at most one change of each key per frame:
// Dear ImGui 1.86 reads whether a key is down when a frame starts, so a key pressed and
// released between two frames (a quick tap while a slow laptop draws, or a shortcut typed by
// a tool) would never be seen down. A modifier (Ctrl, Shift, Alt) does not change in the frame
// another key went down in, so that frame sees the modifiers as they were for that key. What
// must wait for a later frame holds back everything after it, so nothing overtakes.
class PacedInput {
 public:
  explicit PacedInput(std::function<void(const KeyboardEvent&)> deliver);

  // An event from the window system.
  void Add(const KeyboardEvent& event);
  // Call right before a frame reads the keys (never during a frame, whose shortcuts read the
  // modifier keys as they stand): hands on what waited, up to a key that would change twice
  // before that frame.
  void ReplayWaiting();
  // Call right after a frame has read the keys.
  void FrameStarted() {
    changed_this_frame_.clear();
    key_went_down_this_frame_ = false;
  }
  // Events wait for a coming frame, so the window must not sleep.
  bool waiting() const { return !waiting_.empty(); }

 private:
  bool MustWait(const KeyboardEvent& event) const;
  void Deliver(const KeyboardEvent& event);

  std::function<void(const KeyboardEvent&)> deliver_;
  std::deque<KeyboardEvent> waiting_;
  std::set<int> changed_this_frame_;
  bool key_went_down_this_frame_ = false;  // a key other than a modifier
};

}  // namespace relay::edge::ui
