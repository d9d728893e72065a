#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Draws the open sync conflicts, newest first, and beside them the selected one — for a
// concurrent edit the value the merge kept and the one it overwrote side by side, with who
// wrote each and when; for a broken rule or a duplicate what is wrong — and the choice of
// keep, take the overwritten value or enter a new one, with a required reason.
void DrawConflictsView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
