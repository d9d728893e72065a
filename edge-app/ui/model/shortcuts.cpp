#include "ui/model/shortcuts.h"

namespace relay::edge::ui {

std::string ScreenShortcut(size_t index) {
  return "Ctrl+" + std::to_string(index + 1);
}

}  // namespace relay::edge::ui
