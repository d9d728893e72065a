#include "relay/planning/road_learning.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace relay::planning {
namespace {

// A leg many times slower or faster than its road waited somewhere (a patient loaded, a
// gate) or was misrecorded; its ratio is held within these bounds.
constexpr double kMinRatio = 0.25;
constexpr double kMaxRatio = 4.0;
// The county's estimate counts as this many legs at ratio 1.
constexpr double kEstimateWeight = 1.0;
constexpr int kMaxMinutes[2] = {600, 900};  // the schema's bounds, by Season

// The fastest ways from the places legs start at, each searched once however many legs start
// there.
class FastestWays {
 public:
  explicit FastestWays(const RoadNetwork& network) : network_(network) {}
  const RoadNetwork::Routes& From(const TimedLeg& leg) {
    const auto key = std::make_tuple(leg.from, leg.season, leg.drive);
    auto found = routes_.find(key);
    if (found == routes_.end())
      found = routes_.emplace(key, network_.RoutesFrom(leg.from, leg.season, leg.drive)).first;
    return found->second;
  }
  std::vector<size_t> Path(const TimedLeg& leg) { return From(leg).Path(network_, leg.to); }
  int Minutes(const TimedLeg& leg) { return From(leg).minutes[leg.to]; }

 private:
  const RoadNetwork& network_;
  std::map<std::tuple<size_t, Season, Drive>, RoadNetwork::Routes> routes_;
};

int PredictedMinutes(const RoadNetwork& network, const std::vector<size_t>& path, Season season) {
  int minutes = 0;
  for (size_t link : path)
    minutes += network.links()[link].Minutes(season);
  return minutes;
}

}  // namespace

RoadNetwork LearnFromLegs(const RoadNetwork& network, const std::vector<TimedLeg>& legs) {
  const size_t links = network.links().size();
  // Per season and link: the sum of weights and of weighted ratios.
  std::vector<double> weight[2] = {std::vector<double>(links), std::vector<double>(links)};
  std::vector<double> weighted_ratio[2] = {std::vector<double>(links), std::vector<double>(links)};
  FastestWays ways(network);
  for (const TimedLeg& leg : legs) {
    const auto path = ways.Path(leg);
    const int predicted = PredictedMinutes(network, path, leg.season);
    if (path.empty() || predicted <= 0) continue;
    const double ratio =
        std::clamp(static_cast<double>(leg.minutes) / predicted, kMinRatio, kMaxRatio);
    const int season = static_cast<int>(leg.season);
    for (size_t link : path) {
      const double share =
          static_cast<double>(network.links()[link].Minutes(leg.season)) / predicted;
      weight[season][link] += share;
      weighted_ratio[season][link] += share * ratio;
    }
  }
  RoadNetwork learned = network;
  for (Season season : {Season::kGood, Season::kWinter}) {
    const int s = static_cast<int>(season);
    for (size_t link = 0; link < links; ++link) {
      if (weight[s][link] == 0) continue;
      const double ratio =
          (kEstimateWeight + weighted_ratio[s][link]) / (kEstimateWeight + weight[s][link]);
      const int minutes =
          static_cast<int>(std::lround(network.links()[link].Minutes(season) * ratio));
      learned.SetMinutes(link, season, std::clamp(minutes, 1, kMaxMinutes[s]));
    }
  }
  return learned;
}

LearningReport AssessLearning(const RoadNetwork& network, std::vector<TimedLeg> legs) {
  FastestWays before(network);
  legs.erase(std::remove_if(legs.begin(), legs.end(),
                            [&](const TimedLeg& leg) { return before.Path(leg).empty(); }),
             legs.end());
  std::sort(legs.begin(), legs.end(),
            [](const TimedLeg& a, const TimedLeg& b) { return a.departed_at < b.departed_at; });
  LearningReport report;
  report.legs = legs.size();
  const size_t learnt = legs.size() * 2 / 3;
  report.legs_judged = legs.size() - learnt;
  if (report.legs_judged == 0 || learnt == 0) return report;
  const RoadNetwork learned =
      LearnFromLegs(network, std::vector<TimedLeg>(legs.begin(), legs.begin() + learnt));
  FastestWays after(learned);
  double error_before = 0, error_after = 0;
  for (size_t i = learnt; i < legs.size(); ++i) {
    const TimedLeg& leg = legs[i];
    error_before += std::abs(before.Minutes(leg) - leg.minutes);
    error_after += std::abs(after.Minutes(leg) - leg.minutes);
  }
  report.mean_abs_minutes_before = error_before / report.legs_judged;
  report.mean_abs_minutes_after = error_after / report.legs_judged;
  return report;
}

}  // namespace relay::planning
