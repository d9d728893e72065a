#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The whole window while the laptop is locked: who is working (the staff list), the PIN of
// the one chosen when they have one, and why a sign-in was refused. Nothing of the data shows.
void DrawSignInView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
