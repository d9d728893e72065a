#include "ui/record_row.h"

#include <imgui.h>

namespace relay::edge::ui {

bool DrawRecordRow(RecordBrowser& browser, const nlohmann::json& record,
                   const std::vector<std::string>& cells) {
  const std::string id = record.value("id", "");
  bool clicked = false;
  ImGui::TableNextRow();
  ImGui::PushID(id.c_str());
  for (size_t column = 0; column < cells.size(); ++column) {
    ImGui::TableSetColumnIndex(static_cast<int>(column));
    if (column > 0) {
      ImGui::TextUnformatted(cells[column].c_str());
    } else if (ImGui::Selectable((cells[column] + "##row").c_str(), id == browser.selected_id(),
                                 ImGuiSelectableFlags_SpanAllColumns)) {
      // The first cell's selectable spans the row, so a click anywhere selects it.
      browser.Select(id);
      clicked = true;
    }
  }
  ImGui::PopID();
  return clicked;
}

}  // namespace relay::edge::ui
