#include "relay/planning/handoff_planner.h"

#include <algorithm>
#include <tuple>

namespace relay::planning {
namespace {

int Plus(int a, int b) {
  return a == kNoRoute || b == kNoRoute ? kNoRoute : a + b;
}

bool Sooner(const HandoffOption& a, const HandoffOption& b) {
  return std::tie(a.minutes_to_first_contact, a.minutes_to_destination) <
         std::tie(b.minutes_to_first_contact, b.minutes_to_destination);
}

}  // namespace

HandoffPlanner::HandoffPlanner(const RoadNetwork& network, const Fleet& fleet, Season season,
                               PlanningAssumptions assumptions)
    : network_(network),
      fleet_(fleet),
      season_(season),
      assumptions_(assumptions),
      ambulance_arrival_(network.places().size(), kNoRoute) {
  // Ambulances are taken to be four-wheel drive: the township ambulances of pastoral areas are.
  for (const AmbulanceStation& station : fleet_.stations) {
    from_station_.push_back(network_.MinutesFrom(station.place, season_, Drive::kFourWheel));
    const std::vector<int>& minutes = from_station_.back();
    for (size_t place = 0; place < minutes.size(); ++place) {
      ambulance_arrival_[place] = std::min(
          ambulance_arrival_[place], Plus(assumptions_.ambulance_start_minutes, minutes[place]));
    }
  }
  for (size_t place = 0; place < network_.places().size(); ++place) {
    if (network_.places()[place].kind == Place::Kind::kRendezvousPoint)
      rendezvous_points_.push_back(place);
  }
}

RoutesFromGacha HandoffPlanner::RoutesFrom(size_t gacha) const {
  RoutesFromGacha routes;
  for (Drive drive : {Drive::kFourWheel, Drive::kTwoWheel})
    routes.by_drive[static_cast<int>(drive)] = network_.MinutesFrom(gacha, season_, drive);
  return routes;
}

int HandoffPlanner::SoonestFirstContact(const RoutesFromGacha& routes, size_t gacha,
                                        bool available_only) const {
  // The ambulance alone, and each car meeting the first ambulance that can be at a point.
  int soonest = ambulance_arrival_[gacha];
  for (const VolunteerVehicle& vehicle : fleet_.vehicles) {
    if (available_only && !vehicle.available) continue;
    const std::vector<int>& by_car = routes.by_drive[static_cast<int>(vehicle.drive)];
    const int at_patient = Plus(assumptions_.volunteer_start_minutes, by_car[vehicle.home]);
    if (at_patient == kNoRoute || at_patient >= soonest) continue;
    for (size_t rendezvous : rendezvous_points_) {
      const int carrier_there = Plus(at_patient, by_car[rendezvous]);
      const int ambulance_there = ambulance_arrival_[rendezvous];
      if (carrier_there == kNoRoute || ambulance_there == kNoRoute) continue;
      soonest = std::min(soonest,
                         vehicle.medical ? at_patient : std::max(carrier_there, ambulance_there));
    }
  }
  return soonest;
}

std::vector<HandoffOption> HandoffPlanner::Options(size_t gacha, const CallRequest& request) const {
  return Options(gacha, RoutesFrom(gacha), request);
}

std::vector<HandoffOption> HandoffPlanner::Options(size_t gacha, const RoutesFromGacha& routes,
                                                   const CallRequest& request) const {
  const int target = network_.places()[gacha].target_minutes;
  std::vector<int> from_destination;
  if (request.destination)
    from_destination = network_.MinutesFrom(*request.destination, season_, Drive::kFourWheel);
  // Minutes from a place to where the ambulance of station s brings the patient.
  auto onward = [&](size_t s, size_t place) {
    return request.destination ? from_destination[place] : from_station_[s][place];
  };
  auto destination_of = [&](size_t s) {
    return request.destination ? *request.destination : fleet_.stations[s].place;
  };

  std::vector<HandoffOption> options;
  std::optional<HandoffOption> ambulance_alone;
  for (size_t s = 0; s < fleet_.stations.size(); ++s) {
    const int at_patient = Plus(assumptions_.ambulance_start_minutes, from_station_[s][gacha]);
    const int at_destination = Plus(at_patient, onward(s, gacha));
    if (at_destination == kNoRoute) continue;
    HandoffOption option;
    option.station = s;
    option.destination = destination_of(s);
    option.minutes_to_first_contact = at_patient;
    option.minutes_to_destination = at_destination;
    option.target_minutes = target;
    if (!ambulance_alone || Sooner(option, *ambulance_alone)) ambulance_alone = option;
  }
  if (ambulance_alone) options.push_back(*ambulance_alone);

  for (size_t v = 0; v < fleet_.vehicles.size(); ++v) {
    const VolunteerVehicle& vehicle = fleet_.vehicles[v];
    if (request.available_only && !vehicle.available) continue;
    const std::vector<int>& by_car = routes.by_drive[static_cast<int>(vehicle.drive)];
    const int at_patient = Plus(assumptions_.volunteer_start_minutes, by_car[vehicle.home]);
    if (at_patient == kNoRoute) continue;
    std::optional<HandoffOption> best;
    for (size_t rendezvous : rendezvous_points_) {
      const int carrier_there = Plus(at_patient, by_car[rendezvous]);
      if (carrier_there == kNoRoute) continue;
      for (size_t s = 0; s < fleet_.stations.size(); ++s) {
        const int ambulance_there =
            Plus(assumptions_.ambulance_start_minutes, from_station_[s][rendezvous]);
        const int meeting = std::max(carrier_there, ambulance_there);
        const int at_destination =
            Plus(Plus(meeting, assumptions_.transfer_minutes), onward(s, rendezvous));
        if (at_destination == kNoRoute) continue;
        HandoffOption option;
        option.vehicle = v;
        option.rendezvous = rendezvous;
        option.station = s;
        option.destination = destination_of(s);
        option.minutes_to_first_contact = vehicle.medical ? at_patient : meeting;
        option.minutes_to_destination = at_destination;
        option.minutes_to_meeting = meeting;
        option.target_minutes = target;
        if (!best || Sooner(option, *best)) best = option;
      }
    }
    // A car that brings neither care nor arrival sooner than the ambulance alone only adds a
    // vehicle to the road.
    if (best && !(ambulance_alone &&
                  best->minutes_to_first_contact >= ambulance_alone->minutes_to_first_contact &&
                  best->minutes_to_destination >= ambulance_alone->minutes_to_destination)) {
      options.push_back(*best);
    }
  }
  std::stable_sort(options.begin(), options.end(), Sooner);
  if (options.size() > request.limit) {
    const bool alone_kept =
        std::any_of(options.begin(), options.begin() + static_cast<long>(request.limit),
                    [](const HandoffOption& option) { return !option.vehicle; });
    options.resize(request.limit);
    // The ambulance alone stays in a list of several as the yardstick the others are read
    // against.
    if (!alone_kept && ambulance_alone && request.limit > 1) options.back() = *ambulance_alone;
  }
  return options;
}

}  // namespace relay::planning
