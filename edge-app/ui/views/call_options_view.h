#pragma once

#include <string>

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Beside a new transport's form once its gacha is chosen: the planner's options, best first,
// each with its car, driver, phone, meeting point and minutes against the target; choosing one
// records the planned handoff and the car's leg (AppModel::ChooseHandoff).
void DrawCallOptions(AppModel& model, const std::string& gacha_id, const Translations& tr);

// Above a transport's timeline after an option was chosen for it: whom to call, the phone
// number large enough to read out, and where and when to meet.
void DrawChosenHandoff(AppModel& model, const std::string& transport_id, const Translations& tr);

// A phone number in groups as it is read out: 139 4790 0001.
std::string PhoneForReading(const std::string& phone);

}  // namespace relay::edge::ui
