#include "ui/geography_view.h"

#include <imgui.h>

#include "ui/record_list_view.h"
#include "ui/widgets.h"

namespace relay::edge::ui {

void DrawGeographyView(AppModel& model, const Translations& tr) {
  if (!ImGui::BeginTabBar("##geography")) return;
  for (const char* table : {"townships", "gachas", "rendezvous_points", "stations"}) {
    const std::string id = table;
    if (ImGui::BeginTabItem(Labeled(tr("title." + id), table).c_str())) {
      DrawRecordList(model, model.browser(id), ListLayout{0, /*read_only=*/true}, tr);
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

}  // namespace relay::edge::ui
