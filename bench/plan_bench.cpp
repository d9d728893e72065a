// Times the handoff planner (issue 15: options for a call ≤ 50 ms; the whole banner's
// coverage with recommendations ≤ 1 s, for 500 places, 2,000 roads and 300 vehicles) on a
// generated banner: places scattered over 200 × 200 km, each joined to its nearest
// neighbours, minutes from the distance and the kind of road.
// Run: build/bin/relay_plan_bench [PLACES ROADS VEHICLES]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "relay/planning/coverage.h"
#include "relay/planning/handoff_planner.h"

namespace {

using namespace relay::planning;
using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Banner {
  std::vector<Place> places;
  std::vector<Road> roads;
  Fleet fleet;
  std::vector<int> calls;
};

Banner Generate(size_t place_count, size_t road_count, size_t vehicle_count) {
  std::mt19937 random(15);
  std::uniform_real_distribution<double> km(0, 200);
  Banner banner;
  std::vector<std::pair<double, double>> at;
  std::vector<size_t> gachas;
  for (size_t i = 0; i < place_count; ++i) {
    Place place;
    place.id = "place-" + std::to_string(i);
    // One place in 25 a station, one in 3 a rendezvous point, the rest gachas.
    place.kind = i % 25 == 0 ? Place::Kind::kStation
                             : (i % 3 == 0 ? Place::Kind::kRendezvousPoint : Place::Kind::kGacha);
    place.target_minutes = place.kind == Place::Kind::kGacha ? (i % 5 < 2 ? 30 : 60) : 0;
    at.emplace_back(km(random), km(random));
    if (place.kind == Place::Kind::kStation) banner.fleet.stations.push_back({place.id, i});
    if (place.kind == Place::Kind::kGacha) gachas.push_back(i);
    banner.places.push_back(std::move(place));
  }
  // Each place to its nearest others, until there are enough roads.
  const size_t per_place = std::max<size_t>(1, (road_count + place_count - 1) / place_count);
  std::uniform_int_distribution<int> kind(0, 3);
  for (size_t i = 0; i < place_count && banner.roads.size() < road_count; ++i) {
    std::vector<std::pair<double, size_t>> by_distance;
    for (size_t j = 0; j < place_count; ++j) {
      if (j != i)
        by_distance.emplace_back(std::hypot(at[i].first - at[j].first, at[i].second - at[j].second),
                                 j);
    }
    std::partial_sort(by_distance.begin(), by_distance.begin() + static_cast<long>(per_place),
                      by_distance.end());
    for (size_t k = 0; k < per_place && banner.roads.size() < road_count; ++k) {
      const int road_kind = kind(random);  // paved, gravel, dirt, track
      const double speed = road_kind == 0 ? 60 : road_kind == 1 ? 40 : road_kind == 2 ? 30 : 20;
      const int good = std::max(1, static_cast<int>(by_distance[k].first * 1.3 / speed * 60));
      banner.roads.push_back({"road-" + std::to_string(banner.roads.size()), banner.places[i].id,
                              banner.places[by_distance[k].second].id, std::min(good, 600),
                              std::min(good * 3 / 2 + 1, 900), road_kind < 3});
    }
  }
  std::uniform_int_distribution<size_t> any_gacha(0, gachas.size() - 1);
  for (size_t v = 0; v < vehicle_count; ++v) {
    VolunteerVehicle vehicle;
    vehicle.id = "vehicle-" + std::to_string(v);
    vehicle.home = gachas[any_gacha(random)];
    vehicle.drive = v % 2 ? Drive::kFourWheel : Drive::kTwoWheel;
    vehicle.medical = v % 7 == 0;
    vehicle.available = v % 5 != 0;
    banner.fleet.vehicles.push_back(vehicle);
  }
  banner.calls.assign(place_count, 0);
  std::poisson_distribution<int> calls_per_gacha(4);
  for (size_t gacha : gachas)
    banner.calls[gacha] = calls_per_gacha(random);
  return banner;
}

}  // namespace

int main(int argc, char** argv) {
  size_t places = 500, roads = 2000, vehicles = 300;
  if (argc == 4) {
    places = std::strtoul(argv[1], nullptr, 10);
    roads = std::strtoul(argv[2], nullptr, 10);
    vehicles = std::strtoul(argv[3], nullptr, 10);
  } else if (argc != 1) {
    std::fprintf(stderr, "usage: relay_plan_bench [PLACES ROADS VEHICLES]\n");
    return 2;
  }
  if (places < 26 || roads < 1) {
    std::fprintf(stderr, "relay_plan_bench: PLACES must be at least 26 and ROADS at least 1\n");
    return 2;
  }
  const Banner banner = Generate(places, roads, vehicles);
  const RoadNetwork network(banner.places, banner.roads);
  std::printf("banner: %zu places (%zu stations), %zu roads, %zu vehicles\n", places,
              banner.fleet.stations.size(), network.links().size(), banner.fleet.vehicles.size());

  // A call as the clinic meets it: the planner built from scratch, then the options.
  std::vector<double> call_ms;
  size_t options_seen = 0;
  for (size_t place = 0; place < banner.places.size(); ++place) {
    if (banner.places[place].kind != Place::Kind::kGacha) continue;
    const auto start = Clock::now();
    const HandoffPlanner planner(network, banner.fleet, Season::kWinter);
    options_seen += planner.Options(place).size();
    call_ms.push_back(MillisecondsSince(start));
  }
  std::sort(call_ms.begin(), call_ms.end());
  double sum = 0;
  for (double ms : call_ms)
    sum += ms;
  const double worst_call = call_ms.back();
  std::printf(
      "options for a call: %zu calls, mean %.2f ms, p95 %.2f ms, worst %.2f ms "
      "(target 50 ms); %zu options\n",
      call_ms.size(), sum / call_ms.size(), call_ms[call_ms.size() * 95 / 100], worst_call,
      options_seen);

  const auto start = Clock::now();
  const CoverageReport report =
      AssessCoverage(network, banner.fleet, banner.calls, Season::kGood, 5);
  const double coverage_ms = MillisecondsSince(start);
  size_t outside = 0;
  for (const GachaCoverage& gacha : report.gachas)
    outside += gacha.meets_target() ? 0 : 1;
  int gain = 0;
  for (const Recommendation& recommendation : report.recommendations)
    gain += recommendation.gain_calls;
  std::printf(
      "coverage with recommendations: %.1f ms (target 1000 ms); %zu gachas, %zu "
      "outside the target, %zu recommendations bringing %d calls inside\n",
      coverage_ms, report.gachas.size(), outside, report.recommendations.size(), gain);
  const bool met = worst_call <= 50 && coverage_ms <= 1000;
  std::printf("%s\n", met ? "targets met" : "TARGETS NOT MET");
  return 0;
}
