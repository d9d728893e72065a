#include "ui/views/teams_view.h"

#include <algorithm>

#include <imgui.h>

#include "ui/views/keyboard_focus.h"
#include "ui/views/record_list_view.h"
#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

const ImU32 kGapBackground = IM_COL32(248, 205, 205, 255);

void DrawReadiness(const TeamReadiness& readiness, const Translations& tr) {
  const std::string posts =
      tr.Format("teams.posts_filled", {{"filled", std::to_string(readiness.posts_filled)},
                                       {"total", std::to_string(readiness.posts)}});
  const std::string members =
      tr.Format("teams.members_trained", {{"trained", std::to_string(readiness.members_trained)},
                                          {"total", std::to_string(readiness.members)}});
  if (readiness.posts_filled < readiness.posts) {
    ErrorText(posts);
  } else {
    OkText(posts);
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("·");
  ImGui::SameLine();
  if (readiness.members_trained < readiness.members) {
    ErrorText(members);
  } else {
    OkText(members);
  }
}

// A holder's name, or a red "vacant" on a red cell.
void HolderCell(const std::string& name, const Translations& tr) {
  if (!name.empty()) {
    ImGui::TextUnformatted(Shown(name).c_str());
    return;
  }
  ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, kGapBackground);
  ImGui::TextColored(kErrorColour, "%s", tr("teams.vacant"));
}

void DrawGrid(AppModel& model, const TeamGrid& grid, bool locked, float height,
              const Translations& tr) {
  if (grid.units.empty()) {
    ImGui::TextDisabled("%s", tr("teams.no_units"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_NoSavedSettings;
  // As tall as its rows, up to the height given; the members list gets the rest.
  size_t rows = 1;
  for (const UnitRow& unit : grid.units)
    rows += std::max<size_t>(1, unit.posts.size());
  const float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  const float fitted = std::min(height, (static_cast<float>(rows) + 0.5f) * row_height);
  if (!ImGui::BeginTable("##grid", 5, kFlags, ImVec2(0, fitted))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* column :
       {"teams.unit", "teams.post", "teams.qualification", "teams.holder_a", "teams.holder_b"}) {
    ImGui::TableSetupColumn(tr(column));
  }
  ImGui::TableHeadersRow();
  RecordBrowser& posts = model.browser("posts");
  ImGui::BeginDisabled(locked);
  for (const UnitRow& unit : grid.units) {
    bool first = true;
    for (const PostCell& post : unit.posts) {
      ImGui::TableNextRow();
      ImGui::PushID(post.post_id.c_str());
      ImGui::TableSetColumnIndex(0);
      if (first) ImGui::TextUnformatted(tr("choice.unit_kind." + unit.unit_kind));
      first = false;
      ImGui::TableSetColumnIndex(1);
      if (ImGui::Selectable(Shown(post.name).c_str(), post.post_id == posts.selected_id())) {
        posts.Select(post.post_id);
        model.browser("members").CloseForm();
      }
      TabStopRow(post.post_id == posts.selected_id());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(Shown(post.qualification).c_str());
      ImGui::TableSetColumnIndex(3);
      HolderCell(post.holder_a, tr);
      ImGui::TableSetColumnIndex(4);
      HolderCell(post.holder_b, tr);
      ImGui::PopID();
    }
    if (unit.posts.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(tr("choice.unit_kind." + unit.unit_kind));
      ImGui::TableSetColumnIndex(1);
      ImGui::TextDisabled("%s", tr("teams.no_posts"));
    }
  }
  ImGui::EndDisabled();
  ImGui::EndTable();
}

}  // namespace

void DrawTeamsView(AppModel& model, const Translations& tr) {
  RecordBrowser& teams = model.browser("teams");
  RecordBrowser& posts = model.browser("posts");
  RecordBrowser& members = model.browser("members");
  // A post being staffed or a member being edited takes the form panel; otherwise the team's.
  RecordBrowser& editing = posts.form().open() ? posts : (members.form().open() ? members : teams);
  const bool locked = editing.form().open() && editing.form().HasChanges();
  const float list_width = ListPanelWidth(editing.form().open());

  ImGui::BeginChild("##teams", ImVec2(list_width, 0));
  const std::string before = teams.selected_id();
  DrawRecordList(model, teams, ListLayout{ImGui::GetTextLineHeightWithSpacing() * 5, false, locked},
                 tr);
  if (teams.selected_id() != before) {
    posts.CloseForm();
    members.CloseForm();
  }
  if (!teams.selected_id().empty()) {
    ImGui::Separator();
    const auto& grid = model.team_grid(teams.selected_id());
    const float half = ImGui::GetContentRegionAvail().y * 0.5f;
    if (!grid.ok()) {
      ErrorText(tr.Format("error.load", {{"reason", grid.status().message()}}));
    } else {
      ImGui::TextUnformatted(tr("teams.roster"));
      DrawReadiness(grid.value().readiness, tr);
      DrawGrid(model, grid.value(), locked, half, tr);
    }
    // At least five members in view; on a small screen the panel scrolls to them.
    const float members_height =
        std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 7);
    if (DrawChildRecords(model, "members", "team_id", teams.selected_id(), locked, members_height,
                         tr)) {
      posts.CloseForm();
    }
  } else {
    ImGui::TextDisabled("%s", tr("teams.pick_team"));
  }
  ImGui::EndChild();
  DrawFormBeside(model, editing, tr);
}

}  // namespace relay::edge::ui
