#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The enrollment screen: what this laptop is enrolled as, and a box for the one-time code the
// county office reads over the phone, traded for the laptop's token without blocking the window.
void DrawEnrollmentView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
