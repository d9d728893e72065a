#include "ui/platform/paced_input.h"

#include <GLFW/glfw3.h>

namespace relay::edge::ui {

PacedInput::PacedInput(std::function<void(const KeyboardEvent&)> deliver)
    : deliver_(std::move(deliver)) {}

void PacedInput::Add(const KeyboardEvent& event) {
  if (!waiting_.empty() || ChangesAKeyChangedThisFrame(event)) {
    waiting_.push_back(event);
    return;
  }
  Deliver(event);
}

void PacedInput::ReplayWaiting() {
  while (!waiting_.empty() && !ChangesAKeyChangedThisFrame(waiting_.front())) {
    Deliver(waiting_.front());
    waiting_.pop_front();
  }
}

bool PacedInput::ChangesAKeyChangedThisFrame(const KeyboardEvent& event) const {
  return !event.is_character && event.action != GLFW_REPEAT &&
         changed_this_frame_.count(event.key) > 0;
}

void PacedInput::Deliver(const KeyboardEvent& event) {
  if (!event.is_character && event.action != GLFW_REPEAT) changed_this_frame_.insert(event.key);
  deliver_(event);
}

}  // namespace relay::edge::ui
