#include "ui/views/record_row.h"
#include "ui/views/shown_text.h"

#include <imgui.h>

#include "ui/views/keyboard_focus.h"

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
      ImGui::TextUnformatted(Shown(cells[column]).c_str());
    } else if (ImGui::Selectable((Shown(cells[column]) + "##row").c_str(),
                                 id == browser.selected_id(),
                                 ImGuiSelectableFlags_SpanAllColumns)) {
      // The first cell's selectable spans the row, so a click anywhere selects it.
      browser.Select(id);
      clicked = true;
    }
    if (column == 0) TabStopRow(id == browser.selected_id());
  }
  ImGui::PopID();
  return clicked;
}

void DrawVisibleRows(RecordBrowser& browser,
                     const std::function<std::vector<std::string>(const nlohmann::json&)>& cells) {
  ImGuiListClipper clipper;
  // Every row is one line of text. Given that height, the clipper asks only for the rows on
  // screen; left to measure it, it asks for row 0 first in every frame, and a list scrolled
  // past its first page would read two pages from the store each frame.
  const float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  clipper.Begin(static_cast<int>(browser.count()), row_height);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const nlohmann::json* record = browser.Row(row);
      if (!record) return;  // the data shrank since the count; the next reload shows it
      DrawRecordRow(browser, *record, cells(*record));
    }
  }
}

}  // namespace relay::edge::ui
