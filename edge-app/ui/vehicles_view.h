#pragma once

#include "ui/app_model.h"
#include "ui/translations.h"

namespace relay::edge::ui {

// Draws the vehicle register: how many vehicles are available now per home gacha, filter,
// Add, the list of vehicles, and beside it the form of the selected or new vehicle.
void DrawVehiclesView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
