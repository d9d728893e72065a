#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Draws the teams: their list, and under it the selected team's readiness, its grid of
// units × posts with the A and B holders (gaps in red) and its members; a post opens in the
// form to staff it, a member to update their phone or training.
void DrawTeamsView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
