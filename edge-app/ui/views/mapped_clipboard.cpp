#include "ui/views/mapped_clipboard.h"

#include <string>

#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

// The backend's functions, and the shown text last handed to Dear ImGui, which must outlive
// the call as the backend's own text does.
struct Clipboard {
  const char* (*get)(void* user_data) = nullptr;
  void (*set)(void* user_data, const char* text) = nullptr;
  std::string shown;
};

Clipboard& Backend() {
  static Clipboard clipboard;
  return clipboard;
}

const char* GetShown(void* user_data) {
  Clipboard& clipboard = Backend();
  const char* stored = clipboard.get ? clipboard.get(user_data) : nullptr;
  if (!stored) return nullptr;
  clipboard.shown = SessionTextMap().Show(stored);
  return clipboard.shown.c_str();
}

void SetStored(void* user_data, const char* shown) {
  if (Backend().set) Backend().set(user_data, SessionTextMap().Store(shown).c_str());
}

}  // namespace

void MapClipboard(ImGuiIO& io) {
  if (io.GetClipboardTextFn == GetShown) return;  // wrapping twice would map twice
  Backend().get = io.GetClipboardTextFn;
  Backend().set = io.SetClipboardTextFn;
  io.GetClipboardTextFn = GetShown;
  io.SetClipboardTextFn = SetStored;
}

}  // namespace relay::edge::ui
