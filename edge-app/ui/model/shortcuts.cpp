#include "ui/model/shortcuts.h"

namespace relay::edge::ui {

char ScreenDigit(size_t index) {
  return index < 9 ? static_cast<char>('1' + index) : '0';
}

std::string ScreenShortcut(size_t index) {
  return std::string("Ctrl+") + ScreenDigit(index);
}

}  // namespace relay::edge::ui
