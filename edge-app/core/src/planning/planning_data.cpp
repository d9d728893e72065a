#include "relay/planning/planning_data.h"

#include "relay/validation.h"

#include <cstdio>
#include <map>
#include <set>

namespace relay::planning {
namespace {

std::string TextOf(const nlohmann::json& record, const char* field) {
  auto it = record.find(field);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool FlagOf(const nlohmann::json& record, const char* field) {
  auto it = record.find(field);
  return it != record.end() && it->is_boolean() && it->get<bool>();
}

// The records of a table that are not archived.
Result<std::vector<nlohmann::json>> Current(edge::LocalStore& store, const char* table) {
  RecordQuery query;
  query.include_archived = false;
  return store.List(table, query);
}

std::optional<std::pair<double, double>> LocationOf(const nlohmann::json& record) {
  double latitude = 0, longitude = 0;
  const std::string text = TextOf(record, "location");
  if (std::sscanf(text.c_str(), "%lf,%lf", &latitude, &longitude) != 2) return std::nullopt;
  return std::make_pair(latitude, longitude);
}

// The one place a road's end names (rule road_ends), or "".
std::string EndOf(const nlohmann::json& road, const std::string& end) {
  for (const char* kind : {"_gacha_id", "_rendezvous_point_id", "_station_id"}) {
    const std::string id = TextOf(road, (end + kind).c_str());
    if (!id.empty()) return id;
  }
  return "";
}

// Minutes between two recorded times ("2024-05-01T02:20:00Z"), or nullopt.
std::optional<int> MinutesBetween(const std::string& start, const std::string& end) {
  const auto from = ParseTimeSeconds(start);
  const auto to = ParseTimeSeconds(end);
  if (!from || !to) return std::nullopt;
  return static_cast<int>((*to - *from) / 60);
}

// The place a leg's free-text end names, read in its transport's context: a rendezvous point
// of the transport's handoffs by name; a place whose name no other place has; a herder's
// home in the pickup gacha ("红旗嘎查牧户"), taken as the gacha.
std::optional<size_t> PlaceOfLeg(const RoadNetwork& network, const std::string& text,
                                 const std::vector<size_t>& handoff_points,
                                 std::optional<size_t> pickup_gacha,
                                 const std::multimap<std::string, size_t>& by_name) {
  if (text.empty()) return std::nullopt;
  for (size_t point : handoff_points) {
    if (network.places()[point].name == text) return point;
  }
  if (by_name.count(text) == 1) return by_name.find(text)->second;
  if (pickup_gacha) {
    const std::string& gacha = network.places()[*pickup_gacha].name;
    if (!gacha.empty() && text.rfind(gacha, 0) == 0) return pickup_gacha;
  }
  return std::nullopt;
}

// The legs, not archived, whose both ends are known places and whose times are plausible.
Result<std::vector<TimedLeg>> RecordedLegs(edge::LocalStore& store, const RoadNetwork& network,
                                           const std::vector<nlohmann::json>& transports,
                                           const std::vector<nlohmann::json>& records) {
  std::multimap<std::string, size_t> by_name;
  for (size_t place = 0; place < network.places().size(); ++place)
    by_name.emplace(network.places()[place].name, place);
  std::map<std::string, std::optional<size_t>> pickup;
  for (const nlohmann::json& transport : transports)
    pickup[TextOf(transport, "id")] = network.IndexOf(TextOf(transport, "pickup_gacha_id"));
  std::map<std::string, std::vector<size_t>> handoff_points;
  auto handoffs = Current(store, "handoffs");
  if (!handoffs.ok()) return handoffs.status();
  for (const nlohmann::json& handoff : handoffs.value()) {
    if (auto point = network.IndexOf(TextOf(handoff, "rendezvous_point_id")))
      handoff_points[TextOf(handoff, "transport_id")].push_back(*point);
  }
  std::map<std::string, Drive> drive_of;
  auto vehicles = Current(store, "vehicles");
  if (!vehicles.ok()) return vehicles.status();
  for (const nlohmann::json& vehicle : vehicles.value()) {
    // An ambulance is four-wheel drive, as the planner takes it (planning.md §2).
    const bool four_wd =
        FlagOf(vehicle, "four_wd") || TextOf(vehicle, "owner_category") == "ambulance";
    drive_of[TextOf(vehicle, "id")] = four_wd ? Drive::kFourWheel : Drive::kTwoWheel;
  }
  std::vector<TimedLeg> legs;
  for (const nlohmann::json& record : records) {
    const std::string transport = TextOf(record, "transport_id");
    const std::string departed = TextOf(record, "departed_at");
    const auto minutes = MinutesBetween(departed, TextOf(record, "arrived_at"));
    if (!minutes || *minutes <= 0 || *minutes > 900) continue;
    const auto& points = handoff_points[transport];
    const auto from =
        PlaceOfLeg(network, TextOf(record, "from_place"), points, pickup[transport], by_name);
    const auto to =
        PlaceOfLeg(network, TextOf(record, "to_place"), points, pickup[transport], by_name);
    if (!from || !to || *from == *to) continue;
    const auto drive = drive_of.find(TextOf(record, "vehicle_id"));
    legs.push_back({*from, *to, SeasonAt(*ParseTimeSeconds(departed)),
                    drive == drive_of.end() ? Drive::kFourWheel : drive->second, *minutes,
                    departed});
  }
  return legs;
}

// The vehicles on a leg of an active transport, which rule vehicle_busy keeps from another.
std::set<std::string> OnActiveTransports(const std::vector<nlohmann::json>& transports,
                                         const std::vector<nlohmann::json>& legs) {
  std::set<std::string> active;
  for (const nlohmann::json& transport : transports) {
    if (TextOf(transport, "transport_state") != "closed") active.insert(TextOf(transport, "id"));
  }
  std::set<std::string> busy;
  for (const nlohmann::json& leg : legs) {
    if (active.count(TextOf(leg, "transport_id"))) busy.insert(TextOf(leg, "vehicle_id"));
  }
  return busy;
}

}  // namespace

Result<PlanningData> LoadPlanningData(edge::LocalStore& store) {
  std::vector<Place> places;
  const std::pair<const char*, Place::Kind> place_tables[] = {
      {"gachas", Place::Kind::kGacha},
      {"rendezvous_points", Place::Kind::kRendezvousPoint},
      {"stations", Place::Kind::kStation}};
  std::vector<nlohmann::json> stations;
  for (const auto& [table, kind] : place_tables) {
    auto records = Current(store, table);
    if (!records.ok()) return records.status();
    for (const nlohmann::json& record : records.value()) {
      Place place;
      place.id = TextOf(record, "id");
      place.kind = kind;
      place.name = TextOf(record, "name");
      place.location = LocationOf(record);
      if (kind == Place::Kind::kGacha)
        place.target_minutes = TextOf(record, "area_type") == "farming" ? 30 : 60;
      places.push_back(std::move(place));
    }
    if (kind == Place::Kind::kStation) stations = std::move(records).value();
  }
  auto road_records = Current(store, "roads");
  if (!road_records.ok()) return road_records.status();
  std::vector<Road> roads;
  for (const nlohmann::json& record : road_records.value()) {
    roads.push_back({TextOf(record, "id"), EndOf(record, "from"), EndOf(record, "to"),
                     record.value("minutes_good", 0), record.value("minutes_winter", 0),
                     FlagOf(record, "two_wd_passable")});
  }
  const RoadNetwork as_estimated(std::move(places), roads);
  auto transports = Current(store, "transports");
  if (!transports.ok()) return transports.status();
  auto leg_records = Current(store, "transport_legs");
  if (!leg_records.ok()) return leg_records.status();
  auto legs = RecordedLegs(store, as_estimated, transports.value(), leg_records.value());
  if (!legs.ok()) return legs.status();
  PlanningData data{LearnFromLegs(as_estimated, legs.value()), {}, {}, std::move(legs).value(), {}};
  data.learning = AssessLearning(as_estimated, data.legs);

  // A station whose ambulances are not counted is taken to have one.
  for (const nlohmann::json& station : stations) {
    if (station.value("ambulances", 1) < 1) continue;
    data.fleet.stations.push_back(
        {TextOf(station, "id"), *data.network.IndexOf(TextOf(station, "id"))});
  }
  const std::set<std::string> busy = OnActiveTransports(transports.value(), leg_records.value());
  auto vehicles = Current(store, "vehicles");
  if (!vehicles.ok()) return vehicles.status();
  for (const nlohmann::json& record : vehicles.value()) {
    const std::string category = TextOf(record, "owner_category");
    const auto home = data.network.IndexOf(TextOf(record, "home_gacha_id"));
    if (category == "ambulance" || !TextOf(record, "merged_into").empty() || !home) continue;
    VolunteerVehicle vehicle;
    vehicle.id = TextOf(record, "id");
    vehicle.plate = TextOf(record, "plate");
    vehicle.home = *home;
    vehicle.drive = FlagOf(record, "four_wd") ? Drive::kFourWheel : Drive::kTwoWheel;
    vehicle.medical = category == "gacha_doctor" || category == "mobile_clinic";
    const std::string status = TextOf(record, "status");
    vehicle.available = (status.empty() || status == "available") && !busy.count(vehicle.id);
    vehicle.phone = TextOf(record, "phone");
    vehicle.driver_id = TextOf(record, "driver_id");
    if (!vehicle.driver_id.empty()) {
      auto driver = store.Get("volunteers", vehicle.driver_id);
      if (driver.ok()) vehicle.driver_name = TextOf(driver.value(), "name");
    }
    data.fleet.vehicles.push_back(std::move(vehicle));
  }
  data.calls.assign(data.network.places().size(), 0);
  for (const nlohmann::json& transport : transports.value()) {
    if (auto gacha = data.network.IndexOf(TextOf(transport, "pickup_gacha_id")))
      ++data.calls[*gacha];
  }
  return data;
}

}  // namespace relay::planning
