#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Draws the sync bar: the Sync button, what waits to be pushed, when sync last worked, what
// went wrong last, and the server; a click only asks the worker, so the UI never waits.
void DrawSyncBar(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
