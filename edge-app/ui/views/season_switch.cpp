#include "ui/views/season_switch.h"

#include <imgui.h>

#include "ui/views/keyboard_focus.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {

void DrawSeasonSwitch(PlanningModel& planning, const Translations& tr) {
  ImGui::TextUnformatted(tr("plan.season"));
  for (auto [season, key, id] :
       {std::tuple{planning::Season::kGood, "plan.season.good", "good"},
        std::tuple{planning::Season::kWinter, "plan.season.winter", "winter"}}) {
    ImGui::SameLine();
    if (ImGui::RadioButton(Labeled(tr(key), id).c_str(), planning.season() == season))
      planning.set_season(season);
    TabStop();
  }
}

}  // namespace relay::edge::ui
