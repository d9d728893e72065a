#pragma once

#include <vector>

#include "relay/planning/handoff_planner.h"

namespace relay::planning {

struct GachaCoverage {
  size_t gacha = 0;
  int best_minutes = kNoRoute;      // soonest first medical contact, vehicles available now
  int best_minutes_all = kNoRoute;  // as if every registered vehicle were free
  int target_minutes = 0;
  bool meets_target() const { return best_minutes <= target_minutes; }
};

// One more registered volunteer vehicle (four-wheel drive, no medical crew) at a gacha, or one
// more rendezvous point at a gacha, and the calls it would bring inside the target.
struct Recommendation {
  enum class Kind { kVehicle, kRendezvousPoint };
  Kind kind = Kind::kVehicle;
  size_t near_gacha = 0;
  int gain_calls = 0;
  std::vector<size_t> gachas_brought_inside;
};

struct CoverageReport {
  std::vector<GachaCoverage> gachas;            // every gacha of the network, in its order
  std::vector<Recommendation> recommendations;  // in the order a greedy choice takes them
};

// The best predicted time for every gacha, and up to `recommendations` additions chosen one
// at a time, each the one that brings the most past calls (`calls`, per place) inside the
// target given those chosen before it (a greedy maximal-covering step).
CoverageReport AssessCoverage(const RoadNetwork& network, const Fleet& fleet,
                              const std::vector<int>& calls, Season season,
                              size_t recommendations = 5, PlanningAssumptions assumptions = {});

}  // namespace relay::planning
