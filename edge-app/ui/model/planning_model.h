#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/edge/local_store.h"
#include "relay/planning/planning_data.h"
#include "ui/model/schematic_map.h"

namespace relay::edge::ui {

// One of the planner's ways to bring the patient in, as the transport form shows it.
struct PlannedOption {
  std::string vehicle_id;  // empty: the ambulance goes all the way
  bool medical = false;    // a gacha doctor's or mobile clinic's car: care starts at pickup
  std::string plate;
  std::string driver_id;
  std::string driver_name;
  std::string phone;
  std::string gacha_name;
  std::string rendezvous_point_id;
  std::string rendezvous_point_name;
  std::string station_name;
  int minutes_to_first_contact = 0;
  int minutes_to_destination = 0;
  int minutes_to_meeting = 0;
  int target_minutes = 0;
  bool meets_target = false;
};

// What the Planning screen shows: the places at their coordinates coloured by the best
// predicted minutes, the roads as lines, the gachas outside the target, the recommendations
// and the planner's error before and after learning from recorded legs.
struct CoverageMap {
  struct Spot {
    std::string name;
    GeoPoint at;
    planning::Place::Kind kind = planning::Place::Kind::kGacha;
    int minutes = planning::kNoRoute;  // a gacha's best, vehicles available now
    int target_minutes = 0;
  };
  struct Outside {
    std::string name;
    int minutes = planning::kNoRoute;
    int minutes_all = planning::kNoRoute;  // with every registered vehicle
    int target_minutes = 0;
    int calls = 0;
  };
  struct Advice {
    bool vehicle = true;  // false: a rendezvous point
    std::string near_gacha;
    int gain_calls = 0;
    std::vector<std::string> brought_inside;
  };
  std::vector<Spot> spots;
  std::vector<std::pair<GeoPoint, GeoPoint>> roads;  // those with both ends placed
  std::vector<std::string> unplaced;                 // places without a location
  std::vector<Outside> outside;
  std::vector<Advice> advice;
  planning::LearningReport learning;
  size_t gachas = 0;
};

// The planner over this laptop's records, read again only when the data changed (revision)
// or the season was switched.
class PlanningModel {
 public:
  explicit PlanningModel(LocalStore& store, planning::Season season)
      : store_(store), season_(season) {}

  planning::Season season() const { return season_; }
  // The season a person switched to, kept from then on.
  void set_season(planning::Season season) {
    season_ = season;
    season_chosen_ = true;
  }
  // The month's season (SeasonAt), until a person switches: a laptop left running into
  // November turns to winter minutes by itself.
  void FollowTheMonth(int64_t now_s) {
    if (!season_chosen_) season_ = planning::SeasonAt(now_s);
  }

  // The options for a call at the gacha, best first (at most five), or why there are none:
  // kInvalid "no route" when no road leads an ambulance there.
  const Result<std::vector<PlannedOption>>& Options(const std::string& gacha_id, uint64_t revision);
  const Result<CoverageMap>& Coverage(uint64_t revision);

 private:
  const Result<planning::PlanningData>& Data(uint64_t revision);

  LocalStore& store_;
  planning::Season season_;
  bool season_chosen_ = false;
  std::optional<uint64_t> data_revision_;
  Result<planning::PlanningData> data_ = Status::Error("not read yet");
  struct OptionsCache {
    std::string gacha_id;
    uint64_t revision;
    planning::Season season;
    Result<std::vector<PlannedOption>> options;
  };
  std::optional<OptionsCache> options_;
  struct CoverageCache {
    uint64_t revision;
    planning::Season season;
    Result<CoverageMap> map;
  };
  std::optional<CoverageCache> coverage_;
};

}  // namespace relay::edge::ui
