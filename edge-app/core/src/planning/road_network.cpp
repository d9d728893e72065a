#include "relay/planning/road_network.h"

#include <ctime>
#include <functional>
#include <queue>

namespace relay::planning {
namespace {

// The schema's bounds (roads.minutes_good 1…600, minutes_winter 1…900), checked again since
// a network can be built from any source.
constexpr int kMaxGoodMinutes = 600;
constexpr int kMaxWinterMinutes = 900;

std::optional<FieldError> RoadError(const Road& road, bool from_known, bool to_known) {
  if (!from_known) return FieldError{"from", "road_ends", "no place has id " + road.from_id};
  if (!to_known) return FieldError{"to", "road_ends", "no place has id " + road.to_id};
  if (road.from_id == road.to_id)
    return FieldError{"to", "road_ends", "a road joins two different places"};
  if (road.minutes_good < 1 || road.minutes_good > kMaxGoodMinutes)
    return FieldError{"minutes_good", "range", "must be 1 … 600 minutes"};
  if (road.minutes_winter < 1 || road.minutes_winter > kMaxWinterMinutes)
    return FieldError{"minutes_winter", "range", "must be 1 … 900 minutes"};
  return std::nullopt;
}

}  // namespace

Season SeasonAt(int64_t seconds) {
  const time_t banner_time = static_cast<time_t>(seconds) + kBannerUtcOffsetMinutes * 60;
  std::tm at{};
  gmtime_r(&banner_time, &at);
  const int month = at.tm_mon + 1;
  return month >= 11 || month <= 3 ? Season::kWinter : Season::kGood;
}

RoadNetwork::RoadNetwork(std::vector<Place> places, const std::vector<Road>& roads)
    : places_(std::move(places)), links_at_(places_.size()) {
  for (size_t i = 0; i < places_.size(); ++i)
    index_.emplace(places_[i].id, i);
  for (const Road& road : roads) {
    const auto from = IndexOf(road.from_id);
    const auto to = IndexOf(road.to_id);
    if (auto error = RoadError(road, from.has_value(), to.has_value())) {
      problems_.push_back({road.id, *error});
      continue;
    }
    AddRoad(*from, *to, road.minutes_good, road.minutes_winter, road.two_wd_passable);
  }
}

std::optional<size_t> RoadNetwork::IndexOf(const std::string& place_id) const {
  auto found = index_.find(place_id);
  if (found == index_.end()) return std::nullopt;
  return found->second;
}

void RoadNetwork::AddRoad(size_t a, size_t b, int minutes_good, int minutes_winter,
                          bool two_wd_passable) {
  links_.push_back({a, b, {minutes_good, minutes_winter}, two_wd_passable});
  links_at_[a].push_back(links_.size() - 1);
  links_at_[b].push_back(links_.size() - 1);
}

void RoadNetwork::SetMinutes(size_t link, Season season, int minutes) {
  links_[link].minutes[static_cast<int>(season)] = minutes;
}

std::vector<int> RoadNetwork::MinutesFrom(size_t from, Season season, Drive drive) const {
  return Search(from, season, drive, nullptr);
}

RoadNetwork::Routes RoadNetwork::RoutesFrom(size_t from, Season season, Drive drive) const {
  Routes routes{from, {}, {}};
  routes.minutes = Search(from, season, drive, &routes.via);
  return routes;
}

std::vector<size_t> RoadNetwork::Routes::Path(const RoadNetwork& network, size_t to) const {
  std::vector<size_t> path;
  if (minutes[to] == kNoRoute) return path;
  for (size_t place = to; place != from;) {
    const Link& link = network.links()[via[place]];
    path.push_back(via[place]);
    place = link.from == place ? link.to : link.from;
  }
  return {path.rbegin(), path.rend()};
}

std::vector<size_t> RoadNetwork::PathLinks(size_t from, size_t to, Season season,
                                           Drive drive) const {
  return RoutesFrom(from, season, drive).Path(*this, to);
}

std::vector<int> RoadNetwork::Search(size_t from, Season season, Drive drive,
                                     std::vector<size_t>* via) const {
  std::vector<int> minutes(places_.size(), kNoRoute);
  if (via) via->assign(places_.size(), 0);
  using Entry = std::pair<int, size_t>;  // minutes so far, place
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> frontier;
  minutes[from] = 0;
  frontier.push({0, from});
  while (!frontier.empty()) {
    const auto [so_far, place] = frontier.top();
    frontier.pop();
    if (so_far > minutes[place]) continue;
    for (size_t index : links_at_[place]) {
      const Link& link = links_[index];
      if (drive == Drive::kTwoWheel && !link.two_wd_passable) continue;
      const size_t next = link.from == place ? link.to : link.from;
      const int reached = so_far + link.Minutes(season);
      if (reached < minutes[next]) {
        minutes[next] = reached;
        if (via) (*via)[next] = index;
        frontier.push({reached, next});
      }
    }
  }
  return minutes;
}

}  // namespace relay::planning
