#include "plan_command.h"

#include <cmath>
#include <ctime>
#include <iostream>
#include <map>

#include "relay/planning/coverage.h"
#include "relay/planning/planning_data.h"

namespace {

using namespace relay::planning;

int Refuse(const std::string& command, const std::string& reason) {
  std::cerr << "relay-cli: " << command << ": " << reason << "\n";
  return 2;
}

nlohmann::json Minutes(int minutes) {
  return minutes == kNoRoute ? nlohmann::json() : nlohmann::json(minutes);
}

const std::string& IdOf(const RoadNetwork& network, size_t place) {
  return network.places()[place].id;
}

nlohmann::json OptionJson(const PlanningData& data, const HandoffOption& option) {
  const RoadNetwork& network = data.network;
  nlohmann::json json = {
      {"station_id", data.fleet.stations[option.station].id},
      {"destination_station_id", IdOf(network, option.destination)},
      {"minutes_to_first_contact", option.minutes_to_first_contact},
      {"minutes_to_destination", option.minutes_to_destination},
      {"target_minutes", option.target_minutes},
      {"meets_target", option.meets_target()},
  };
  if (option.vehicle) {
    const VolunteerVehicle& vehicle = data.fleet.vehicles[*option.vehicle];
    json["vehicle_id"] = vehicle.id;
    json["plate"] = vehicle.plate;
    json["phone"] = vehicle.phone;
    if (!vehicle.driver_id.empty()) json["driver_id"] = vehicle.driver_id;
    if (!vehicle.driver_name.empty()) json["driver_name"] = vehicle.driver_name;
    json["rendezvous_point_id"] = IdOf(network, *option.rendezvous);
    json["rendezvous_point_name"] = network.places()[*option.rendezvous].name;
    json["minutes_to_meeting"] = option.minutes_to_meeting;
  }
  return json;
}

void ReportLeftOutRoads(const RoadNetwork& network) {
  for (const RoadProblem& problem : network.problems())
    std::cerr << "relay-cli: road " << problem.road_id << " left out: " << problem.error.ToString()
              << "\n";
}

}  // namespace

int PlanCommand(relay::edge::LocalStore& store, const std::vector<std::string>& args) {
  const std::string& command = args[0];
  std::vector<std::string> positional;
  // As relay-edge starts: winter or mud from November to March.
  Season season = SeasonAt(std::time(nullptr));
  std::string destination_id;
  bool all_vehicles = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--season" && command != "plan-accuracy") {
      if (i + 1 >= args.size()) return Refuse(command, "--season: needs good or winter");
      const std::string& value = args[++i];
      if (value != "good" && value != "winter")
        return Refuse(command, "--season: must be good or winter, not " + value);
      season = value == "winter" ? Season::kWinter : Season::kGood;
    } else if (arg == "--destination" && command == "plan") {
      if (i + 1 >= args.size()) return Refuse(command, "--destination: needs a station's id");
      destination_id = args[++i];
      if (destination_id.empty()) return Refuse(command, "--destination: needs a station's id");
    } else if (arg == "--all-vehicles" && command == "plan") {
      all_vehicles = true;
    } else if (arg.rfind("--", 0) == 0) {
      return Refuse(command, arg + ": not an option of " + command);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != (command == "plan" ? 1u : 0u))
    return Refuse(command, command == "plan" ? "give one gacha's id" : "takes no arguments");

  auto loaded = LoadPlanningData(store);
  if (!loaded.ok()) return Refuse(command, loaded.status().message());
  const PlanningData& data = loaded.value();
  ReportLeftOutRoads(data.network);

  if (command == "plan-accuracy") {
    auto error = [](const std::optional<double>& minutes) {
      return minutes ? nlohmann::json(std::round(*minutes * 10) / 10) : nlohmann::json();
    };
    std::cout
        << nlohmann::json{{"legs", data.learning.legs},
                          {"legs_judged", data.learning.legs_judged},
                          {"mean_abs_minutes_before", error(data.learning.mean_abs_minutes_before)},
                          {"mean_abs_minutes_after", error(data.learning.mean_abs_minutes_after)}}
               .dump(2)
        << "\n";
    return 0;
  }

  if (command == "coverage") {
    const CoverageReport report = AssessCoverage(data.network, data.fleet, data.calls, season);
    nlohmann::json gachas = nlohmann::json::array();
    for (const GachaCoverage& gacha : report.gachas) {
      gachas.push_back({{"gacha_id", IdOf(data.network, gacha.gacha)},
                        {"name", data.network.places()[gacha.gacha].name},
                        {"best_minutes", Minutes(gacha.best_minutes)},
                        {"best_minutes_all_vehicles", Minutes(gacha.best_minutes_all)},
                        {"target_minutes", gacha.target_minutes},
                        {"meets_target", gacha.meets_target()},
                        {"calls", data.calls[gacha.gacha]}});
    }
    nlohmann::json recommendations = nlohmann::json::array();
    for (const Recommendation& recommendation : report.recommendations) {
      nlohmann::json inside = nlohmann::json::array();
      for (size_t gacha : recommendation.gachas_brought_inside)
        inside.push_back(IdOf(data.network, gacha));
      recommendations.push_back(
          {{"kind",
            recommendation.kind == Recommendation::Kind::kVehicle ? "vehicle" : "rendezvous_point"},
           {"near_gacha_id", IdOf(data.network, recommendation.near_gacha)},
           {"gain_calls", recommendation.gain_calls},
           {"gachas_brought_inside", inside}});
    }
    std::cout << nlohmann::json{{"gachas", gachas}, {"recommendations", recommendations}}.dump(2)
              << "\n";
    return 0;
  }

  const auto gacha = data.network.IndexOf(positional[0]);
  if (!gacha || data.network.places()[*gacha].kind != Place::Kind::kGacha)
    return Refuse(command, "GACHA_ID: no gacha has id " + positional[0]);
  CallRequest request;
  request.available_only = !all_vehicles;
  if (!destination_id.empty()) {
    const auto destination = data.network.IndexOf(destination_id);
    if (!destination || data.network.places()[*destination].kind != Place::Kind::kStation)
      return Refuse(command, "--destination: no station has id " + destination_id);
    request.destination = destination;
  }
  const HandoffPlanner planner(data.network, data.fleet, season);
  const auto options = planner.Options(*gacha, request);
  if (options.empty()) {
    const std::string gacha_name = data.network.places()[*gacha].name + " (" + positional[0] + ")";
    if (data.fleet.stations.empty())
      return Refuse(command, "no route: no station has an ambulance (stations.ambulances)");
    return Refuse(command, "no route: no road leads an ambulance from a station to " + gacha_name +
                               (request.destination ? " and on to --destination" : ""));
  }
  nlohmann::json printed = nlohmann::json::array();
  for (const HandoffOption& option : options)
    printed.push_back(OptionJson(data, option));
  std::cout << printed.dump(2) << "\n";
  return 0;
}
