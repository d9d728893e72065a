#pragma once

#include <array>
#include <string>
#include <string_view>

namespace relay::edge::ui {

// A key relay-edge answers to besides typing, and the translation key of what it does.
struct Shortcut {
  std::string_view keys;
  std::string_view action;
};

// The keys the F1 help lists, in its order; the screens' keys follow them (ScreenShortcut).
inline constexpr std::array<Shortcut, 12> kShortcuts = {{
    {"F1", "help.help"},
    {"Tab / Shift+Tab", "help.tab"},
    {"Enter / Space", "help.enter"},
    {"↑ ↓ ← →", "help.arrows"},
    {"Esc", "help.escape"},
    {"Ctrl+T", "help.new_transport"},
    {"Ctrl+H", "help.new_handoff"},
    {"Ctrl+L", "help.new_leg"},
    {"Ctrl+S", "help.save"},
    {"F2 / Ctrl+N", "help.now"},
    {"F5", "help.sync"},
    {"Alt+1 … 5", "help.choose_option"},
}};

// The key of the navigation's screen at index (0 is the first): '1' to '9', then '0' for the
// tenth, as the keys lie on the keyboard; 'P' for the eleventh, Planning (规划).
char ScreenDigit(size_t index);
// The key of the navigation's screen at index: Ctrl+1 to Ctrl+9, Ctrl+0, Ctrl+P.
std::string ScreenShortcut(size_t index);

}  // namespace relay::edge::ui
