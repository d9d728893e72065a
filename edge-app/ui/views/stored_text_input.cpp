#include "ui/views/stored_text_input.h"

#include <algorithm>
#include <vector>

#include <imgui_stdlib.h>

#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

// Characters held by HoldTypedCharacter, as shown code points, and the frame count when they
// were typed: the frame after it inserts them, a later one finds them stale.
struct HeldCharacters {
  int frame = -1;
  std::vector<char32_t> shown;
};

HeldCharacters& Held() {
  static HeldCharacters held;
  return held;
}

// What the wrapping callback needs to honour the caller's own flags and callback.
struct Caller {
  ImGuiInputTextFlags flags;
  ImGuiInputTextCallback callback;
  void* user_data;
};

constexpr ImGuiInputTextFlags kCharFilters = ImGuiInputTextFlags_CharsDecimal |
                                             ImGuiInputTextFlags_CharsHexadecimal |
                                             ImGuiInputTextFlags_CharsScientific;

// Whether the caller's filters let code_point into its box.
bool Accepts(const Caller& caller, ImGuiInputTextCallbackData* data, char32_t code_point) {
  if (caller.flags & kCharFilters) return false;
  if (!(caller.flags & ImGuiInputTextFlags_CallbackCharFilter) || !caller.callback) return true;
  ImGuiInputTextCallbackData event = *data;
  event.EventFlag = ImGuiInputTextFlags_CallbackCharFilter;
  event.EventChar = static_cast<ImWchar>(code_point);
  event.UserData = caller.user_data;
  return caller.callback(&event) == 0 && event.EventChar == static_cast<ImWchar>(code_point);
}

// Inserts the held characters at the cursor, replacing the selection as typing does.
void InsertHeld(const Caller& caller, ImGuiInputTextCallbackData* data) {
  HeldCharacters& held = Held();
  if (held.shown.empty() || held.frame != ImGui::GetFrameCount() - 1) return;
  std::string text;
  for (char32_t code_point : held.shown) {
    if (Accepts(caller, data, code_point)) AppendUtf8(code_point, text);
  }
  held.shown.clear();
  if (text.empty() || (caller.flags & ImGuiInputTextFlags_ReadOnly)) return;
  if (data->HasSelection()) {
    const int start = std::min(data->SelectionStart, data->SelectionEnd);
    data->DeleteChars(start, std::max(data->SelectionStart, data->SelectionEnd) - start);
  }
  data->InsertChars(data->CursorPos, text.c_str());
}

int WrappingCallback(ImGuiInputTextCallbackData* data) {
  const Caller& caller = *static_cast<const Caller*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
    InsertHeld(caller, data);
    if (!(caller.flags & ImGuiInputTextFlags_CallbackAlways)) return 0;
  }
  if (!caller.callback) return 0;
  data->UserData = caller.user_data;
  return caller.callback(data);
}

// Runs draw over the shown text of *stored and stores back what it edited.
template <typename Draw>
bool EditShown(std::string* stored, ImGuiInputTextFlags flags, ImGuiInputTextCallback callback,
               void* user_data, const Draw& draw) {
  ShownTextMap& map = SessionTextMap();
  std::string shown = map.Show(*stored);
  // With the block full the text cannot be shown exactly; editing it would damage it.
  if (map.Store(shown) != *stored) flags |= ImGuiInputTextFlags_ReadOnly;
  Caller caller{flags, callback, user_data};
  const bool result = draw(&shown, flags | ImGuiInputTextFlags_CallbackAlways, &caller);
  if (!(flags & ImGuiInputTextFlags_ReadOnly)) *stored = map.Store(shown);
  return result;
}

}  // namespace

bool StoredInputText(const char* label, std::string* stored, ImGuiInputTextFlags flags,
                     ImGuiInputTextCallback callback, void* user_data) {
  return EditShown(stored, flags, callback, user_data,
                   [&](std::string* shown, ImGuiInputTextFlags all, Caller* caller) {
                     return ImGui::InputText(label, shown, all, WrappingCallback, caller);
                   });
}

bool StoredInputTextWithHint(const char* label, const char* hint, std::string* stored,
                             ImGuiInputTextFlags flags, ImGuiInputTextCallback callback,
                             void* user_data) {
  return EditShown(stored, flags, callback, user_data,
                   [&](std::string* shown, ImGuiInputTextFlags all, Caller* caller) {
                     return ImGui::InputTextWithHint(label, hint, shown, all, WrappingCallback,
                                                     caller);
                   });
}

bool StoredInputTextMultiline(const char* label, std::string* stored, const ImVec2& size,
                              ImGuiInputTextFlags flags, ImGuiInputTextCallback callback,
                              void* user_data) {
  return EditShown(stored, flags, callback, user_data,
                   [&](std::string* shown, ImGuiInputTextFlags all, Caller* caller) {
                     return ImGui::InputTextMultiline(label, shown, size, all, WrappingCallback,
                                                      caller);
                   });
}

bool HoldTypedCharacter(unsigned int code_point) {
  HeldCharacters& held = Held();
  const int frame = ImGui::GetFrameCount();
  if (held.frame != frame) {
    held.shown.clear();  // typed while no stored text box had the keyboard
    held.frame = frame;
  }
  const bool valid = code_point <= 0x10FFFF && (code_point < 0xD800 || code_point > 0xDFFF);
  if (!valid || (held.shown.empty() && !ShownTextMap::NeedsMapping(code_point))) return false;
  // With the block full nothing is inserted: better a character not typed than a damaged one.
  if (const auto shown = SessionTextMap().ShownCodePoint(code_point)) held.shown.push_back(*shown);
  return true;
}

}  // namespace relay::edge::ui
