#include "relay/planning/coverage.h"

#include <algorithm>

namespace relay::planning {
namespace {

int Plus(int a, int b) {
  return a == kNoRoute || b == kNoRoute ? kNoRoute : a + b;
}

constexpr int kFourWheel = static_cast<int>(Drive::kFourWheel);

// What the greedy step works on: the gachas still outside the target, and what has been
// added so far.
class GreedyCover {
 public:
  GreedyCover(const RoadNetwork& network, const Fleet& fleet, const HandoffPlanner& planner,
              const std::vector<int>& calls, const std::vector<RoutesFromGacha>& routes,
              const std::vector<GachaCoverage>& coverage)
      : network_(network), planner_(planner), calls_(calls), routes_(routes) {
    for (const GachaCoverage& gacha : coverage) {
      if (!gacha.meets_target() && gacha.gacha < calls_.size() && calls_[gacha.gacha] > 0)
        outside_.push_back(gacha.gacha);
    }
    for (const VolunteerVehicle& vehicle : fleet.vehicles) {
      if (vehicle.available && !vehicle.medical) carriers_.push_back({vehicle.home, vehicle.drive});
    }
    for (size_t place = 0; place < network.places().size(); ++place) {
      if (network.places()[place].kind == Place::Kind::kRendezvousPoint)
        meeting_points_.push_back(place);
    }
  }

  // The best addition now, or one with no gain when nothing helps.
  Recommendation Best() const {
    Recommendation best;
    for (size_t candidate = 0; candidate < network_.places().size(); ++candidate) {
      if (network_.places()[candidate].kind != Place::Kind::kGacha) continue;
      for (auto kind : {Recommendation::Kind::kVehicle, Recommendation::Kind::kRendezvousPoint}) {
        Recommendation trial = Try(kind, candidate);
        if (trial.gain_calls > best.gain_calls) best = std::move(trial);
      }
    }
    return best;
  }

  void Take(const Recommendation& chosen) {
    if (chosen.kind == Recommendation::Kind::kVehicle) {
      carriers_.push_back({chosen.near_gacha, Drive::kFourWheel});
    } else {
      meeting_points_.push_back(chosen.near_gacha);
    }
    for (size_t gacha : chosen.gachas_brought_inside)
      outside_.erase(std::find(outside_.begin(), outside_.end(), gacha));
  }

 private:
  struct Carrier {
    size_t home;
    Drive drive;
  };

  // When a carrier reaching the patient `at_patient` minutes after the call meets the
  // soonest ambulance at `meeting`, by the routes from the patient's gacha.
  int Meeting(const std::vector<int>& by_car, int at_patient, size_t meeting) const {
    const int carrier_there = Plus(at_patient, by_car[meeting]);
    const int ambulance_there = planner_.ambulance_arrival()[meeting];
    if (carrier_there == kNoRoute || ambulance_there == kNoRoute) return kNoRoute;
    return std::max(carrier_there, ambulance_there);
  }

  Recommendation Try(Recommendation::Kind kind, size_t candidate) const {
    Recommendation trial;
    trial.kind = kind;
    trial.near_gacha = candidate;
    const int start = planner_.assumptions().volunteer_start_minutes;
    for (size_t gacha : outside_) {
      const RoutesFromGacha& routes = routes_[gacha];
      int best = kNoRoute;
      if (kind == Recommendation::Kind::kVehicle) {
        const std::vector<int>& by_car = routes.by_drive[kFourWheel];
        const int at_patient = Plus(start, by_car[candidate]);
        for (size_t meeting : meeting_points_)
          best = std::min(best, Meeting(by_car, at_patient, meeting));
      } else {
        for (const Carrier& carrier : carriers_) {
          const std::vector<int>& by_car = routes.by_drive[static_cast<int>(carrier.drive)];
          best = std::min(best, Meeting(by_car, Plus(start, by_car[carrier.home]), candidate));
        }
      }
      if (best <= network_.places()[gacha].target_minutes) {
        trial.gain_calls += calls_[gacha];
        trial.gachas_brought_inside.push_back(gacha);
      }
    }
    return trial;
  }

  const RoadNetwork& network_;
  const HandoffPlanner& planner_;
  const std::vector<int>& calls_;
  const std::vector<RoutesFromGacha>& routes_;
  std::vector<size_t> outside_;
  std::vector<Carrier> carriers_;  // available vehicles without a medical crew, and those added
  std::vector<size_t> meeting_points_;
};

}  // namespace

CoverageReport AssessCoverage(const RoadNetwork& network, const Fleet& fleet,
                              const std::vector<int>& calls, Season season, size_t recommendations,
                              PlanningAssumptions assumptions) {
  const HandoffPlanner planner(network, fleet, season, assumptions);
  CoverageReport report;
  std::vector<RoutesFromGacha> routes(network.places().size());
  for (size_t place = 0; place < network.places().size(); ++place) {
    if (network.places()[place].kind != Place::Kind::kGacha) continue;
    routes[place] = planner.RoutesFrom(place);
    GachaCoverage coverage;
    coverage.gacha = place;
    coverage.target_minutes = network.places()[place].target_minutes;
    coverage.best_minutes = planner.SoonestFirstContact(routes[place], place, true);
    coverage.best_minutes_all = planner.SoonestFirstContact(routes[place], place, false);
    report.gachas.push_back(coverage);
  }
  GreedyCover greedy(network, fleet, planner, calls, routes, report.gachas);
  while (report.recommendations.size() < recommendations) {
    Recommendation best = greedy.Best();
    if (best.gain_calls == 0) break;
    greedy.Take(best);
    report.recommendations.push_back(std::move(best));
  }
  return report;
}

}  // namespace relay::planning
