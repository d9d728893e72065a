#pragma once

#include "ui/glyph_set.h"
#include "ui/record_form.h"
#include "ui/translations.h"

namespace relay::edge::ui {

// What the user asked of the form this frame.
enum class FormAction { kNone, kSave, kClose };

// Draws a record form with one input per schema field (choice: combo, boolean: checkbox,
// integer: digits, text: text box), each refusal in red under its field. Typed text goes into
// glyphs so the font can draw it from the next frame on.
FormAction DrawRecordForm(RecordForm& form, GlyphSet& glyphs, const Translations& tr);

}  // namespace relay::edge::ui
