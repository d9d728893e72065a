#pragma once

#include <optional>
#include <string>
#include <vector>

#include "relay/planning/road_network.h"

namespace relay::planning {

// What the planner takes as given (docs/planning.md §2), in minutes after the call.
struct PlanningAssumptions {
  int volunteer_start_minutes = 5;  // until a volunteer car leaves its home gacha
  int ambulance_start_minutes = 3;  // until an ambulance leaves its station
  int transfer_minutes = 5;         // moving the patient from one vehicle to the other
};

// A station an ambulance can leave from.
struct AmbulanceStation {
  std::string id;
  size_t place = 0;
};

// A registered volunteer vehicle, waiting at its home gacha.
struct VolunteerVehicle {
  std::string id;
  std::string plate;
  size_t home = 0;
  Drive drive = Drive::kTwoWheel;
  bool medical = false;  // a gacha doctor's or mobile clinic's car: care starts at pickup
  bool available = true;
  std::string driver_id;
  std::string driver_name;
  std::string phone;
};

struct Fleet {
  std::vector<AmbulanceStation> stations;
  std::vector<VolunteerVehicle> vehicles;
};

// One way to bring a patient from a gacha to the destination.
struct HandoffOption {
  std::optional<size_t> vehicle;     // into Fleet::vehicles; none: the ambulance goes all the way
  std::optional<size_t> rendezvous;  // the place where the two meet, with a vehicle
  size_t station = 0;                // into Fleet::stations: where the ambulance leaves from
  size_t destination = 0;            // the place the patient is brought to
  int minutes_to_first_contact = 0;  // until medical care reaches the patient
  int minutes_to_destination = 0;
  int minutes_to_meeting = 0;  // with a vehicle: until both are at the rendezvous point
  int target_minutes = 0;
  bool meets_target() const { return minutes_to_first_contact <= target_minutes; }
};

struct CallRequest {
  std::optional<size_t> destination;  // a place; none: the ambulance's own station
  size_t limit = 5;
  bool available_only = true;  // false: as if every registered vehicle were free
};

// The fewest minutes from one gacha to every place, per drive.
struct RoutesFromGacha {
  std::vector<int> by_drive[2];
};

// The options for calls at gachas of one network, fleet and season.
class HandoffPlanner {
 public:
  HandoffPlanner(const RoadNetwork& network, const Fleet& fleet, Season season,
                 PlanningAssumptions assumptions = {});

  // The options for a call at `gacha`, soonest first medical contact first, then soonest at
  // the destination: one per vehicle that brings care or arrival sooner than the ambulance
  // alone, and the ambulance alone (kept in a list of two or more); empty when no route
  // leads an ambulance there.
  std::vector<HandoffOption> Options(size_t gacha, const CallRequest& request = {}) const;
  std::vector<HandoffOption> Options(size_t gacha, const RoutesFromGacha& routes,
                                     const CallRequest& request) const;
  RoutesFromGacha RoutesFrom(size_t gacha) const;
  // The soonest first medical contact of Options(gacha, routes, {.available_only}), or
  // kNoRoute: the same answer without listing the options, for a whole banner's coverage.
  int SoonestFirstContact(const RoutesFromGacha& routes, size_t gacha, bool available_only) const;

  // Per place: the soonest an ambulance can be there after the call, or kNoRoute.
  const std::vector<int>& ambulance_arrival() const { return ambulance_arrival_; }
  const PlanningAssumptions& assumptions() const { return assumptions_; }

 private:
  const RoadNetwork& network_;
  const Fleet& fleet_;
  Season season_;
  PlanningAssumptions assumptions_;
  std::vector<std::vector<int>> from_station_;  // minutes from each station, four-wheel drive
  std::vector<size_t> rendezvous_points_;
  std::vector<int> ambulance_arrival_;
};

}  // namespace relay::planning
