#include "ui/platform/paced_input.h"

#include <GLFW/glfw3.h>

namespace relay::edge::ui {

namespace {

bool IsModifier(int key) {
  return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
}

}  // namespace

PacedInput::PacedInput(std::function<void(const KeyboardEvent&)> deliver)
    : deliver_(std::move(deliver)) {}

void PacedInput::Add(const KeyboardEvent& event) {
  if (!waiting_.empty() || MustWait(event)) {
    waiting_.push_back(event);
    return;
  }
  Deliver(event);
}

void PacedInput::ReplayWaiting() {
  while (!waiting_.empty() && !MustWait(waiting_.front())) {
    Deliver(waiting_.front());
    waiting_.pop_front();
  }
}

bool PacedInput::MustWait(const KeyboardEvent& event) const {
  if (event.is_character || event.action == GLFW_REPEAT) return false;
  if (changed_this_frame_.count(event.key) > 0) return true;
  // A shortcut reads the modifiers in the frame its key goes down: Ctrl let go right after
  // Ctrl+4 must not be let go in that frame already.
  return IsModifier(event.key) && key_went_down_this_frame_;
}

void PacedInput::Deliver(const KeyboardEvent& event) {
  if (!event.is_character && event.action != GLFW_REPEAT) {
    changed_this_frame_.insert(event.key);
    if (event.action == GLFW_PRESS && !IsModifier(event.key)) key_went_down_this_frame_ = true;
  }
  deliver_(event);
}

}  // namespace relay::edge::ui
