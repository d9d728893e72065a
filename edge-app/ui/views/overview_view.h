#pragma once

#include "ui/model/app_model.h"
#include "ui/model/options.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The overview: the period picker, each section's figures against their targets, the charts,
// the schematic map and the Excel export, for the banner or this laptop's township.
void DrawOverviewView(AppModel& model, Language language, const Translations& tr);

}  // namespace relay::edge::ui
