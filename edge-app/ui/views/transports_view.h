#pragma once

#include "ui/model/app_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Opens a new handoff's form for a transport, its transport already filled in.
void StartHandoff(AppModel& model, const std::string& transport_id);

// Draws the transports: their list, and under it the selected transport's timeline — call,
// legs, handoffs with each party's wait, first contact and arrival, and whether it met its
// gacha's target. Ctrl+T starts a new transport, Ctrl+H records a handoff of the selected one.
void DrawTransportsView(AppModel& model, const Translations& tr);

}  // namespace relay::edge::ui
