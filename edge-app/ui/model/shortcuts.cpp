#include "ui/model/shortcuts.h"

namespace relay::edge::ui {

char ScreenDigit(size_t index) {
  if (index < 9) return static_cast<char>('1' + index);
  return index == 9 ? '0' : 'P';
}

std::string ScreenShortcut(size_t index) {
  return std::string("Ctrl+") + ScreenDigit(index);
}

}  // namespace relay::edge::ui
