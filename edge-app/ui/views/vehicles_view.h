#pragma once

#include <map>
#include <string>

#include "ui/model/app_model.h"
#include "ui/model/record_labels.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The counts of vehicles available now (AvailableVehiclesByGacha) as a dispatcher reads them:
// each home gacha by its name, sorted by name, then those without a home gacha; "0" when none.
std::string AvailableNowCounts(const std::map<std::string, int>& available, RecordLabels& labels,
                               const Translations& tr);

// Draws the vehicle register: how many vehicles are available now per home gacha, filter,
// Add, the list of vehicles, and beside it the form of the selected or new vehicle.
void DrawVehiclesView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
