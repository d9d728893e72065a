#include "ui/model/planning_model.h"

#include "relay/planning/coverage.h"

namespace relay::edge::ui {
namespace {

using planning::kNoRoute;
using planning::Place;

std::optional<GeoPoint> Located(const Place& place) {
  if (!place.location) return std::nullopt;
  return GeoPoint{place.location->first, place.location->second};
}

}  // namespace

const Result<planning::PlanningData>& PlanningModel::Data(uint64_t revision) {
  if (data_revision_ != revision) {
    data_ = planning::LoadPlanningData(store_);
    data_revision_ = revision;
  }
  return data_;
}

const Result<std::vector<PlannedOption>>& PlanningModel::Options(const std::string& gacha_id,
                                                                 uint64_t revision) {
  if (options_ && options_->gacha_id == gacha_id && options_->revision == revision &&
      options_->season == season_) {
    return options_->options;
  }
  options_ = OptionsCache{gacha_id, revision, season_, Status::Error("not planned yet")};
  const auto& data = Data(revision);
  if (!data.ok()) {
    options_->options = data.status();
    return options_->options;
  }
  const planning::PlanningData& planned = data.value();
  const auto& places = planned.network.places();
  const auto gacha = planned.network.IndexOf(gacha_id);
  if (!gacha || places[*gacha].kind != Place::Kind::kGacha) {
    options_->options = Status::Error(ErrorKind::kInvalid, "no gacha has id " + gacha_id);
    return options_->options;
  }
  const planning::HandoffPlanner planner(planned.network, planned.fleet, season_);
  const auto found = planner.Options(*gacha);
  if (found.empty()) {
    options_->options = Status::Error(ErrorKind::kInvalid, "no route");
    return options_->options;
  }
  std::vector<PlannedOption> options;
  for (const planning::HandoffOption& option : found) {
    PlannedOption shown;
    shown.gacha_name = places[*gacha].name;
    shown.station_name = places[planned.fleet.stations[option.station].place].name;
    shown.minutes_to_first_contact = option.minutes_to_first_contact;
    shown.minutes_to_destination = option.minutes_to_destination;
    shown.minutes_to_meeting = option.minutes_to_meeting;
    shown.target_minutes = option.target_minutes;
    shown.meets_target = option.meets_target();
    if (option.vehicle) {
      const planning::VolunteerVehicle& vehicle = planned.fleet.vehicles[*option.vehicle];
      shown.vehicle_id = vehicle.id;
      shown.medical = vehicle.medical;
      shown.plate = vehicle.plate;
      shown.driver_id = vehicle.driver_id;
      shown.driver_name = vehicle.driver_name;
      shown.phone = vehicle.phone;
      shown.rendezvous_point_id = places[*option.rendezvous].id;
      shown.rendezvous_point_name = places[*option.rendezvous].name;
    }
    options.push_back(std::move(shown));
  }
  options_->options = std::move(options);
  return options_->options;
}

const Result<CoverageMap>& PlanningModel::Coverage(uint64_t revision) {
  if (coverage_ && coverage_->revision == revision && coverage_->season == season_)
    return coverage_->map;
  coverage_ = CoverageCache{revision, season_, Status::Error("not assessed yet")};
  const auto& data = Data(revision);
  if (!data.ok()) {
    coverage_->map = data.status();
    return coverage_->map;
  }
  const planning::PlanningData& planned = data.value();
  const auto& places = planned.network.places();
  const planning::CoverageReport report =
      planning::AssessCoverage(planned.network, planned.fleet, planned.calls, season_);
  CoverageMap map;
  map.learning = planned.learning;
  map.gachas = report.gachas.size();
  std::vector<int> best(places.size(), kNoRoute);
  for (const planning::GachaCoverage& gacha : report.gachas) {
    best[gacha.gacha] = gacha.best_minutes;
    if (!gacha.meets_target()) {
      map.outside.push_back({places[gacha.gacha].name, gacha.best_minutes, gacha.best_minutes_all,
                             gacha.target_minutes, planned.calls[gacha.gacha]});
    }
  }
  for (size_t place = 0; place < places.size(); ++place) {
    if (auto at = Located(places[place])) {
      map.spots.push_back(
          {places[place].name, *at, places[place].kind, best[place], places[place].target_minutes});
    } else {
      map.unplaced.push_back(places[place].name);
    }
  }
  for (const auto& link : planned.network.links()) {
    const auto from = Located(places[link.from]);
    const auto to = Located(places[link.to]);
    if (from && to) map.roads.emplace_back(*from, *to);
  }
  for (const planning::Recommendation& recommendation : report.recommendations) {
    CoverageMap::Advice advice;
    advice.vehicle = recommendation.kind == planning::Recommendation::Kind::kVehicle;
    advice.near_gacha = places[recommendation.near_gacha].name;
    advice.gain_calls = recommendation.gain_calls;
    for (size_t gacha : recommendation.gachas_brought_inside)
      advice.brought_inside.push_back(places[gacha].name);
    map.advice.push_back(std::move(advice));
  }
  coverage_->map = std::move(map);
  return coverage_->map;
}

}  // namespace relay::edge::ui
