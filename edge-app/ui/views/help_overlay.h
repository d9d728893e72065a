#pragma once

#include "ui/model/translations.h"

namespace relay::edge::ui {

// The F1 help: every key the UI answers to with what it does, in the UI's language, over the
// screen. Call OpenHelpOverlay and DrawHelpOverlay at the same place of the ID stack.
void OpenHelpOverlay();
// Draws the help while it is open; Esc, a click outside, F1 or its Close button closes it.
// True while it is open.
bool DrawHelpOverlay(const Translations& tr);

}  // namespace relay::edge::ui
