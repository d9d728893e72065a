#pragma once

#include <vector>

#include "relay/edge/local_store.h"
#include "relay/planning/handoff_planner.h"
#include "relay/planning/road_learning.h"

namespace relay::planning {

// What the planner reads from a laptop's records: the places and roads not archived (the
// roads' minutes corrected by the recorded legs), the stations with an ambulance, the
// registered volunteer vehicles, and the past calls per place.
struct PlanningData {
  RoadNetwork network;
  Fleet fleet;
  std::vector<int> calls;      // per place of the network: transports picked up at that gacha
  std::vector<TimedLeg> legs;  // the recorded legs between places the network knows
  LearningReport learning;     // the planner's error on them, before and after learning
};

Result<PlanningData> LoadPlanningData(edge::LocalStore& store);

}  // namespace relay::planning
