#pragma once

#include <optional>
#include <string>
#include <vector>

#include "relay/planning/road_network.h"

namespace relay::planning {

// A recorded leg between two places of the network: how long it took, in which season, and
// whether its vehicle has four-wheel drive.
struct TimedLeg {
  size_t from = 0;
  size_t to = 0;
  Season season = Season::kGood;
  Drive drive = Drive::kFourWheel;
  int minutes = 0;
  std::string departed_at;  // canonical UTC text, so the legs sort by time
};

// The road minutes corrected by recorded legs: each leg's recorded / predicted ratio is
// shared over the links of its fastest path by their part of its minutes, and a link's
// minutes move by the mean ratio it saw, weighed against one leg's worth of the county's own
// estimate.
RoadNetwork LearnFromLegs(const RoadNetwork& network, const std::vector<TimedLeg>& legs);

// How far the planner's leg minutes were from the recorded ones, before and after learning:
// learnt from the older two thirds of the legs, judged on the newest third.
struct LearningReport {
  size_t legs = 0;         // legs between known places with a route
  size_t legs_judged = 0;  // the newest third
  std::optional<double> mean_abs_minutes_before;
  std::optional<double> mean_abs_minutes_after;
};
LearningReport AssessLearning(const RoadNetwork& network, std::vector<TimedLeg> legs);

}  // namespace relay::planning
