#pragma once

#include "ui/model/planning_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The planner's season as two radio buttons, good conditions or winter and mud.
void DrawSeasonSwitch(PlanningModel& planning, const Translations& tr);

}  // namespace relay::edge::ui
