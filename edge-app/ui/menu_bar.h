#pragma once

#include "ui/options.h"
#include "ui/translations.h"

namespace relay::edge::ui {

// Draws the window's menu bar (title and language menu); returns the language chosen.
Language DrawMenuBar(Language current, const Translations& tr);

}  // namespace relay::edge::ui
