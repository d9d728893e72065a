// Data health: what tells the county which townships' figures it can trust now — laptops
// gone quiet, conflicts not yet decided, transports left open.
#include <cmath>
#include <map>
#include <unordered_map>

#include "measure.h"
#include "report_context.h"

namespace relay::report {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kQuietAfterMs = 7 * 24 * kHourMs;

struct HealthTally {
  int64_t laptops = 0;
  int64_t quiet_laptops = 0;  // not heard from for a week
  int64_t newest_change_ms = 0;
  int64_t laptops_telling_set_aside = 0;
  int64_t set_aside = 0;  // of the laptops that told
  int64_t open_conflicts = 0;
  int64_t transports_open_over_24h = 0;
};

const std::vector<Measure<HealthTally>>& HealthMeasures() {
  static const std::vector<Measure<HealthTally>> measures = {
      {"laptops",
       {"笔记本", "Laptops"},
       Unit::kCount,
       {},
       [](const HealthTally& t) { return std::optional<double>(t.laptops); }},
      {"laptops_quiet_7_days",
       {"7天未同步的笔记本", "Laptops not heard from for 7 days"},
       Unit::kCount,
       AtMost(0),
       [](const HealthTally& t) {
         // No laptop at all is no sign of health: nothing was measured.
         return t.laptops ? std::optional<double>(t.quiet_laptops) : std::nullopt;
       }},
      {"set_aside",
       {"搁置的修改", "Changes set aside"},
       Unit::kCount,
       AtMost(0),
       [](const HealthTally& t) {
         return t.laptops_telling_set_aside ? std::optional<double>(t.set_aside) : std::nullopt;
       }},
      {"open_conflicts",
       {"待处理冲突", "Open conflicts"},
       Unit::kCount,
       AtMost(0),
       [](const HealthTally& t) { return std::optional<double>(t.open_conflicts); }},
      {"transports_open_over_24h",
       {"超24小时未结案转运", "Transports open over 24 h"},
       Unit::kCount,
       AtMost(0),
       [](const HealthTally& t) { return std::optional<double>(t.transports_open_over_24h); }},
  };
  return measures;
}

// The township each open conflict belongs to, by its owner record (ids are unique across
// tables): a transport's, a vehicle's, a team's, a volunteer's gacha's, or a township itself;
// "" (the banner's) for any other.
std::unordered_map<std::string, std::string> TownshipsOfConflicts(const ReportContext& context) {
  const auto& data = context.data();
  std::unordered_map<std::string, std::string> townships;  // owner id → township
  for (const auto& conflict : data.open_conflicts)
    townships.emplace(conflict.owner_id.empty() ? conflict.record_id : conflict.owner_id, "");
  if (townships.empty()) return townships;
  auto place = [&townships](const std::string& id, const std::string& township) {
    auto found = townships.find(id);
    if (found != townships.end()) found->second = township;
  };
  for (const auto& transport : data.transports)
    place(transport.id, context.TownshipOfTransport(transport));
  for (const auto& vehicle : data.vehicles)
    place(vehicle.id, context.TownshipOfVehicle(vehicle));
  for (const auto& team : data.teams)
    place(team.id, team.township_id);
  for (const auto& volunteer : data.volunteers) {
    const auto* gacha = context.Gacha(volunteer.gacha_id);
    place(volunteer.id, gacha ? gacha->township_id : "");
  }
  for (const auto& township : data.townships)
    place(township.id, township.id);
  return townships;
}

}  // namespace

