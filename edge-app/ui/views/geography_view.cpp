#include "ui/views/geography_view.h"

#include <imgui.h>

#include "ui/model/list_cells.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/record_list_view.h"
#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// Every field of the selected record as it reads in words; geography is kept by the county, so
// a township sees it without a form to change it.
void DrawRecordDetails(AppModel& model, RecordBrowser& browser, const Translations& tr) {
  const TableSpec& table = browser.table();
  const nlohmann::json* record = model.labels().Find(table.name, browser.selected_id());
  ImGui::TextUnformatted(tr("title." + table.name));
  ImGui::Separator();
  if (record && ImGui::BeginTable("##details", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (const FieldSpec& field : table.fields) {
      const std::string value = CellText(field, *record, model.labels(), tr);
      if (value.empty()) continue;
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", tr("field." + table.name + "." + field.name));
      ImGui::TableSetColumnIndex(1);
      ImGui::TextWrapped("%s", Shown(value).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  if (ImGui::Button(Labeled(tr("form.close"), "close").c_str())) browser.CloseForm();
  TabStop();
}

}  // namespace

void DrawGeographyView(AppModel& model, const Translations& tr) {
  if (!ImGui::BeginTabBar("##geography")) return;
  for (const char* table : {"townships", "gachas", "rendezvous_points", "stations", "roads"}) {
    const std::string id = table;
    const bool shown = ImGui::BeginTabItem(Labeled(tr("title." + id), table).c_str());
    TabStop();
    if (shown) {
      RecordBrowser& browser = model.browser(id);
      const bool open = !browser.selected_id().empty();
      ImGui::BeginChild("##list", ImVec2(ListPanelWidth(open), 0));
      DrawRecordList(model, browser, ListLayout{0, /*read_only=*/true}, tr);
      ImGui::EndChild();
      if (open) {
        ImGui::SameLine();
        ImGui::BeginChild("##details", ImVec2(0, 0), /*border=*/true);
        DrawRecordDetails(model, browser, tr);
        ImGui::EndChild();
      }
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

}  // namespace relay::edge::ui
