// The handoff planner over random networks: shortest minutes agree with an exhaustive
// relaxation, the best option is never slower than the ambulance alone, and a new road never
// makes a best time worse.
#include <gtest/gtest.h>

#include <random>

#include "relay/planning/coverage.h"
#include "relay/planning/handoff_planner.h"

namespace relay::planning {
namespace {

struct RandomBanner {
  std::vector<Place> places;
  std::vector<Road> roads;
  Fleet fleet;
};

RandomBanner MakeBanner(std::mt19937& random, size_t place_count, size_t road_count) {
  RandomBanner banner;
  std::uniform_int_distribution<int> kind(0, 9);
  for (size_t i = 0; i < place_count; ++i) {
    const int roll = kind(random);
    Place place;
    place.id = "p" + std::to_string(i);
    place.kind = roll < 6 ? Place::Kind::kGacha
                          : (roll < 9 ? Place::Kind::kRendezvousPoint : Place::Kind::kStation);
    place.target_minutes = place.kind == Place::Kind::kGacha ? (roll < 3 ? 30 : 60) : 0;
    banner.places.push_back(place);
    if (place.kind == Place::Kind::kStation) banner.fleet.stations.push_back({place.id, i});
  }
  if (banner.fleet.stations.empty()) {
    banner.places[0].kind = Place::Kind::kStation;
    banner.fleet.stations.push_back({banner.places[0].id, 0});
  }
  std::uniform_int_distribution<size_t> any_place(0, place_count - 1);
  std::uniform_int_distribution<int> minutes(1, 60);
  std::bernoulli_distribution coin(0.5);
  for (size_t i = 0; i < road_count; ++i) {
    const size_t a = any_place(random), b = any_place(random);
    if (a == b) continue;
    const int good = minutes(random);
    banner.roads.push_back({"r" + std::to_string(i), banner.places[a].id, banner.places[b].id, good,
                            good + minutes(random) / 2, coin(random)});
  }
  for (size_t i = 0; i < place_count / 3; ++i) {
    const size_t home = any_place(random);
    if (banner.places[home].kind != Place::Kind::kGacha) continue;
    VolunteerVehicle vehicle;
    vehicle.id = "v" + std::to_string(i);
    vehicle.home = home;
    vehicle.drive = coin(random) ? Drive::kFourWheel : Drive::kTwoWheel;
    vehicle.medical = kind(random) < 2;
    vehicle.available = kind(random) < 8;
    banner.fleet.vehicles.push_back(vehicle);
  }
  return banner;
}

// Bellman–Ford relaxation until nothing changes: slow, and obviously right.
std::vector<int> Relaxed(const RandomBanner& banner, const RoadNetwork& network, size_t from,
                         Season season, Drive drive) {
  std::vector<int> minutes(banner.places.size(), kNoRoute);
  minutes[from] = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& link : network.links()) {
      if (drive == Drive::kTwoWheel && !link.two_wd_passable) continue;
      for (auto [a, b] : {std::pair{link.from, link.to}, std::pair{link.to, link.from}}) {
        if (minutes[a] != kNoRoute && minutes[a] + link.Minutes(season) < minutes[b]) {
          minutes[b] = minutes[a] + link.Minutes(season);
          changed = true;
        }
      }
    }
  }
  return minutes;
}

