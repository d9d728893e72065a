#pragma once

#include "ui/model/glyph_set.h"
#include "ui/model/options.h"
#include "ui/model/sign_in_view_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Draws the window's menu bar: the title, the language menu, and, unless the laptop is
// locked, who is signed in with lock, sign-out and the idle lock's minutes. Returns the
// language chosen.
Language DrawMenuBar(Language current, SignInViewModel& session, GlyphSet& glyphs,
                     const Translations& tr);

}  // namespace relay::edge::ui
