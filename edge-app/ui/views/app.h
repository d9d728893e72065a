#pragma once

#include "ui/model/app_model.h"
#include "ui/model/options.h"
#include "ui/model/translations.h"
#include "ui/views/keyboard_focus.h"

namespace relay::edge::ui {

// The field client's window content — menu bar, sync bar, the list of screens and the current
// screen, or while the laptop is locked only the sign-in — drawn each frame from the model in
// the chosen language; input seen in a frame restarts the idle lock's time. The keyboard reaches
// everything (KeyboardFocus), lands in the first field after sign-in and on each screen change,
// and has keys for the screens (Ctrl+1 to Ctrl+9), syncing (F5) and the help (F1).
class App {
 public:
  // Opens the given screen — teams and training with their first record selected, transports
  // with the latest, kHandoffNew with a handoff's form for the latest, conflicts with the
  // newest open one, kSignIn signed out, kLock locked after the first person without a PIN
  // signed in — and adds every UI string of both languages to the model's glyphs.
  App(AppModel& model, Translations zh, Translations en, Language language, Screen screen);

  // Draws one frame of the UI; call between ImGui::NewFrame and ImGui::Render.
  void Draw();

  Language language() const { return language_; }
  Screen screen() const { return screen_; }
  const Translations& tr() const { return language_ == Language::kZh ? zh_ : en_; }
  // The controls the keyboard steps through, as drawn in the last frame.
  const KeyboardFocus& focus() const { return focus_; }
  // True while the F1 help is shown.
  bool help_open() const { return help_open_; }

 private:
  AppModel& model_;
  Translations zh_;
  Translations en_;
  Language language_;
  Screen screen_;  // one of kNavigationScreens
  KeyboardFocus focus_;
  bool help_open_ = false;
  bool was_locked_ = false;
  bool focus_content_ = true;  // the first field of what shows next takes the keyboard
};

}  // namespace relay::edge::ui
