#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "relay/validation.h"

namespace relay::planning {

enum class Season { kGood, kWinter };  // winter also stands for mud

// The season of a moment (seconds since the epoch): winter or mud from November to March, by
// the month in the banner's time.
Season SeasonAt(int64_t seconds);
enum class Drive { kFourWheel, kTwoWheel };

// The minutes of a place no road leads to.
inline constexpr int kNoRoute = std::numeric_limits<int>::max();

struct Place {
  enum class Kind { kGacha, kRendezvousPoint, kStation };
  std::string id;
  Kind kind = Kind::kGacha;
  std::string name;
  int target_minutes = 0;  // a gacha's rescue circle: 30 farming, 60 pastoral; 0 otherwise
  std::optional<std::pair<double, double>> location;  // latitude, longitude in degrees
};

struct Road {
  std::string id;
  std::string from_id;
  std::string to_id;
  int minutes_good = 0;
  int minutes_winter = 0;
  bool two_wd_passable = false;
};

// A road the network left out, and why.
struct RoadProblem {
  std::string road_id;
  FieldError error;
};

// The county's places and the roads between them (driven both ways), with the fewest
// minutes between places per season and drive.
class RoadNetwork {
 public:
  // Every road joining two known, different places with minutes in range; the others are
  // left out and listed in problems(), never guessed at.
  RoadNetwork(std::vector<Place> places, const std::vector<Road>& roads);

  // A road as the network drives it, both ways.
  struct Link {
    size_t from;
    size_t to;
    int minutes[2];  // by Season
    bool two_wd_passable;
    int Minutes(Season season) const { return minutes[static_cast<int>(season)]; }
  };

  const std::vector<Place>& places() const { return places_; }
  const std::vector<Link>& links() const { return links_; }
  const std::vector<RoadProblem>& problems() const { return problems_; }
  std::optional<size_t> IndexOf(const std::string& place_id) const;

  // The fewest minutes from `from` to every place, kNoRoute where no road leads (Dijkstra);
  // a two-wheel-drive car keeps to roads it can pass.
  std::vector<int> MinutesFrom(size_t from, Season season, Drive drive) const;
  // The fastest ways from one place to all others.
  struct Routes {
    size_t from;
    std::vector<int> minutes;  // kNoRoute where no road leads
    std::vector<size_t> via;   // the link each place was reached by
    // The links of one fastest way to `to`, in order; empty when there is none.
    std::vector<size_t> Path(const RoadNetwork& network, size_t to) const;
  };
  Routes RoutesFrom(size_t from, Season season, Drive drive) const;
  // RoutesFrom(from, …).Path(to).
  std::vector<size_t> PathLinks(size_t from, size_t to, Season season, Drive drive) const;

  // Adds a road between two places of the network (what a plan would be with it).
  void AddRoad(size_t a, size_t b, int minutes_good, int minutes_winter, bool two_wd_passable);
  // Sets a link's minutes in one season (as learned from recorded legs).
  void SetMinutes(size_t link, Season season, int minutes);

 private:
  // Dijkstra from `from`; fills the link each place was reached by when `via` is given.
  std::vector<int> Search(size_t from, Season season, Drive drive, std::vector<size_t>* via) const;

  std::vector<Place> places_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<Link> links_;
  std::vector<std::vector<size_t>> links_at_;  // per place, the links that touch it
  std::vector<RoadProblem> problems_;
};

}  // namespace relay::planning
