#include "ui/team_grid.h"

#include <algorithm>
#include <map>

#include "relay/schema.h"

namespace relay::edge::ui {
namespace {

std::string Text(const nlohmann::json& record, const char* field) {
  const auto found = record.find(field);
  return found != record.end() && found->is_string() ? found->get<std::string>() : "";
}

bool IsArchived(const nlohmann::json& record) {
  const auto found = record.find(std::string(kArchivedField));
  return found != record.end() && (found->is_boolean() ? found->get<bool>() : *found == 1);
}

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
    if (!IsArchived(member)) names[Text(member, "id")] = Text(member, "name");
  }
  auto units = store.ListWhere("units", "team_id", team_id);
  if (!units.ok()) return units.status();

  TeamGrid grid;
  std::vector<nlohmann::json> all_posts;
  for (const auto& unit : units.value()) {
    if (IsArchived(unit)) continue;
    UnitRow row{Text(unit, "id"), Text(unit, "unit_kind"), {}};
    auto posts = store.ListWhere("posts", "unit_id", row.unit_id);
    if (!posts.ok()) return posts.status();
    for (const auto& post : posts.value()) {
      if (IsArchived(post)) continue;
      all_posts.push_back(post);
      PostCell cell{Text(post, "id"), Text(post, "name"), Text(post, "qualification"),
                    names[Text(post, "holder_a_id")], names[Text(post, "holder_b_id")]};
      cell.gap = Text(post, "holder_a_id").empty() || Text(post, "holder_b_id").empty();
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
