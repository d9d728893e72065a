#include "ui/model/team_grid.h"

#include <algorithm>
#include <map>

#include "relay/schema.h"
#include "ui/model/record_fields.h"

namespace relay::edge::ui {
namespace {

// The position of a unit kind in the schema's list, so units appear in the plan's order.
size_t KindOrder(const std::string& kind) {
  const auto& kinds = FindTable("units")->Field("unit_kind")->choices;
  return static_cast<size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

}  // namespace

Result<TeamGrid> LoadTeamGrid(LocalStore& store, const std::string& team_id,
                              const std::string& today) {
  auto members = store.ListWhere("members", "team_id", team_id);
  if (!members.ok()) return members.status();
  std::map<std::string, std::string> names;
  for (const auto& member : members.value()) {
    if (!IsArchived(member)) names[FieldText(member, "id")] = FieldText(member, "name");
  }
  auto units = store.ListWhere("units", "team_id", team_id);
  if (!units.ok()) return units.status();

  TeamGrid grid;
  std::vector<nlohmann::json> all_posts;
  for (const auto& unit : units.value()) {
    if (IsArchived(unit)) continue;
    UnitRow row{FieldText(unit, "id"), FieldText(unit, "unit_kind"), {}};
    auto posts = store.ListWhere("posts", "unit_id", row.unit_id);
    if (!posts.ok()) return posts.status();
    for (const auto& post : posts.value()) {
      if (IsArchived(post)) continue;
      all_posts.push_back(post);
      PostCell cell{FieldText(post, "id"), FieldText(post, "name"),
                    FieldText(post, "qualification"), names[FieldText(post, "holder_a_id")],
                    names[FieldText(post, "holder_b_id")]};
      cell.gap = FieldText(post, "holder_a_id").empty() || FieldText(post, "holder_b_id").empty();
      row.posts.push_back(std::move(cell));
    }
    std::sort(row.posts.begin(), row.posts.end(),
              [](const PostCell& a, const PostCell& b) { return a.name < b.name; });
    grid.units.push_back(std::move(row));
  }
  std::stable_sort(grid.units.begin(), grid.units.end(), [](const UnitRow& a, const UnitRow& b) {
    return KindOrder(a.unit_kind) < KindOrder(b.unit_kind);
  });
  grid.readiness = ComputeReadiness(all_posts, members.value(), today);
  return grid;
}

}  // namespace relay::edge::ui
