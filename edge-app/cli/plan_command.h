#pragma once

#include <string>
#include <vector>

#include "relay/edge/local_store.h"

// relay-cli plan GACHA_ID [--season good|winter] [--destination STATION_ID] [--all-vehicles]
// , relay-cli coverage [--season good|winter] and relay-cli plan-accuracy: the handoff
// planner's options for a call, the banner's coverage with recommendations, or the planner's
// error against recorded legs before and after learning from them, as JSON
// (docs/planning.md); returns the exit status.
int PlanCommand(relay::edge::LocalStore& store, const std::vector<std::string>& args);
