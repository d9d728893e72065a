#include "ui/views/keyboard_focus.h"

#include <algorithm>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace relay::edge::ui {
namespace {

// The order that TabStop registers into: the one between its BeginFrame and EndFrame.
KeyboardFocus* recording = nullptr;

template <typename Rows>
int FindRow(const Rows& rows, ImGuiID id) {
  for (const auto& [row, index] : rows) {
    if (row == id) return static_cast<int>(index);
  }
  return -1;
}

bool EnterPressed() {
  const ImGuiIO& io = ImGui::GetIO();
  return (ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) ||
          ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false)) &&
         !io.KeyCtrl && !io.KeyAlt && !io.KeyShift;
}

}  // namespace

void KeyboardFocus::BeginFrame() {
  recording = this;
  ImGuiContext& g = *GImGui;
  const ImGuiIO& io = ImGui::GetIO();
  // Dear ImGui's own Tab request would move again, within one panel; this order replaces it.
  if (g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) &&
      !(g.NavMoveFlags & ImGuiNavMoveFlags_FocusApi)) {
    ImGui::NavMoveRequestCancel();
  }
  const int at = FocusedIndex();
  if (at >= 0) had_focus_ = last_[static_cast<size_t>(at)].id;
  if (ImGui::IsKeyPressed(GLFW_KEY_TAB) && !io.KeyCtrl && !io.KeyAlt && !last_.empty()) {
    const int n = static_cast<int>(last_.size());
    const int next = at < 0 ? (io.KeyShift ? n - 1 : 0) : (at + (io.KeyShift ? n - 1 : 1)) % n;
    tab_target_ = last_[static_cast<size_t>(next)].id;
  }
  // Enter presses what has the keyboard as Space does, unless a text box takes it.
  if (EnterPressed() && g.ActiveId == 0 && g.NavId != 0 && !g.NavDisableHighlight && g.NavWindow) {
    g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavId;
    g.NavActivateFlags = ImGuiActivateFlags_None;
    g.NavInputSource = ImGuiInputSource_Keyboard;
  }
}

void KeyboardFocus::EndFrame() {
  if (first_from_ >= 0 && static_cast<size_t>(first_from_) < current_.size()) {
    ImGuiContext& g = *GImGui;
    // A view that placed the keyboard itself (a new form's first empty field, or a picker it
    // opens for the field a call asks for next) keeps it.
    const bool placed = (g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_FocusApi)) ||
                        g.NavNextActivateId != 0 || g.OpenPopupStack.Size > 0;
    const auto from = current_.begin() + first_from_;
    auto first = std::find_if(from, current_.end(), [](const Stop& stop) { return stop.text; });
    if (first == current_.end()) first = from;
    if (!placed) Focus(*first);
  }
  first_from_ = -1;
  tab_target_ = 0;
  last_ = std::move(current_);
  last_rows_ = std::move(current_rows_);
  current_.clear();
  current_rows_.clear();
  lists_.clear();
  if (recording == this) recording = nullptr;
}

void KeyboardFocus::FocusFirstFromHere() {
  first_from_ = static_cast<int>(current_.size());
}

void KeyboardFocus::Add() {
  const ImGuiContext& g = *GImGui;
  if (g.CurrentWindow->SkipItems || g.LastItemData.ID == 0 ||
      (g.LastItemData.InFlags & ImGuiItemFlags_Disabled)) {
    return;
  }
  if (!current_.empty() && current_.back().id == g.LastItemData.ID) return;
  Register(Stop{g.LastItemData.ID, g.CurrentWindow, g.LastItemData.Rect,
                (g.LastItemData.InFlags & ImGuiItemFlags_Inputable) != 0});
}

void KeyboardFocus::AddRow(ImGuiID list, bool selected) {
  const ImGuiContext& g = *GImGui;
  if (g.CurrentWindow->SkipItems || g.LastItemData.ID == 0 ||
      (g.LastItemData.InFlags & ImGuiItemFlags_Disabled)) {
    return;
  }
  const Stop stop{g.LastItemData.ID, g.CurrentWindow, g.LastItemData.Rect, false};
  auto entry = std::find_if(lists_.begin(), lists_.end(),
                            [&](const List& known) { return known.id == list; });
  if (entry == lists_.end()) {
    lists_.push_back(List{list, current_.size(), selected});
    Register(stop);
    entry = lists_.end() - 1;
  } else if (selected && !entry->selected) {
    current_[entry->index] = stop;
    entry->selected = true;
    if (stop.id == tab_target_) Focus(stop);
  } else if (stop.id == tab_target_) {
    Focus(stop);
  }
  current_rows_.emplace_back(stop.id, entry->index);
}

void KeyboardFocus::AddOpen(ImGuiID id, ImGuiWindow* window) {
  // The popup drawn since hides the combo's own rectangle; the last frame's serves.
  ImRect rect;
  for (const Stop& stop : last_) {
    if (stop.id == id) rect = stop.rect;
  }
  Register(Stop{id, window, rect, false});
}

void KeyboardFocus::Register(const Stop& stop) {
  current_.push_back(stop);
  if (stop.id == tab_target_) Focus(stop);
}

void KeyboardFocus::Focus(const Stop& stop) {
  ImGuiContext& g = *GImGui;
  tab_target_ = 0;
  if (g.ActiveId != 0 && g.ActiveId != stop.id) ImGui::ClearActiveID();
  ImGui::SetFocusID(stop.id, stop.window);
  // Show where the keyboard is, as after an arrow key.
  g.NavDisableHighlight = false;
  g.NavDisableMouseHover = true;
  if (stop.rect.GetWidth() > 0) ImGui::ScrollToBringRectIntoView(stop.window, stop.rect);
  if (stop.text) {
    // A text box takes typing from the next frame on.
    g.NavNextActivateId = stop.id;
    g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
  }
}

int KeyboardFocus::FocusedIndex() {
  const ImGuiContext& g = *GImGui;
  const ImGuiID focused = g.ActiveId != 0 ? g.ActiveId : g.NavId;
  int found = -1;
  for (size_t i = 0; i < last_.size() && found < 0; ++i) {
    if (last_[i].id == focused) found = static_cast<int>(i);
  }
  if (found < 0) found = FindRow(last_rows_, focused);
  if (found < 0) {
    for (size_t i = 0; i < last_.size() && found < 0; ++i) {
      if (last_[i].id == had_focus_) found = static_cast<int>(i);
    }
  }
  return found;
}

void TabStop() {
  if (recording) recording->Add();
}

void TabStopRow(bool selected) {
  if (!recording) return;
  const ImGuiContext& g = *GImGui;
  recording->AddRow(g.CurrentTable ? g.CurrentTable->ID : g.CurrentWindow->ID, selected);
}

bool BeginComboStop(const char* label, const char* preview, ImGuiComboFlags flags) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImGuiID id = window->GetID(label);
  const bool open = ImGui::BeginCombo(label, preview, flags);
  if (!open) {
    TabStop();
  } else if (recording) {
    recording->AddOpen(id, window);
  }
  return open;
}

}  // namespace relay::edge::ui
