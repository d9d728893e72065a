#include "ui/views/vehicles_view.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/model/list_cells.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/record_list_view.h"
#include "ui/views/record_row.h"
#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// The columns a dispatcher scans first; the rest of a record is in its form.
constexpr std::array<const char*, 6> kColumns = {"plate",       "owner_category", "phone",
                                                 "township_id", "home_gacha_id",  "status"};

// One line a dispatcher reads first: how many vehicles can go now, per home gacha.
void DrawAvailableNow(const std::map<std::string, int>& available, RecordLabels& labels,
                      const Translations& tr) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(Shown(tr.Format("vehicles.available_now",
                                         {{"counts", AvailableNowCounts(available, labels, tr)}}))
                             .c_str());
  ImGui::PopTextWrapPos();
}

void DrawToolbar(RecordBrowser& browser, bool locked, int64_t now_ms, const Translations& tr) {
  DrawFilterBox(browser, now_ms, tr("vehicles.filter_hint"));
  const std::string archived = Labeled(tr("vehicles.show_archived"), "archived");
  SameLineIfFits(CheckboxWidth(archived.c_str()));
  bool show_archived = browser.show_archived();
  if (ImGui::Checkbox(archived.c_str(), &show_archived)) {
    browser.SetShowArchived(show_archived);
  }
  TabStop();
  const std::string add = Labeled(tr("vehicles.add"), "add");
  SameLineIfFits(ButtonWidth(add.c_str()));
  ImGui::BeginDisabled(locked);
  if (ImGui::Button(add.c_str())) browser.StartNew();
  TabStop();
  ImGui::EndDisabled();
}

void DrawTable(RecordBrowser& browser, RecordLabels& labels, bool locked, const Translations& tr) {
  const TableSpec& table = browser.table();
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##vehicles", static_cast<int>(kColumns.size()), kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // A plate and a phone number are read whole; the names beside them give way.
  for (const char* column : kColumns) {
    const std::string_view name = column;
    const char* widest = name == "plate"   ? "蒙H·A0000警"
                         : name == "phone" ? "13800000000"
                                           : nullptr;
    ImGui::TableSetupColumn(tr("field." + table.name + "." + column),
                            widest ? ImGuiTableColumnFlags_WidthFixed : 0,
                            widest ? ImGui::CalcTextSize(widest).x : 0);
  }
  ImGui::TableHeadersRow();

  ImGui::BeginDisabled(locked);
  DrawVisibleRows(browser, [&](const nlohmann::json& record) {
    std::vector<std::string> cells;
    for (const char* column : kColumns) {
      cells.push_back(CellText(*table.Field(column), record, labels, tr));
    }
    return cells;
  });
  ImGui::EndDisabled();
  ImGui::EndTable();
}

}  // namespace

std::string AvailableNowCounts(const std::map<std::string, int>& available, RecordLabels& labels,
                               const Translations& tr) {
  std::vector<std::pair<std::string, int>> named;
  int without_gacha = 0;
  for (const auto& [gacha_id, n] : available) {
    if (gacha_id.empty()) {
      without_gacha = n;
    } else {
      named.emplace_back(labels.Label("gachas", gacha_id, tr), n);
    }
  }
  std::stable_sort(named.begin(), named.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (without_gacha > 0) named.emplace_back(tr("vehicles.no_home_gacha"), without_gacha);
  std::string counts;
  for (const auto& [name, n] : named) {
    if (!counts.empty()) counts += " · ";
    counts += name + " " + std::to_string(n);
  }
  return counts.empty() ? "0" : counts;
}

void DrawVehiclesView(AppModel& model, const Translations& tr) {
  RecordBrowser& browser = model.vehicles();
  RecordForm& form = browser.form();
  // Unsaved edits would be lost by opening another record, so the list waits for a decision.
  const bool locked = form.open() && form.HasChanges();

  const ImVec2 space = ImGui::GetContentRegionAvail();
  const float form_width =
      form.open() ? std::max(ImGui::GetFontSize() * 20, space.x * 0.36f) : 0.0f;
  const float list_width =
      form.open() ? space.x - form_width - ImGui::GetStyle().ItemSpacing.x : 0.0f;

  ImGui::BeginChild("##vehicle-list", ImVec2(list_width, 0));
  ImGui::TextUnformatted(tr("vehicles.title"));
  DrawAvailableNow(model.available_vehicles(), model.labels(), tr);
  DrawToolbar(browser, locked, model.now_ms(), tr);
  if (!browser.load_error().empty()) {
    ErrorText(tr.Format("error.load", {{"reason", browser.load_error()}}));
  }
  if (locked) ImGui::TextDisabled("%s", tr("vehicles.finish_edit_first"));
  if (browser.count() == 0) {
    ImGui::TextDisabled(
        "%s", browser.filter().empty()
                  ? tr("vehicles.empty")
                  : Shown(tr.Format("vehicles.no_match", {{"filter", browser.filter()}})).c_str());
  } else {
    ImGui::TextDisabled(
        "%s", tr.Format("vehicles.count", {{"n", std::to_string(browser.count())}}).c_str());
    DrawTable(browser, model.labels(), locked, tr);
  }
  ImGui::EndChild();

  if (!form.open()) return;
  ImGui::SameLine();
  ImGui::BeginChild("##vehicle-form", ImVec2(0, 0), /*border=*/true);
  DrawFormPanel(model, browser, tr);
  ImGui::EndChild();
}

}  // namespace relay::edge::ui
