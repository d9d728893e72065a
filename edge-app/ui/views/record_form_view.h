#pragma once

#include <cstdint>

#include "ui/model/glyph_set.h"
#include "ui/model/record_form.h"
#include "ui/model/record_labels.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// What the user asked of the form this frame.
enum class FormAction { kNone, kSave, kClose };

// What a form draws with besides its record: glyphs take what is typed so the font can draw
// it from the next frame on, labels name the records reference fields can pick, and now_ms is
// the time the "now" button and F2 / Ctrl+N put into a time field.
struct FormContext {
  GlyphSet& glyphs;
  RecordLabels& labels;
  int64_t now_ms = 0;
};

// Draws a record form with one input per schema field (choice: combo, reference: a combo of
// the target's records with a filter, boolean: checkbox, integer: digits, time: Beijing time
// with a "now" button, text: text box), each refusal in red under its field. Ctrl+S saves;
// a new record's first empty text box takes the keyboard when the form appears.
FormAction DrawRecordForm(RecordForm& form, const FormContext& context, const Translations& tr);

}  // namespace relay::edge::ui
