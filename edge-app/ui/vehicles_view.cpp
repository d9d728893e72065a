#include "ui/vehicles_view.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/record_list_view.h"
#include "ui/record_row.h"
#include "ui/widgets.h"

namespace relay::edge::ui {
namespace {

// The columns a dispatcher scans first; the rest of a record is in its form.
constexpr std::array<const char*, 5> kColumns = {"plate", "owner_category", "phone", "township",
                                                 "status"};

std::string Cell(const nlohmann::json& record, const FieldSpec& spec, const Translations& tr) {
  const auto found = record.find(spec.name);
  if (found == record.end() || found->is_null()) return "";
  if (spec.type == FieldType::kChoice && found->is_string()) {
    return tr("choice." + spec.name + "." + found->get<std::string>());
  }
  return found->is_string() ? found->get<std::string>() : found->dump();
}

// One line a dispatcher reads first: how many vehicles can go now, per home gacha.
void DrawAvailableNow(const std::map<std::string, int>& available, const Translations& tr) {
  std::string counts;
  for (const auto& [gacha, n] : available) {
    if (!counts.empty()) counts += " · ";
    counts += (gacha.empty() ? std::string(tr("vehicles.no_home_gacha")) : gacha) + " " +
              std::to_string(n);
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(
      tr.Format("vehicles.available_now", {{"counts", counts.empty() ? "0" : counts}}).c_str());
  ImGui::PopTextWrapPos();
}

void DrawToolbar(RecordBrowser& browser, bool locked, const Translations& tr) {
  std::string filter = browser.filter();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::InputTextWithHint("##filter", tr("vehicles.filter_hint"), &filter)) {
    browser.SetFilter(filter);
  }
  ImGui::SameLine();
  bool show_archived = browser.show_archived();
  if (ImGui::Checkbox(Labeled(tr("vehicles.show_archived"), "archived").c_str(), &show_archived)) {
    browser.SetShowArchived(show_archived);
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(locked);
  if (ImGui::Button(Labeled(tr("vehicles.add"), "add").c_str())) browser.StartNew();
  ImGui::EndDisabled();
}

void DrawTable(RecordBrowser& browser, bool locked, const Translations& tr) {
  const TableSpec& table = browser.table();
  const auto& rows = browser.rows();
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##vehicles", static_cast<int>(kColumns.size()), kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* column : kColumns) {
    ImGui::TableSetupColumn(tr("field." + table.name + "." + column));
  }
  ImGui::TableHeadersRow();

  ImGui::BeginDisabled(locked);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const nlohmann::json& record = rows[static_cast<size_t>(row)];
      std::vector<std::string> cells;
      for (const char* column : kColumns) {
        cells.push_back(Cell(record, *table.Field(column), tr));
      }
      DrawRecordRow(browser, record, cells);
    }
  }
  ImGui::EndDisabled();
  ImGui::EndTable();
}

}  // namespace

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
  DrawAvailableNow(model.available_vehicles(), tr);
  DrawToolbar(browser, locked, tr);
  if (!browser.load_error().empty()) {
    ErrorText(tr.Format("error.load", {{"reason", browser.load_error()}}));
  }
  if (locked) ImGui::TextDisabled("%s", tr("vehicles.finish_edit_first"));
  if (browser.rows().empty()) {
    ImGui::TextDisabled(
        "%s", browser.filter().empty()
                  ? tr("vehicles.empty")
                  : tr.Format("vehicles.no_match", {{"filter", browser.filter()}}).c_str());
  } else {
    ImGui::TextDisabled(
        "%s", tr.Format("vehicles.count", {{"n", std::to_string(browser.rows().size())}}).c_str());
    DrawTable(browser, locked, tr);
  }
  ImGui::EndChild();

  if (!form.open()) return;
  ImGui::SameLine();
  ImGui::BeginChild("##vehicle-form", ImVec2(0, 0), /*border=*/true);
  DrawFormPanel(model, browser, tr);
  ImGui::EndChild();
}

}  // namespace relay::edge::ui
