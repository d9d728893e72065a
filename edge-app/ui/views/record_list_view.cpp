#include "ui/views/record_list_view.h"

#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/model/list_cells.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/record_form_view.h"
#include "ui/views/record_row.h"
#include "ui/views/shown_text.h"
#include "ui/views/stored_text_input.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

void DrawToolbar(RecordBrowser& browser, bool locked, bool read_only, int64_t now_ms,
                 const Translations& tr) {
  DrawFilterBox(browser, now_ms, tr("list.filter_hint"));
  const std::string archived = Labeled(tr("list.show_archived"), "archived");
  SameLineIfFits(CheckboxWidth(archived.c_str()));
  bool show_archived = browser.show_archived();
  if (ImGui::Checkbox(archived.c_str(), &show_archived)) {
    browser.SetShowArchived(show_archived);
  }
  TabStop();
  if (read_only) return;
  const std::string add = Labeled(tr("form.new." + browser.table().name), "add");
  SameLineIfFits(ButtonWidth(add.c_str()));
  ImGui::BeginDisabled(locked);
  if (ImGui::Button(add.c_str())) {
    browser.StartNew();
  }
  TabStop();
  ImGui::EndDisabled();
}

// The text of record's cell in each of columns, as a list shows it.
std::vector<std::string> RowCells(const std::vector<const FieldSpec*>& columns,
                                  const nlohmann::json& record, RecordLabels& labels,
                                  const Translations& tr) {
  std::vector<std::string> cells;
  cells.reserve(columns.size());
  for (const FieldSpec* column : columns) {
    cells.push_back(CellText(*column, record, labels, tr));
  }
  return cells;
}

void DrawRows(AppModel& model, RecordBrowser& browser, bool locked, float height,
              const Translations& tr) {
  const auto columns = ListColumns(browser.table());
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##rows", static_cast<int>(columns.size()), kFlags, ImVec2(0, height))) {
    return;
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  // A time column is as wide as a time, so the minutes are never cut off.
  const float time_width = ImGui::CalcTextSize("2024-05-01 10:20").x;
  for (const FieldSpec* column : columns) {
    const bool time = column->text_rule == TextRule::kTime;
    ImGui::TableSetupColumn(tr("field." + browser.table().name + "." + column->name),
                            time ? ImGuiTableColumnFlags_WidthFixed : 0, time ? time_width : 0);
  }
  ImGui::TableHeadersRow();

  ImGui::BeginDisabled(locked);
  DrawVisibleRows(browser, [&](const nlohmann::json& record) {
    return RowCells(columns, record, model.labels(), tr);
  });
  ImGui::EndDisabled();
  ImGui::EndTable();
}

}  // namespace

void DrawFilterBox(RecordBrowser& browser, int64_t now_ms, const char* hint) {
  std::string typed = browser.typed_filter();
  ImGui::SetNextItemWidth(
      std::min(ImGui::GetFontSize() * 14, ImGui::GetContentRegionAvail().x * 0.6f));
  if (StoredInputTextWithHint("##filter", hint, &typed)) browser.TypeFilter(typed, now_ms);
  TabStop();
  browser.ApplyTypedFilter(now_ms);
}

bool DrawChildRecords(AppModel& model, const std::string& table, const std::string& field,
                      const std::string& parent_id, bool locked, float height,
                      const Translations& tr) {
  RecordBrowser& browser = model.browser(table);
  bool opened = false;
  ImGui::PushID(table.c_str());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("title." + table));
  const std::string add = Labeled(tr("form.new." + table), "add");
  SameLineIfFits(ButtonWidth(add.c_str()));
  ImGui::BeginDisabled(locked);
  if (ImGui::Button(add.c_str())) {
    browser.StartNew();
    browser.form().Field(field)->text = parent_id;
    opened = true;
  }
  TabStop();
  ImGui::EndDisabled();
  const auto& records = model.children(table, field, parent_id);
  if (!records.ok()) {
    ErrorText(tr.Format("error.load", {{"reason", records.status().message()}}));
  } else if (records.value().empty()) {
    ImGui::TextDisabled("%s", tr("list.empty"));
  } else {
    std::vector<const FieldSpec*> columns = ListColumns(browser.table());
    columns.erase(std::remove_if(columns.begin(), columns.end(),
                                 [&](const FieldSpec* column) { return column->name == field; }),
                  columns.end());
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                       ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_NoSavedSettings;
    if (ImGui::BeginTable("##children", static_cast<int>(columns.size()), kFlags,
                          ImVec2(0, height))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (const FieldSpec* column : columns) {
        ImGui::TableSetupColumn(tr("field." + table + "." + column->name));
      }
      ImGui::TableHeadersRow();
      ImGui::BeginDisabled(locked);
      for (const nlohmann::json& record : records.value()) {
        if (DrawRecordRow(browser, record, RowCells(columns, record, model.labels(), tr))) {
          opened = true;
        }
      }
      ImGui::EndDisabled();
      ImGui::EndTable();
    }
  }
  ImGui::PopID();
  return opened;
}

void DrawRecordList(AppModel& model, RecordBrowser& browser, const ListLayout& layout,
                    const Translations& tr) {
  const bool locked = layout.locked || (browser.form().open() && browser.form().HasChanges());
  ImGui::TextUnformatted(tr("title." + browser.table().name));
  DrawToolbar(browser, locked, layout.read_only, model.now_ms(), tr);
  if (!browser.load_error().empty()) {
    ErrorText(tr.Format("error.load", {{"reason", browser.load_error()}}));
  }
  if (locked) ImGui::TextDisabled("%s", tr("list.finish_edit_first"));
  if (browser.count() == 0) {
    ImGui::TextDisabled(
        "%s", browser.filter().empty()
                  ? tr("list.empty")
                  : Shown(tr.Format("list.no_match", {{"filter", browser.filter()}})).c_str());
    return;
  }
  ImGui::TextDisabled("%s",
                      tr.Format("list.count", {{"n", std::to_string(browser.count())}}).c_str());
  DrawRows(model, browser, locked, layout.height, tr);
}

void DrawFormPanel(AppModel& model, RecordBrowser& browser, const Translations& tr) {
  const FormContext context{model.glyphs(), model.labels(), model.now_ms()};
  switch (DrawRecordForm(browser.form(), context, tr)) {
    case FormAction::kSave:
      model.Save(browser.table().name);
      break;
    case FormAction::kClose:
      browser.CloseForm();
      break;
    case FormAction::kNone:
      break;
  }
}

float ListPanelWidth(bool form_open) {
  if (!form_open) return 0;
  const float space = ImGui::GetContentRegionAvail().x;
  const float form_width = std::max(ImGui::GetFontSize() * 22, space * 0.40f);
  return space - form_width - ImGui::GetStyle().ItemSpacing.x;
}

void DrawFormBeside(AppModel& model, RecordBrowser& browser, const Translations& tr) {
  if (!browser.form().open()) return;
  ImGui::SameLine();
  ImGui::BeginChild("##form", ImVec2(0, 0), /*border=*/true);
  DrawFormPanel(model, browser, tr);
  ImGui::EndChild();
}

void DrawTableScreen(AppModel& model, const std::string& table, const Translations& tr) {
  RecordBrowser& browser = model.browser(table);
  ImGui::BeginChild("##list", ImVec2(ListPanelWidth(browser.form().open()), 0));
  DrawRecordList(model, browser, ListLayout{}, tr);
  ImGui::EndChild();
  DrawFormBeside(model, browser, tr);
}

}  // namespace relay::edge::ui
