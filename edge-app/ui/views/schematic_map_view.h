#pragma once

#include "ui/model/schematic_map.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The schematic map, width × height, drawn with the window's draw list (no tiles: the laptops
// are offline): gachas as circles coloured by verdict, rendezvous points as diamonds, stations
// as crosses, townships' names, a legend; hovering a place names it. Places with no location
// are listed below the map.
void DrawSchematicMap(const char* title, const SchematicMap& map, const Translations& tr,
                      float width, float height);

}  // namespace relay::edge::ui
