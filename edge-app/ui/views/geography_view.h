#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Draws the banner's reference geography — sumu/towns, gachas, meeting points, stations — one
// tab each, read-only: a township looks it up, the banner office keeps it.
void DrawGeographyView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
