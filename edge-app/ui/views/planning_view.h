#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The Planning screen (规划): the season switch, the coverage map, the gachas outside the
// target, where one more vehicle or rendezvous point helps most, and the planner's error
// before and after learning from recorded legs.
void DrawPlanningView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
