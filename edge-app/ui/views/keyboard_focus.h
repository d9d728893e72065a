#pragma once

#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

namespace relay::edge::ui {

// Where the keyboard goes across every panel of the window. Tab and Shift+Tab step through the
// controls registered while drawing (text boxes, combos, checkboxes, buttons, one stop per
// list), in the order drawn and wrapping around; Enter presses the focused button, combo,
// checkbox or row as Space does; FocusFirstFromHere puts the keyboard into a screen's first
// field. Dear ImGui 1.86's own Tab visits only the text boxes of one panel.
class KeyboardFocus {
 public:
  // One control of the order.
  struct Stop {
    ImGuiID id = 0;
    ImGuiWindow* window = nullptr;
    ImRect rect;        // on screen, as drawn
    bool text = false;  // a text box, which takes typing when focused
  };

  // Call right after ImGui::NewFrame: handles Tab, Shift+Tab and Enter, and starts recording
  // the controls TabStop registers.
  void BeginFrame();
  // Call before ImGui::Render: ends the recording and applies FocusFirstFromHere.
  void EndFrame();
  // At the end of this frame the keyboard goes to the first text box registered after this
  // call, or to the first control when there is none — unless a view asked for focus itself.
  void FocusFirstFromHere();
  // The controls registered in the last complete frame, in order.
  const std::vector<Stop>& stops() const { return last_; }

  // Registers the item just drawn as the next control of the frame being recorded.
  void Add();
  // Registers a list's row: the list is one control, at its selected row or else its first row.
  void AddRow(ImGuiID list, bool selected);
  // Registers control id of window, drawn with an open popup after it (an open combo).
  void AddOpen(ImGuiID id, ImGuiWindow* window);

 private:
  void Register(const Stop& stop);
  void Focus(const Stop& stop);
  // The index in last_ of the control that has the keyboard; when that is no stop (an item of a
  // combo's list just chosen), the last stop that had it; -1 before any had it.
  int FocusedIndex();

  std::vector<Stop> last_;
  std::vector<Stop> current_;
  // Rows of lists as ids with the index of their list's control in current_ / last_.
  std::vector<std::pair<ImGuiID, size_t>> last_rows_;
  std::vector<std::pair<ImGuiID, size_t>> current_rows_;
  // A list in current_: the index of its control and whether that is its selected row.
  struct List {
    ImGuiID id;
    size_t index;
    bool selected;
  };
  std::vector<List> lists_;
  ImGuiID tab_target_ = 0;  // focused when registered this frame
  ImGuiID had_focus_ = 0;   // the last stop seen with the keyboard
  int first_from_ = -1;     // FocusFirstFromHere's index into current_
};

// Registers the item just drawn as a Tab stop of the window's KeyboardFocus (no-op outside one).
void TabStop();
// Registers a list's row as the list's Tab stop (see KeyboardFocus::AddRow).
void TabStopRow(bool selected);
// ImGui::BeginCombo that registers the combo as a Tab stop, open or not.
bool BeginComboStop(const char* label, const char* preview, ImGuiComboFlags flags = 0);

}  // namespace relay::edge::ui
