// Training and drills (banner task list items 19–21): each team trains at least twice a year
// with an assessment everyone passes, and drills at least once a year with an evaluation and
// corrective actions written down.
#include <cmath>
#include <map>
#include <unordered_map>

#include "measure.h"
#include "report_context.h"

namespace relay::report {
namespace {

constexpr double kTrainingsPerYear = 2;
constexpr double kDrillsPerYear = 1;

struct TrainingTally {
  int64_t trainings = 0;  // trainings with assessment and tabletop exercises
  int64_t passed = 0;
  int64_t failed = 0;
  int64_t drills = 0;
  int64_t drills_reviewed = 0;  // with an evaluation and corrective actions recorded
};

// A yearly target over a period: its share of the year, rounded half up (a quarter asks for
// one training of two, a half-year for one drill, three quarters for two trainings); a period
// too short to ask for one has no target. Cadence periods count whole months, so every quarter
// asks the same; a range of days counts its days.
std::optional<Target> TargetFor(double per_year, const Period& period) {
  const bool days = period.key.find("..") != std::string::npos;
  const double years =
      days ? static_cast<double>(period.end_ms - period.begin_ms) / (365.25 * 86'400'000)
           : static_cast<double>(period.Months().size()) / 12;
  const double share = std::round(per_year * years);
  if (share < 1) return std::nullopt;
  return AtLeast(share);
}

std::vector<Measure<TrainingTally>> TrainingMeasures(const Period& period) {
  return {
      {"trainings",
       {"培训(含桌面推演)", "Trainings (and tabletop)"},
       Unit::kCount,
       TargetFor(kTrainingsPerYear, period),
       [](const TrainingTally& t) { return std::optional<double>(t.trainings); }},
      {"assessed",
       {"考核人次", "Assessed"},
       Unit::kCount,
       {},
       [](const TrainingTally& t) { return std::optional<double>(t.passed + t.failed); }},
      {"pass_rate",
       {"考核合格率", "Assessment pass rate"},
       Unit::kShare,
       AtLeast(1.0),
       [](const TrainingTally& t) { return Share(t.passed, t.passed + t.failed); }},
      {"drills",
       {"实战演练", "Drills"},
       Unit::kCount,
       TargetFor(kDrillsPerYear, period),
       [](const TrainingTally& t) { return std::optional<double>(t.drills); }},
      {"drills_reviewed_share",
       {"演练有评估及整改", "Drills with evaluation and actions"},
       Unit::kShare,
       AtLeast(1.0),
       [](const TrainingTally& t) { return Share(t.drills_reviewed, t.drills); }},
  };
}

}  // namespace

Section TrainingSection(const ReportContext& context) {
  const auto& data = context.data();
  const auto& period = context.period();
  std::unordered_map<std::string, const ReportData::Team*> teams;
  for (const auto& team : data.teams) {
    if (context.InScope(team.township_id)) teams[team.id] = &team;
  }
  std::unordered_map<std::string, const ReportData::Training*> trainings;  // the period's
  std::map<std::string, TrainingTally> by_team;
  TrainingTally all;
  for (const auto& training : data.trainings) {
    if (training.held_on < period.from || training.held_on > period.to) continue;
    // A training without a team counts for the banner only: it has no township to belong to.
    if (training.team_id.empty() ? !context.scope().IsBanner() : !teams.count(training.team_id))
      continue;
    trainings[training.id] = &training;
    for (TrainingTally* tally : {&all, &by_team[training.team_id]}) {
      if (training.kind == "drill") {
        ++tally->drills;
        if (!training.evaluation.empty() && !training.corrective_actions.empty())
          ++tally->drills_reviewed;
      } else {
        ++tally->trainings;
      }
    }
  }
  for (const auto& participant : data.participants) {
    auto training = trainings.find(participant.training_id);
    if (training == trainings.end() || training->second->kind != "training_assessment") continue;
    for (TrainingTally* tally : {&all, &by_team[training->second->team_id]}) {
      if (participant.result == "passed") ++tally->passed;
      if (participant.result == "failed") ++tally->failed;
    }
  }

  const auto measures = TrainingMeasures(period);
  std::vector<std::pair<Subject, TrainingTally>> team_rows;
  int64_t met_training = 0, met_drill = 0;
  for (const auto& team : data.teams) {
    if (!teams.count(team.id)) continue;
    const TrainingTally& tally = by_team[team.id];
    if (Judge(static_cast<double>(tally.trainings), measures[0].target) == Verdict::kMet)
      ++met_training;
    if (Judge(static_cast<double>(tally.drills), measures[3].target) == Verdict::kMet) ++met_drill;
    team_rows.push_back({{team.id, {{team.name, ""}}}, tally});
  }

  Section section{"training", {"培训与演练", "Training and drills"}, {}, {}};
  // The banner's totals carry no per-team target: the teams' own rows are judged.
  auto totals = measures;
  totals[0].target.reset();
  totals[3].target.reset();
  section.figures = FiguresOf(totals, all);
  const double team_count = static_cast<double>(teams.size());
  section.figures.push_back({"teams_meeting_training_target",
                             {"培训达标队伍占比", "Share of teams trained enough"},
                             Unit::kShare,
                             measures[0].target ? Share(met_training, team_count) : std::nullopt,
                             AtLeast(1.0)});
  section.figures.push_back({"teams_meeting_drill_target",
                             {"演练达标队伍占比", "Share of teams that drilled"},
                             Unit::kShare,
                             measures[3].target ? Share(met_drill, team_count) : std::nullopt,
                             AtLeast(1.0)});
  section.tables.push_back(BreakdownOf("by_team", {"各队伍培训演练", "By team"},
                                       {NameColumn("team", {"队伍", "Team"})}, measures,
                                       team_rows));
  return section;
}

}  // namespace relay::report
