// Emergency teams (banner task list items 17–18): teams at each level, posts held A and B,
// members with valid training, and every township health centre with a team of its own.
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "measure.h"
#include "report_context.h"

namespace relay::report {
namespace {

struct TeamTally {
  int64_t teams = 0;
  int64_t posts = 0;
  int64_t posts_held_ab = 0;
  int64_t members = 0;
  int64_t members_trained = 0;
};

const std::vector<Measure<TeamTally>>& TeamMeasures() {
  static const std::vector<Measure<TeamTally>> measures = {
      {"teams",
       {"队伍数", "Teams"},
       Unit::kCount,
       {},
       [](const TeamTally& t) { return std::optional<double>(t.teams); }},
      {"posts",
       {"岗位数", "Posts"},
       Unit::kCount,
       {},
       [](const TeamTally& t) { return std::optional<double>(t.posts); }},
      {"posts_held_ab",
       {"AB岗齐备", "Posts held A and B"},
       Unit::kCount,
       {},
       [](const TeamTally& t) { return std::optional<double>(t.posts_held_ab); }},
      {"ab_share",
       {"AB岗齐备率", "Share of posts held A and B"},
       Unit::kShare,
       AtLeast(1.0),
       [](const TeamTally& t) { return Share(t.posts_held_ab, t.posts); }},
      {"members",
       {"队员数", "Members"},
       Unit::kCount,
       {},
       [](const TeamTally& t) { return std::optional<double>(t.members); }},
      {"members_trained",
       {"培训有效队员", "Members with valid training"},
       Unit::kCount,
       {},
       [](const TeamTally& t) { return std::optional<double>(t.members_trained); }},
      {"trained_share",
       {"队员培训有效率", "Share of members trained"},
       Unit::kShare,
       AtLeast(1.0),
       [](const TeamTally& t) { return Share(t.members_trained, t.members); }},
  };
  return measures;
}

Label TeamLevelName(const std::string& level) {
  static const std::map<std::string, Label> kNames = {
      // as relay-edge's forms (assets/i18n)
      {"banner_squad", {"旗应急分队", "Banner squad"}},
      {"hospital", {"医院", "Hospital"}},
      {"cdc", {"疾控中心", "CDC"}},
      {"township", {"苏木镇", "Sumu / town"}},
  };
  auto found = kNames.find(level);
  return found == kNames.end() ? Label{level, ""} : found->second;
}

}  // namespace

Section TeamsSection(const ReportContext& context) {
  const auto& data = context.data();
  std::unordered_map<std::string, const ReportData::Team*> teams;
  for (const auto& team : data.teams) {
    if (context.InScope(team.township_id)) teams[team.id] = &team;
  }
  std::unordered_map<std::string, TeamTally> by_team;
  for (const auto& [id, team] : teams)
    by_team[id].teams = 1;
  std::unordered_set<std::string> members;
  for (const auto& member : data.members)
    members.insert(member.id);
  std::unordered_map<std::string, std::string> unit_team;
  for (const auto& unit : data.units)
    unit_team[unit.id] = unit.team_id;
  for (const auto& post : data.posts) {
    auto team = unit_team.find(post.unit_id);
    if (team == unit_team.end() || !teams.count(team->second)) continue;
    TeamTally& tally = by_team[team->second];
    ++tally.posts;
    // Held by members on the roster: a holder archived or unknown here holds nothing.
    if (members.count(post.holder_a_id) && members.count(post.holder_b_id)) ++tally.posts_held_ab;
  }
  for (const auto& member : data.members) {
    if (!teams.count(member.team_id)) continue;
    TeamTally& tally = by_team[member.team_id];
    ++tally.members;
    // Valid through the period's end: a certificate that lapses within it is not counted.
    if (member.training_expires_on >= context.period().to) ++tally.members_trained;
  }

  auto add = [](TeamTally& into, const TeamTally& from) {
    into.teams += from.teams;
    into.posts += from.posts;
    into.posts_held_ab += from.posts_held_ab;
    into.members += from.members;
    into.members_trained += from.members_trained;
  };
  TeamTally all;
  std::map<std::string, TeamTally> by_level;
  for (const auto& [id, tally] : by_team) {
    add(all, tally);
    add(by_level[teams.at(id)->level], tally);
  }

  Section section{"teams", {"应急队伍", "Emergency teams"}, {}, {}};
  section.figures = FiguresOf(TeamMeasures(), all);
  const auto townships = context.TownshipsShown();
  int64_t with_team = 0;
  std::vector<std::pair<Subject, TeamTally>> township_rows;
  for (const auto* township : townships) {
    TeamTally tally;
    bool centre_has_team = false;  // the plan's coverage counts the health centre's own team
    for (const auto& [id, team] : teams) {
      if (team->township_id != township->id) continue;
      add(tally, by_team[id]);
      centre_has_team |= team->level == "township";
    }
    if (centre_has_team) ++with_team;
    township_rows.push_back({{township->id, {{township->name, ""}}}, tally});
  }
  section.figures.push_back({"health_centres_with_team",
                             {"有应急队伍的卫生院", "Health centres with a team"},
                             Unit::kCount,
                             static_cast<double>(with_team),
                             std::nullopt});
  section.figures.push_back({"health_centre_team_coverage",
                             {"卫生院队伍覆盖率", "Share of health centres with a team"},
                             Unit::kShare,
                             Share(with_team, static_cast<double>(townships.size())),
                             AtLeast(1.0)});

  std::vector<std::pair<Subject, TeamTally>> level_rows;
  for (const char* level : {"banner_squad", "hospital", "cdc", "township"}) {
    level_rows.push_back({{"", {TeamLevelName(level)}}, by_level[level]});
  }
  section.tables.push_back(BreakdownOf("by_level", {"按队伍层级", "By level"},
                                       {NameColumn("team_level", {"层级", "Level"})},
                                       TeamMeasures(), level_rows));
  section.tables.push_back(BreakdownOf("by_township", {"按苏木镇", "By township"},
                                       {NameColumn("township", {"苏木镇", "Township"})},
                                       TeamMeasures(), township_rows));
  std::vector<std::pair<Subject, TeamTally>> team_rows;
  for (const auto& team : data.teams) {
    if (!teams.count(team.id)) continue;
    team_rows.push_back(
        {{team.id,
          {{team.name, ""},
           TeamLevelName(team.level),
           {team.township_id.empty() ? "" : context.TownshipName(team.township_id), ""}}},
         by_team[team.id]});
  }
  section.tables.push_back(BreakdownOf(
      "by_team", {"各队伍", "By team"},
      {NameColumn("team", {"队伍", "Team"}), NameColumn("team_level", {"层级", "Level"}),
       NameColumn("township", {"苏木镇", "Township"})},
      TeamMeasures(), team_rows));
  return section;
}

}  // namespace relay::report
