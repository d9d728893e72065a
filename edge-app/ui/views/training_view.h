#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Draws the trainings and drills, and under them the selected one's participants with their
// results; the form on the right edits the training or the participant opened last.
void DrawTrainingView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