TEST(PlannerProperty, ShortestMinutesMatchAnExhaustiveRelaxation) {
  std::mt19937 random(20241204);
  for (int round = 0; round < 40; ++round) {
    const RandomBanner banner = MakeBanner(random, 30, 60);
    const RoadNetwork network(banner.places, banner.roads);
    for (size_t from = 0; from < banner.places.size(); from += 7) {
      for (Season season : {Season::kGood, Season::kWinter}) {
        for (Drive drive : {Drive::kFourWheel, Drive::kTwoWheel}) {
          const auto minutes = network.MinutesFrom(from, season, drive);
          ASSERT_EQ(minutes, Relaxed(banner, network, from, season, drive))
              << "round " << round << " from " << from;
          // The path found adds up to the minutes, link after link.
          for (size_t to = 0; to < minutes.size(); ++to) {
            const auto path = network.PathLinks(from, to, season, drive);
            int sum = 0;
            size_t at = from;
            for (size_t link : path) {
              const auto& road = network.links()[link];
              ASSERT_TRUE(road.from == at || road.to == at) << "the links join up";
              at = road.from == at ? road.to : road.from;
              sum += road.Minutes(season);
            }
            if (minutes[to] == kNoRoute) {
              EXPECT_TRUE(path.empty());
            } else {
              EXPECT_EQ(at, to);
              EXPECT_EQ(sum, minutes[to]);
            }
          }
        }
      }
    }
  }
}

TEST(PlannerProperty, TheBestOptionIsNeverSlowerThanTheAmbulanceAlone) {
  std::mt19937 random(7);
  int compared = 0;
  for (int round = 0; round < 60; ++round) {
    const RandomBanner banner = MakeBanner(random, 40, 90);
    const RoadNetwork network(banner.places, banner.roads);
    const HandoffPlanner planner(network, banner.fleet, Season::kGood);
    for (size_t gacha = 0; gacha < banner.places.size(); ++gacha) {
      if (banner.places[gacha].kind != Place::Kind::kGacha) continue;
      CallRequest request;
      request.limit = 100;
      const auto options = planner.Options(gacha, request);
      // Coverage's shortcut gives the same soonest contact as the listed options.
      EXPECT_EQ(planner.SoonestFirstContact(planner.RoutesFrom(gacha), gacha, true),
                options.empty() ? kNoRoute : options.front().minutes_to_first_contact);
      if (options.empty()) continue;
      const auto alone = std::find_if(options.begin(), options.end(),
                                      [](const HandoffOption& o) { return !o.vehicle; });
      ASSERT_NE(alone, options.end()) << "every list names the ambulance alone";
      EXPECT_LE(options.front().minutes_to_first_contact, alone->minutes_to_first_contact);
      for (size_t i = 1; i < options.size(); ++i) {
        EXPECT_LE(options[i - 1].minutes_to_first_contact, options[i].minutes_to_first_contact);
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 500);
}

TEST(PlannerProperty, ANewRoadNeverMakesABestTimeWorse) {
  std::mt19937 random(11);
  int improved = 0;
  for (int round = 0; round < 60; ++round) {
    const RandomBanner banner = MakeBanner(random, 30, 50);
    std::vector<int> calls(banner.places.size(), 1);
    RoadNetwork network(banner.places, banner.roads);
    const Season season = round % 2 ? Season::kWinter : Season::kGood;
    const CoverageReport before = AssessCoverage(network, banner.fleet, calls, season, 0);
    std::uniform_int_distribution<size_t> any_place(0, banner.places.size() - 1);
    size_t a = any_place(random), b = any_place(random);
    if (a == b) b = (a + 1) % banner.places.size();
    network.AddRoad(a, b, 1 + round % 30, 1 + round % 45, round % 3 != 0);
    const CoverageReport after = AssessCoverage(network, banner.fleet, calls, season, 0);
    ASSERT_EQ(before.gachas.size(), after.gachas.size());
    for (size_t i = 0; i < before.gachas.size(); ++i) {
      EXPECT_LE(after.gachas[i].best_minutes, before.gachas[i].best_minutes) << "round " << round;
      EXPECT_LE(after.gachas[i].best_minutes_all, before.gachas[i].best_minutes_all);
      if (after.gachas[i].best_minutes < before.gachas[i].best_minutes) ++improved;
    }
  }
  EXPECT_GT(improved, 0) << "the new roads never mattered: the property was not exercised";
}

}  // namespace
}  // namespace relay::planning
