// Rescue circle (banner task list item 11, 二(二)): how soon a transport's patient met
// medical care, against 30 minutes in farming areas and 60 in pastoral ones.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "measure.h"
#include "relay/readiness.h"
#include "report_context.h"

namespace relay::report {
namespace {

constexpr double kMinuteMs = 60'000;

// The transports of one group (the banner, a township, a month, ...) and their times.
struct RescueTally {
  int64_t transports = 0;
  int64_t met = 0;
  int64_t missed = 0;
  int64_t no_data = 0;  // a time missing, or no pickup gacha to tell the area's target
  std::vector<double> contact_minutes;  // sorted by SortTimes before they are read
  std::vector<double> destination_minutes;
};

void SortTimes(RescueTally& tally) {
  std::sort(tally.contact_minutes.begin(), tally.contact_minutes.end());
  std::sort(tally.destination_minutes.begin(), tally.destination_minutes.end());
}

// The plan's target for call → first medical contact, by the area type of the pickup gacha.
std::optional<double> TargetMinutes(const std::string& area_type) {
  if (area_type == "farming") return kFarmingTargetSeconds / 60.0;
  if (area_type == "pastoral") return kPastoralTargetSeconds / 60.0;
  return std::nullopt;
}

void Count(RescueTally& tally, const ReportData::Transport& transport,
           std::optional<double> target_minutes) {
  ++tally.transports;
  std::optional<double> contact;
  if (transport.first_contact_ms) {
    contact = (*transport.first_contact_ms - transport.call_ms) / kMinuteMs;
    tally.contact_minutes.push_back(*contact);
  }
  if (transport.arrived_ms) {
    tally.destination_minutes.push_back((*transport.arrived_ms - transport.call_ms) / kMinuteMs);
  }
  if (!contact || !target_minutes) {
    ++tally.no_data;
  } else if (*contact <= *target_minutes) {
    ++tally.met;
  } else {
    ++tally.missed;
  }
}

const std::vector<Measure<RescueTally>>& RescueMeasures() {
  static const std::vector<Measure<RescueTally>> measures = {
      {"transports",
       {"转运数", "Transports"},
       Unit::kCount,
       {},
       [](const RescueTally& t) { return std::optional<double>(t.transports); }},
      {"met",
       {"达标", "Within target"},
       Unit::kCount,
       {},
       [](const RescueTally& t) { return std::optional<double>(t.met); }},
      {"missed",
       {"未达标", "Over target"},
       Unit::kCount,
       {},
       [](const RescueTally& t) { return std::optional<double>(t.missed); }},
      {"no_data",
       {"时间缺失", "Times missing"},
       Unit::kCount,
       {},
       [](const RescueTally& t) { return std::optional<double>(t.no_data); }},
      {"met_share",
       {"急救圈达标率", "Share within the rescue circle"},
       Unit::kShare,
       AtLeast(1.0),
       [](const RescueTally& t) { return Share(t.met, t.met + t.missed); }},
      {"contact_median_minutes",
       {"呼救至接触中位数(分)", "Call to contact, median (min)"},
       Unit::kMinutes,
       {},
       [](const RescueTally& t) { return Quantile(t.contact_minutes, 0.5); }},
      {"contact_p90_minutes",
       {"呼救至接触90分位(分)", "Call to contact, 90th pct (min)"},
       Unit::kMinutes,
       {},
       [](const RescueTally& t) { return Quantile(t.contact_minutes, 0.9); }},
      {"destination_median_minutes",
       {"呼救至送达中位数(分)", "Call to destination, median (min)"},
       Unit::kMinutes,
       {},
       [](const RescueTally& t) { return Quantile(t.destination_minutes, 0.5); }},
      {"destination_p90_minutes",
       {"呼救至送达90分位(分)", "Call to destination, 90th pct (min)"},
       Unit::kMinutes,
       {},
       [](const RescueTally& t) { return Quantile(t.destination_minutes, 0.9); }},
  };
  return measures;
}

// The handoffs of the period's transports: each party's wait for the other at the point.
struct HandoffTally {
  int64_t handoffs = 0;
  // Sorted before they are read: the volunteer vehicle waiting for the ambulance, and the
  // ambulance waiting for the vehicle.
  std::vector<double> carrier_wait_minutes;
  std::vector<double> receiver_wait_minutes;
  int64_t with_delay_reason = 0;
};

const std::vector<Measure<HandoffTally>>& HandoffMeasures() {
  static const std::vector<Measure<HandoffTally>> measures = {
      {"handoffs",
       {"中途对接次数", "Mid-route handoffs"},
       Unit::kCount,
       {},
       [](const HandoffTally& t) { return std::optional<double>(t.handoffs); }},
      {"carrier_wait_median_minutes",
       {"送方等候中位数(分)", "Carrier's wait, median (min)"},
       Unit::kMinutes,
       {},
       [](const HandoffTally& t) { return Quantile(t.carrier_wait_minutes, 0.5); }},
      {"receiver_wait_median_minutes",
       {"接方等候中位数(分)", "Receiver's wait, median (min)"},
       Unit::kMinutes,
       {},
       [](const HandoffTally& t) { return Quantile(t.receiver_wait_minutes, 0.5); }},
      {"handoffs_with_delay_reason",
       {"注明延误原因", "With a delay reason"},
       Unit::kCount,
       {},
       [](const HandoffTally& t) { return std::optional<double>(t.with_delay_reason); }},
  };
  return measures;
}

Label AreaTypeName(const std::string& area_type) {
  if (area_type == "farming") return {"农区", "farming"};
  if (area_type == "pastoral") return {"牧区", "pastoral"};
  return {"未知", "unknown"};
}

}  // namespace

Section RescueCircleSection(const ReportContext& context) {
  const auto& data = context.data();
  const std::vector<std::string> months = context.period().Months();
  std::vector<int64_t> month_begins;  // a month's first instant, to find a call's by search
  for (const auto& month : months)
    month_begins.push_back(BeijingMidnightMs(month + "-01"));
  RescueTally all;
  std::unordered_map<std::string, RescueTally> by_area, by_township, by_gacha;
  std::vector<RescueTally> by_month(months.size());
  std::vector<std::unordered_map<std::string, RescueTally>> by_month_township(months.size());
  for (const auto& transport : data.transports) {
    if (!context.Counts(transport)) continue;
    const std::string& township = context.TownshipOfTransport(transport);
    const auto* gacha = transport.gacha < 0 ? nullptr : &data.gachas[transport.gacha];
    const std::string area = gacha ? gacha->area_type : "";
    const auto target = TargetMinutes(area);
    const size_t month =
        std::upper_bound(month_begins.begin(), month_begins.end(), transport.call_ms) -
        month_begins.begin() - 1;
    for (RescueTally* tally :
         {&all, &by_area[area], &by_township[township], &by_gacha[transport.pickup_gacha_id],
          &by_month[month], &by_month_township[month][township]}) {
      Count(*tally, transport, target);
    }
  }
  for (RescueTally* tally : {&all})
    SortTimes(*tally);
  for (auto* tallies : {&by_area, &by_township, &by_gacha}) {
    for (auto& [key, tally] : *tallies)
      SortTimes(tally);
  }
  for (auto& tally : by_month)
    SortTimes(tally);

  HandoffTally handoffs;
  std::map<std::string, int64_t> delay_reasons;
  for (const auto& handoff : data.handoffs) {
    const auto* transport = context.TransportAt(handoff.transport);
    if (!transport || !context.Counts(*transport)) continue;
    ++handoffs.handoffs;
    if (handoff.carrier_arrived_ms && handoff.receiver_arrived_ms) {
      const double gap = (*handoff.receiver_arrived_ms - *handoff.carrier_arrived_ms) / kMinuteMs;
      handoffs.carrier_wait_minutes.push_back(std::max(0.0, gap));
      handoffs.receiver_wait_minutes.push_back(std::max(0.0, -gap));
    }
    if (!handoff.delay_reason.empty()) {
      ++handoffs.with_delay_reason;
      ++delay_reasons[handoff.delay_reason];
    }
  }
  std::sort(handoffs.carrier_wait_minutes.begin(), handoffs.carrier_wait_minutes.end());
  std::sort(handoffs.receiver_wait_minutes.begin(), handoffs.receiver_wait_minutes.end());

  Section section{"rescue_circle", {"急救圈", "Rescue circle"}, {}, {}};
  section.figures = FiguresOf(RescueMeasures(), all);
  for (auto& figure : FiguresOf(HandoffMeasures(), handoffs))
    section.figures.push_back(std::move(figure));

  std::vector<std::pair<Subject, RescueTally>> area_rows;
  for (const std::string area : {"farming", "pastoral", ""}) {
    if (!by_area.count(area)) continue;
    area_rows.push_back({{"", {AreaTypeName(area)}}, by_area[area]});
  }
  section.tables.push_back(BreakdownOf("by_area_type", {"按地区类型", "By area type"},
                                       {NameColumn("area_type", {"地区类型", "Area type"})},
                                       RescueMeasures(), area_rows));

  std::vector<std::pair<Subject, RescueTally>> township_rows;
  for (const auto* township : context.TownshipsShown()) {
    township_rows.push_back({{township->id, {{township->name, ""}}}, by_township[township->id]});
  }
  if (context.scope().IsBanner() && by_township.count("")) {
    township_rows.push_back({{"", {{"无接诊嘎查", "no pickup gacha"}}}, by_township[""]});
  }
  section.tables.push_back(BreakdownOf("by_township", {"按苏木镇", "By township"},
                                       {NameColumn("township", {"苏木镇", "Township"})},
                                       RescueMeasures(), township_rows));

  std::vector<std::pair<Subject, RescueTally>> gacha_rows;
  for (const auto* township : context.TownshipsShown()) {
    for (const auto& gacha : data.gachas) {
      if (gacha.archived || gacha.township_id != township->id) continue;
      gacha_rows.push_back(
          {{gacha.id, {{township->name, ""}, {gacha.name, ""}, AreaTypeName(gacha.area_type)}},
           by_gacha[gacha.id]});
    }
  }
  section.tables.push_back(BreakdownOf(
      "by_gacha", {"按嘎查", "By gacha"},
      {NameColumn("township", {"苏木镇", "Township"}), NameColumn("gacha", {"嘎查", "Gacha"}),
       NameColumn("area_type", {"地区类型", "Area type"})},
      RescueMeasures(), gacha_rows));

  std::vector<std::pair<Subject, RescueTally>> month_rows;
  for (size_t month = 0; month < months.size(); ++month) {
    month_rows.push_back({{"", {{months[month], ""}}}, by_month[month]});
  }
  section.tables.push_back(BreakdownOf("by_month", {"按月", "By month"},
                                       {NameColumn("month", {"月份", "Month"})}, RescueMeasures(),
                                       month_rows));

  // Monthly compliance per township, the chart the commission looks at first.
  Table compliance{"compliance_by_month",
                   {"各苏木镇逐月达标率", "Monthly share within target, by township"},
                   {NameColumn("month", {"月份", "Month"})},
                   {},
                   Chart::kLinesByMonth};
  for (const auto* township : context.TownshipsShown()) {
    compliance.columns.push_back(
        {township->id, {township->name, township->name}, Unit::kShare, AtLeast(1.0)});
  }
  for (size_t month = 0; month < months.size(); ++month) {
    Row row{"", {{std::nullopt, months[month]}}};
    for (const auto* township : context.TownshipsShown()) {
      const RescueTally& tally = by_month_township[month][township->id];
      row.cells.push_back({Share(tally.met, tally.met + tally.missed), ""});
    }
    compliance.rows.push_back(std::move(row));
  }
  section.tables.push_back(std::move(compliance));

  Table reasons{"delay_reasons",
                {"延误原因", "Delay reasons"},
                {NameColumn("reason", {"延误原因", "Reason"}),
                 Column{"handoffs", {"次数", "Handoffs"}, Unit::kCount, std::nullopt}},
                {},
                Chart::kNone};
  std::vector<std::pair<std::string, int64_t>> sorted(delay_reasons.begin(), delay_reasons.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [reason, count] : sorted) {
    reasons.rows.push_back({"", {{std::nullopt, reason}, {static_cast<double>(count), ""}}});
  }
  section.tables.push_back(std::move(reasons));
  return section;
}

}  // namespace relay::report