Section DataHealthSection(const ReportContext& context) {
  const auto& data = context.data();
  HealthTally all;
  std::map<std::string, HealthTally> by_township;
  for (const auto& laptop : data.laptops) {
    if (!context.InScope(laptop.township_id)) continue;
    for (HealthTally* tally : {&all, &by_township[laptop.township_id]}) {
      ++tally->laptops;
      if (context.now_ms() - laptop.last_heard_ms() > kQuietAfterMs) ++tally->quiet_laptops;
      tally->newest_change_ms = std::max(tally->newest_change_ms, laptop.newest_change_ms);
      if (laptop.set_aside) {
        ++tally->laptops_telling_set_aside;
        tally->set_aside += *laptop.set_aside;
      }
    }
  }
  const auto conflict_townships = TownshipsOfConflicts(context);
  for (const auto& conflict : data.open_conflicts) {
    const std::string& township =
        conflict_townships.at(conflict.owner_id.empty() ? conflict.record_id : conflict.owner_id);
    if (!context.InScope(township)) continue;
    ++all.open_conflicts;
    ++by_township[township].open_conflicts;
  }
  for (const auto& transport : data.transports) {
    if (transport.state != "active" || context.now_ms() - transport.call_ms <= 24 * kHourMs)
      continue;
    const std::string township = context.TownshipOfTransport(transport);
    if (!context.InScope(township)) continue;
    ++all.transports_open_over_24h;
    ++by_township[township].transports_open_over_24h;
  }

  Section section{"data_health", {"数据质量", "Data health"}, {}, {}};
  section.figures = FiguresOf(HealthMeasures(), all);
  std::vector<std::pair<Subject, HealthTally>> rows;
  auto newest = [](const HealthTally& tally) -> Label {
    if (!tally.newest_change_ms) return {"—", ""};
    return {BeijingDay(tally.newest_change_ms), ""};
  };
  for (const auto* township : context.TownshipsShown()) {
    const HealthTally& tally = by_township[township->id];
    rows.push_back({{township->id, {{township->name, ""}, newest(tally)}}, tally});
  }
  if (context.scope().IsBanner() && by_township.count("")) {
    rows.push_back(
        {{"", {{"旗级/未归属", "banner / none"}, newest(by_township[""])}}, by_township[""]});
  }
  section.tables.push_back(BreakdownOf(
      "by_township", {"各苏木镇数据质量", "By township"},
      {NameColumn("township", {"苏木镇", "Township"}),
       NameColumn("newest_change", {"最近收到数据(北京时间)", "Newest change (Beijing)"})},
      HealthMeasures(), rows));

  // Each laptop: the township it works for, its last sync, when its newest change reached
  // this database, the days since it was last heard from, and what it keeps aside, so the
  // county knows whom to call.
  auto day_or_dash = [](int64_t ms) { return ms ? BeijingDay(ms) : std::string("—"); };
  Table laptops{
      "laptops",
      {"各笔记本", "Laptops"},
      {NameColumn("township", {"苏木镇", "Township"}),
       NameColumn("last_sync", {"最近同步(北京时间)", "Last sync (Beijing)"}),
       NameColumn("newest_change", {"最近收到数据(北京时间)", "Newest change (Beijing)"}),
       Column{"days_quiet", {"未同步天数", "Days not heard from"}, Unit::kCount, AtMost(7)},
       Column{"set_aside", {"搁置的修改", "Changes set aside"}, Unit::kCount, AtMost(0)}},
      {},
      Chart::kNone};
  for (const auto& laptop : data.laptops) {
    if (!context.InScope(laptop.township_id)) continue;
    const double days =
        static_cast<double>(context.now_ms() - laptop.last_heard_ms()) / (24 * kHourMs);
    const std::optional<double> set_aside =
        laptop.set_aside ? std::optional<double>(*laptop.set_aside) : std::nullopt;
    laptops.rows.push_back(
        {laptop.device,
         {{std::nullopt,
           laptop.township_id.empty() ? "旗级/未归属" : context.TownshipName(laptop.township_id),
           laptop.township_id.empty() ? "banner / none" : ""},
          {std::nullopt, day_or_dash(laptop.last_sync_ms)},
          {std::nullopt, day_or_dash(laptop.newest_change_ms)},
          {laptop.last_heard_ms() ? std::optional<double>(std::floor(std::max(0.0, days)))
                                  : std::nullopt,
           ""},
          {set_aside, ""}}});
  }
  section.tables.push_back(std::move(laptops));
  return section;
}

}  // namespace relay::report
