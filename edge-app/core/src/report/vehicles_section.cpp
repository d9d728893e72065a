// Volunteer vehicles (banner task list item 12): registered per township and gacha, by whose
// they are, with a trained driver, and the trips that are the basis of their incentives.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "measure.h"
#include "report_context.h"

namespace relay::report {
namespace {

constexpr double kHourMs = 3'600'000;

// The registered vehicles of one group (a township, a gacha, an owner category).
struct FleetTally {
  int64_t registered = 0;
  int64_t with_trained_driver = 0;
  int64_t available = 0;
};

const std::vector<Measure<FleetTally>>& FleetMeasures() {
  static const std::vector<Measure<FleetTally>> measures = {
      {"registered",
       {"登记车辆", "Registered vehicles"},
       Unit::kCount,
       {},
       [](const FleetTally& t) { return std::optional<double>(t.registered); }},
      {"with_trained_driver",
       {"驾驶员经急救培训", "With a trained driver"},
       Unit::kCount,
       {},
       [](const FleetTally& t) { return std::optional<double>(t.with_trained_driver); }},
      {"trained_driver_share",
       {"驾驶员培训率", "Share with a trained driver"},
       Unit::kShare,
       AtLeast(1.0),
       [](const FleetTally& t) { return Share(t.with_trained_driver, t.registered); }},
      {"available_now",
       {"当前可用", "Available now"},
       Unit::kCount,
       {},
       [](const FleetTally& t) { return std::optional<double>(t.available); }},
  };
  return measures;
}

// What one vehicle or driver did in the period's transports.
struct ServiceTally {
  std::vector<const ReportData::Transport*> transports;  // distinct, once Distinct has run
  int64_t legs = 0;
  double hours = 0;
  int64_t legs_timed = 0;  // legs with both ends of their drive recorded
};

const std::vector<Measure<ServiceTally>>& ServiceMeasures() {
  static const std::vector<Measure<ServiceTally>> measures = {
      {"trips",
       {"参与转运", "Transports served"},
       Unit::kCount,
       {},
       [](const ServiceTally& t) { return std::optional<double>(t.transports.size()); }},
      {"legs",
       {"行程段", "Legs driven"},
       Unit::kCount,
       {},
       [](const ServiceTally& t) { return std::optional<double>(t.legs); }},
      {"hours",
       {"行驶小时", "Hours driven"},
       Unit::kHours,
       {},
       [](const ServiceTally& t) {
         return t.legs_timed ? std::optional<double>(t.hours) : std::nullopt;
       }},
  };
  return measures;
}

Label OwnerCategoryName(const std::string& category) {
  // As relay-edge's forms name them (assets/i18n).
  static const std::map<std::string, Label> kNames = {
      {"gacha_doctor", {"嘎查医生私家车", "Gacha doctor's car"}},
      {"mobile_clinic", {"流动服务车", "Mobile clinic van"}},
      {"gacha_committee", {"嘎查村两委车辆", "Gacha committee car"}},
      {"police", {"派出所警车", "Police station car"}},
      {"cadre", {"干部车辆", "Cadre's car"}},
      {"public", {"社会车辆", "Public car"}},
      {"ambulance", {"救护车", "Ambulance"}},
  };
  auto found = kNames.find(category);
  return found == kNames.end() ? Label{category, ""} : found->second;
}

}  // namespace

Section VehiclesSection(const ReportContext& context) {
  const auto& data = context.data();
  std::unordered_map<std::string, const ReportData::Volunteer*> volunteers;
  for (const auto& volunteer : data.volunteers)
    volunteers[volunteer.id] = &volunteer;
  // A driver counts as trained while the first-aid certificate runs past the period's end.
  auto trained = [&](const std::string& driver_id) {
    auto found = volunteers.find(driver_id);
    return found != volunteers.end() && found->second->first_aid_expires_on >= context.period().to;
  };

  // A vehicle on a leg not yet arrived, of a transport still active, is not available now
  // whatever its status says (as relay-edge's dispatch list counts it).
  std::set<std::string> busy;
  for (const auto& leg : data.legs) {
    const auto* transport = leg.arrived_ms ? nullptr : context.TransportAt(leg.transport);
    if (transport && transport->state != "closed") busy.insert(leg.vehicle_id);
  }

  FleetTally all;
  int64_t ambulances = 0;
  std::map<std::string, FleetTally> by_township, by_gacha, by_category;
  std::unordered_map<std::string, const ReportData::Vehicle*> vehicles;
  for (const auto& vehicle : data.vehicles) {
    vehicles[vehicle.id] = &vehicle;
    const std::string township = context.TownshipOfVehicle(vehicle);
    if (!context.InScope(township)) continue;
    if (vehicle.owner_category == "ambulance") {  // the station's own, no volunteer's
      ++ambulances;
      continue;
    }
    // A vehicle covers its home gacha only where it is registered: one of another township
    // would cover a gacha in the banner's count that its own township's report leaves bare.
    const auto* home = context.Gacha(vehicle.home_gacha_id);
    const std::string gacha_key =
        home && home->township_id == township ? vehicle.home_gacha_id : std::string();
    for (FleetTally* tally : {&all, &by_township[township], &by_gacha[gacha_key],
                              &by_category[vehicle.owner_category]}) {
      ++tally->registered;
      if (trained(vehicle.driver_id)) ++tally->with_trained_driver;
      if (vehicle.status == "available" && !busy.count(vehicle.id)) ++tally->available;
    }
  }
  int64_t gachas_shown = 0, gachas_without = 0;
  for (const auto& gacha : data.gachas) {
    if (gacha.archived || !context.InScope(gacha.township_id)) continue;
    ++gachas_shown;
    if (!by_gacha[gacha.id].registered) ++gachas_without;
  }

  // Legs of the period's transports, by vehicle and by driver.
  std::map<std::string, ServiceTally> by_vehicle, by_driver;
  for (const auto& leg : data.legs) {
    const auto* transport = context.TransportAt(leg.transport);
    if (!transport || !context.Counts(*transport)) continue;
    auto vehicle = vehicles.find(leg.vehicle_id);
    if (vehicle == vehicles.end() || vehicle->second->owner_category == "ambulance") continue;
    const auto start = leg.departed_ms ? leg.departed_ms : leg.dispatched_ms;
    std::vector<ServiceTally*> tallies = {&by_vehicle[leg.vehicle_id]};
    if (!leg.driver_id.empty()) tallies.push_back(&by_driver[leg.driver_id]);
    for (ServiceTally* tally : tallies) {
      tally->transports.push_back(transport);
      ++tally->legs;
      if (start && leg.arrived_ms && *leg.arrived_ms >= *start) {
        tally->hours += (*leg.arrived_ms - *start) / kHourMs;
        ++tally->legs_timed;
      }
    }
  }

  for (auto* tallies : {&by_vehicle, &by_driver}) {
    for (auto& [id, tally] : *tallies) {
      std::sort(tally.transports.begin(), tally.transports.end());
      tally.transports.erase(std::unique(tally.transports.begin(), tally.transports.end()),
                             tally.transports.end());
    }
  }

  Section section{"vehicles", {"志愿车辆", "Volunteer vehicles"}, {}, {}};
  section.figures = FiguresOf(FleetMeasures(), all);
  section.figures.push_back({"ambulances",
                             {"救护车", "Ambulances"},
                             Unit::kCount,
                             static_cast<double>(ambulances),
                             std::nullopt});
  section.figures.push_back({"gachas_without_vehicle",
                             {"无登记车辆的嘎查", "Gachas with no vehicle"},
                             Unit::kCount,
                             gachas_shown ? std::optional<double>(gachas_without) : std::nullopt,
                             AtMost(0)});
  section.figures.push_back({"gacha_coverage",
                             {"嘎查车辆覆盖率", "Share of gachas with a vehicle"},
                             Unit::kShare,
                             Share(gachas_shown - gachas_without, gachas_shown),
                             AtLeast(1.0)});
  section.figures.push_back({"vehicles_served",
                             {"参与转运的志愿车辆", "Vehicles that served"},
                             Unit::kCount,
                             static_cast<double>(by_vehicle.size()),
                             std::nullopt});

  std::vector<std::pair<Subject, FleetTally>> township_rows;
  for (const auto* township : context.TownshipsShown())
    township_rows.push_back({{township->id, {{township->name, ""}}}, by_township[township->id]});
  section.tables.push_back(BreakdownOf("by_township", {"按苏木镇", "By township"},
                                       {NameColumn("township", {"苏木镇", "Township"})},
                                       FleetMeasures(), township_rows));

  std::vector<std::pair<Subject, FleetTally>> gacha_rows;
  for (const auto* township : context.TownshipsShown()) {
    for (const auto& gacha : data.gachas) {
      if (!gacha.archived && gacha.township_id == township->id)
        gacha_rows.push_back(
            {{gacha.id, {{gacha.name, ""}, {township->name, ""}}}, by_gacha[gacha.id]});
    }
  }
  section.tables.push_back(BreakdownOf(
      "by_gacha", {"各嘎查登记车辆", "Vehicles per gacha"},
      {NameColumn("gacha", {"嘎查", "Gacha"}), NameColumn("township", {"苏木镇", "Township"})},
      FleetMeasures(), gacha_rows, Chart::kBars));

  std::vector<std::pair<Subject, FleetTally>> category_rows;
  for (const char* category :
       {"gacha_doctor", "mobile_clinic", "gacha_committee", "police", "cadre", "public"}) {
    category_rows.push_back({{"", {OwnerCategoryName(category)}}, by_category[category]});
  }
  section.tables.push_back(BreakdownOf("by_owner_category", {"按车辆类别", "By owner category"},
                                       {NameColumn("owner_category", {"车辆类别", "Owner"})},
                                       FleetMeasures(), category_rows));

  std::vector<std::pair<Subject, ServiceTally>> vehicle_rows;
  for (const auto& [id, tally] : by_vehicle) {
    const auto* vehicle = vehicles.at(id);
    auto driver = volunteers.find(vehicle->driver_id);
    vehicle_rows.push_back({{id,
                             {{vehicle->plate, ""},
                              OwnerCategoryName(vehicle->owner_category),
                              {driver == volunteers.end() ? "" : driver->second->name, ""},
                              {context.TownshipName(context.TownshipOfVehicle(*vehicle)), ""}}},
                            tally});
  }
  section.tables.push_back(BreakdownOf(
      "service_by_vehicle", {"车辆参与转运(激励依据)", "Service per vehicle (incentive basis)"},
      {NameColumn("plate", {"车牌", "Plate"}), NameColumn("owner_category", {"类别", "Owner"}),
       NameColumn("driver", {"登记驾驶员", "Registered driver"}),
       NameColumn("township", {"苏木镇", "Township"})},
      ServiceMeasures(), vehicle_rows));

  std::vector<std::pair<Subject, ServiceTally>> driver_rows;
  for (const auto& [id, tally] : by_driver) {
    auto driver = volunteers.find(id);
    driver_rows.push_back(
        {{id, {{driver == volunteers.end() ? "—" : driver->second->name, ""}}}, tally});
  }
  section.tables.push_back(
      BreakdownOf("service_by_driver", {"驾驶员参与转运", "Service per driver"},
                  {NameColumn("driver", {"驾驶员", "Driver"})}, ServiceMeasures(), driver_rows));
  return section;
}

}  // namespace relay::report
