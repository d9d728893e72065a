#pragma once

#include <string>

#include <imgui.h>

namespace relay::edge::ui {

// Small drawing helpers shared by the views.

// A widget label whose visible text changes with the language while its ImGui id stays the
// same, so switching language keeps open menus, focus and scroll positions.
inline std::string Labeled(const char* text, const char* id) {
  return std::string(text) + "###" + id;
}

inline const ImVec4 kErrorColour(0.78f, 0.08f, 0.08f, 1.0f);
inline const ImVec4 kOkColour(0.10f, 0.50f, 0.18f, 1.0f);

// A message in red, wrapped to the available width.
void ErrorText(const std::string& text);
// A message in green, wrapped to the available width.
void OkText(const std::string& text);
// The width a button or a checkbox with this label takes.
float ButtonWidth(const char* label);
float CheckboxWidth(const char* label);
// Puts the next item, next_width wide, on the line of the last one when it fits there, and on
// a new line when it would be cut off (toolbars wrap on small screens).
void SameLineIfFits(float next_width);

// A turning arc one text line high, for work that runs in the background.
void Spinner();

// Keyboard shortcuts, true in the frame the key goes down: F2 or Ctrl+N (the current time into
// a time field), Ctrl with a letter given in upper case ('S' saves the open form) or a digit,
// and a function key by its number (1 for F1).
bool NowShortcutPressed();
bool CtrlShortcutPressed(char letter);
// Alt with a digit or an upper-case letter (Alt+1 chooses the planner's first option).
bool AltShortcutPressed(char key);
bool FunctionKeyPressed(int number);

}  // namespace relay::edge::ui
