#pragma once

#include "ui/model/planning_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The coverage map, width × height, offline (no tiles): the roads as lines, the gachas as
// circles coloured by their best predicted minutes against their target, rendezvous points as
// diamonds, stations as crosses, a legend; hovering a place names it with its minutes.
void DrawCoverageMap(const CoverageMap& map, const Translations& tr, float width, float height);

}  // namespace relay::edge::ui
