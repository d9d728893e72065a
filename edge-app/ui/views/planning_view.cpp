#include "ui/views/planning_view.h"

#include <imgui.h>

#include <cmath>
#include <string>

#include "ui/views/coverage_map_view.h"
#include "ui/views/season_switch.h"
#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

std::string Minutes(int minutes, const Translations& tr) {
  return minutes == planning::kNoRoute
             ? std::string(tr("plan.no_route"))
             : tr.Format("plan.minutes", {{"n", std::to_string(minutes)}});
}

std::string Joined(const std::vector<std::string>& names, const Translations& tr) {
  std::string joined;
  for (const std::string& name : names)
    joined += (joined.empty() ? "" : tr("overview.list_separator")) + name;
  return joined;
}

void DrawOutside(const CoverageMap& map, const Translations& tr) {
  ImGui::TextUnformatted(tr.Format("plan.outside_title", {{"n", std::to_string(map.outside.size())},
                                                          {"total", std::to_string(map.gachas)}})
                             .c_str());
  if (map.outside.empty()) {
    OkText(tr("plan.all_inside"));
    return;
  }
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##outside", 4, kFlags)) return;
  for (const char* column :
       {"plan.column.gacha", "plan.column.best", "plan.column.all_vehicles", "plan.column.calls"})
    ImGui::TableSetupColumn(tr(column));
  ImGui::TableHeadersRow();
  for (const CoverageMap::Outside& gacha : map.outside) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(Shown(gacha.name).c_str());
    ImGui::TableSetColumnIndex(1);
    ErrorText(Minutes(gacha.minutes, tr) + " / " + std::to_string(gacha.target_minutes));
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(Minutes(gacha.minutes_all, tr).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::Text("%d", gacha.calls);
  }
  ImGui::EndTable();
}

void DrawAdvice(const CoverageMap& map, const Translations& tr) {
  ImGui::TextUnformatted(tr("plan.advice_title"));
  ImGui::PushTextWrapPos(0.0f);
  if (map.advice.empty()) ImGui::TextDisabled("%s", tr("plan.no_advice"));
  for (size_t i = 0; i < map.advice.size(); ++i) {
    const CoverageMap::Advice& advice = map.advice[i];
    ImGui::TextWrapped(
        "%s", Shown(tr.Format(advice.vehicle ? "plan.advice.vehicle" : "plan.advice.rendezvous",
                              {{"i", std::to_string(i + 1)},
                               {"gacha", advice.near_gacha},
                               {"calls", std::to_string(advice.gain_calls)},
                               {"names", Joined(advice.brought_inside, tr)}}))
                  .c_str());
  }
  ImGui::PopTextWrapPos();
}

void DrawLearning(const CoverageMap& map, const Translations& tr) {
  const planning::LearningReport& learning = map.learning;
  ImGui::PushTextWrapPos(0.0f);
  if (!learning.mean_abs_minutes_before || !learning.mean_abs_minutes_after) {
    ImGui::TextDisabled(
        "%s", tr.Format("plan.learning_none", {{"legs", std::to_string(learning.legs)}}).c_str());
  } else {
    auto rounded = [](double minutes) { return std::to_string(std::lround(minutes)); };
    ImGui::TextWrapped(
        "%s", tr.Format("plan.learning", {{"legs", std::to_string(learning.legs)},
                                          {"judged", std::to_string(learning.legs_judged)},
                                          {"before", rounded(*learning.mean_abs_minutes_before)},
                                          {"after", rounded(*learning.mean_abs_minutes_after)}})
                  .c_str());
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

void DrawPlanningView(AppModel& model, const Translations& tr) {
  DrawSeasonSwitch(model.planning(), tr);
  const auto& coverage = model.coverage();
  if (!coverage.ok()) {
    ErrorText(tr.Format("error.load", {{"reason", coverage.status().message()}}));
    return;
  }
  const CoverageMap& map = coverage.value();
  const ImVec2 space = ImGui::GetContentRegionAvail();
  const float map_width = std::floor(space.x * 0.55f);
  DrawCoverageMap(map, tr, map_width, space.y);
  ImGui::SameLine();
  ImGui::BeginChild("##planning-lists", ImVec2(0, space.y));
  DrawOutside(map, tr);
  ImGui::Separator();
  DrawAdvice(map, tr);
  ImGui::Separator();
  DrawLearning(map, tr);
  if (!map.unplaced.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(
        "%s", Shown(tr.Format("plan.unplaced", {{"names", Joined(map.unplaced, tr)}})).c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
}

}  // namespace relay::edge::ui
