#include "ui/views/overview_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/model/report_figures.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/report_charts_view.h"
#include "ui/views/schematic_map_view.h"
#include "ui/views/shown_text.h"
#include "ui/views/stored_text_input.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// From this width the figures and the charts show side by side; below it, on tabs.
constexpr float kSidePanesWidth = 1000;
// From this width two sections, or two bar charts, fit side by side.
constexpr float kTwoColumnsWidth = 700;

ImVec4 Colour(ImU32 packed) {
  return ImGui::ColorConvertU32ToFloat4(packed);
}

// The year, the cadence, Refresh and Export on one line, wrapping on small screens.
constexpr const char* kExportPopup = "###export";

void DrawPeriodPicker(OverviewModel& overview, const Translations& tr) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("overview.year"));
  ImGui::SameLine();
  const std::string year = overview.year() ? std::to_string(*overview.year()) : "…";
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000").x + ImGui::GetFrameHeight() * 2);
  if (BeginComboStop("##year", year.c_str())) {
    for (int choice : overview.years()) {
      const bool selected = overview.year() == choice;
      if (ImGui::Selectable(std::to_string(choice).c_str(), selected)) overview.SetYear(choice);
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(tr("overview.period"));
  ImGui::SameLine();
  float widest = 0;
  for (Cadence cadence : kCadences) {
    widest = std::max(widest, ImGui::CalcTextSize(tr(CadenceLabelKey(cadence))).x);
  }
  ImGui::SetNextItemWidth(widest + ImGui::GetFrameHeight() * 2);
  if (BeginComboStop("##cadence", tr(CadenceLabelKey(overview.cadence())))) {
    for (Cadence cadence : kCadences) {
      const bool selected = overview.cadence() == cadence;
      const std::string item = std::string(tr(CadenceLabelKey(cadence))) + "##" +
                               std::to_string(static_cast<int>(cadence));
      if (ImGui::Selectable(item.c_str(), selected)) overview.SetCadence(cadence);
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  const std::string refresh = Labeled(tr("overview.refresh"), "refresh");
  SameLineIfFits(ButtonWidth(refresh.c_str()));
  if (ImGui::Button(refresh.c_str())) overview.Refresh();
  TabStop();
  // Only the period asked for is exported, never one still shown while it is recomputed.
  const bool current = overview.overview() && !overview.busy() &&
                       overview.overview()->report.period.key == overview.period_key();
  const std::string export_label = Labeled(tr("overview.export_more"), "export-open");
  SameLineIfFits(ButtonWidth(export_label.c_str()));
  ImGui::BeginDisabled(!current);
  if (ImGui::Button(export_label.c_str())) ImGui::OpenPopup(kExportPopup);
  TabStop();
  ImGui::EndDisabled();
  if (overview.busy()) {
    ImGui::SameLine();
    Spinner();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("overview.computing"));
  }
}

// The export's dialog: the file, typed or as offered, and the outcome. The path is asked for
// in a dialog so that opening the screen puts the keyboard on the period, not in a text box.
void DrawExportDialog(OverviewModel& overview, const std::string& lang, const Translations& tr) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x * 0.9f, 640.0f), 0));
  if (!ImGui::BeginPopupModal(Labeled(tr("overview.export"), kExportPopup + 3).c_str(), nullptr,
                              ImGuiWindowFlags_NoSavedSettings)) {
    return;
  }
  ImGui::TextUnformatted(tr("overview.export_path"));
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-FLT_MIN);
  const bool entered = StoredInputText("##export-path", &overview.export_path(),
                                       ImGuiInputTextFlags_EnterReturnsTrue);
  TabStop();
  ImGui::BeginDisabled(overview.export_path().empty());
  if (ImGui::Button(Labeled(tr("overview.export"), "write").c_str()) || entered) {
    overview.Export(lang);
  }
  TabStop();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(Labeled(tr("form.close"), "close").c_str()) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  TabStop();
  if (const auto& result = overview.export_result()) {
    if (result->ok()) {
      OkText(tr.Format("overview.exported", {{"path", overview.exported_path()}}));
    } else {
      ErrorText(tr.Format("overview.export_failed", {{"error", result->message()}}));
    }
  }
  ImGui::EndPopup();
}

// A table of the report with a row per record: a shortened record id, then the cells of the
// columns named (the export holds them all), a number coloured by its verdict against the
// column's target.
void DrawRecordTable(const report::Table& table, const std::vector<std::string>& column_keys,
                     const std::string& record_label, const std::string& lang,
                     const Translations& tr) {
  ImGui::TextDisabled("%s", Shown(table.label.In(lang)).c_str());
  std::vector<size_t> shown;
  for (const auto& key : column_keys)
    if (auto index = ColumnIndex(table, key)) shown.push_back(*index);
  const std::string id = "##table-" + table.key;
  if (!ImGui::BeginTable(
          id.c_str(), static_cast<int>(shown.size()) + 1,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
    return;
  }
  ImGui::TableSetupColumn(record_label.c_str());
  for (const size_t index : shown)
    ImGui::TableSetupColumn(Shown(table.columns[index].label.In(lang)).c_str());
  ImGui::TableHeadersRow();
  for (const auto& row : table.rows) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    // The end of a UUIDv7 is random, so it tells laptops apart where the start (a time) may not.
    const std::string& record = row.record_id;
    ImGui::TextUnformatted(
        (record.size() > 6 ? "…" + record.substr(record.size() - 6) : record).c_str());
    for (size_t at = 0; at < shown.size(); ++at) {
      if (shown[at] >= row.cells.size()) continue;
      ImGui::TableSetColumnIndex(static_cast<int>(at) + 1);
      const report::Cell& cell = row.cells[shown[at]];
      const report::Column& column = table.columns[shown[at]];
      if (!cell.number && !cell.TextIn(lang).empty()) {
        ImGui::TextUnformatted(Shown(cell.TextIn(lang)).c_str());
        continue;
      }
      const std::string value = ValueText(cell.number, column.unit, tr);
      const report::Verdict verdict = report::Judge(cell.number, column.target);
      if (verdict == report::Verdict::kMet || verdict == report::Verdict::kNotMet) {
        ImGui::TextColored(Colour(VerdictColour(verdict)), "%s", value.c_str());
      } else {
        ImGui::TextDisabled("%s", value.c_str());
      }
    }
  }
  ImGui::EndTable();
}

// A section's header and its figures: label, value, target and verdict, coloured.
void DrawSection(const report::Section& section, const std::string& lang, const Translations& tr) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  ImGui::TextUnformatted(Shown(section.label.In(lang)).c_str());
  ImGui::PopStyleColor();
  const std::string id = "##figures-" + section.key;
  if (!ImGui::BeginTable(id.c_str(), 4,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                             ImGuiTableFlags_SizingStretchProp)) {
    return;
  }
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("target", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("verdict", ImGuiTableColumnFlags_WidthFixed);
  for (const auto& figure : section.figures) {
    const report::Verdict verdict = figure.verdict();
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextWrapped("%s", Shown(figure.label.In(lang)).c_str());
    ImGui::TableSetColumnIndex(1);
    const std::string value = ValueText(figure.value, figure.unit, tr);
    if (figure.value) {
      ImGui::TextUnformatted(value.c_str());
    } else {
      ImGui::TextDisabled("%s", value.c_str());
    }
    ImGui::TableSetColumnIndex(2);
    ImGui::TextDisabled("%s", TargetText(figure.target, figure.unit, tr).c_str());
    ImGui::TableSetColumnIndex(3);
    if (verdict == report::Verdict::kNoTarget) continue;
    const float size = ImGui::GetTextLineHeight() * 0.6f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float mid = at.y + ImGui::GetTextLineHeight() / 2;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, mid - size / 2),
                                              ImVec2(at.x + size, mid + size / 2),
                                              VerdictColour(verdict), 2);
    ImGui::Dummy(ImVec2(size, size));
    // Without data the value already says so; the grey mark alone keeps the column aligned.
    if (verdict == report::Verdict::kNoData) continue;
    ImGui::SameLine(0, 4);
    ImGui::TextColored(Colour(VerdictColour(verdict)), "%s", tr(VerdictLabelKey(verdict)));
  }
  ImGui::EndTable();
}

// The tables shown under the figures, across the whole width: data health's laptops, so the
// county knows whom to call.
void DrawRecordTables(const report::Report& report, const std::string& lang,
                      const Translations& tr) {
  if (const report::Table* laptops = FindTable(report, "data_health", "laptops")) {
    DrawRecordTable(*laptops, {"township", "last_sync", "days_quiet", "set_aside"},
                    tr("overview.laptop"), lang, tr);
  }
}

// The sections one below the other, or in two columns.
void DrawSections(const report::Report& report, const std::string& lang, const Translations& tr,
                  bool two_columns) {
  if (!two_columns) {
    for (const auto& section : report.sections) {
      DrawSection(section, lang, tr);
      ImGui::Spacing();
    }
    DrawRecordTables(report, lang, tr);
    return;
  }
  if (!ImGui::BeginTable("##sections", 2, ImGuiTableFlags_SizingStretchSame)) return;
  for (size_t i = 0; i < report.sections.size(); ++i) {
    if (i % 2 == 0) ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(static_cast<int>(i % 2));
    DrawSection(report.sections[i], lang, tr);
    ImGui::Spacing();
  }
  ImGui::EndTable();
  DrawRecordTables(report, lang, tr);
}

void DrawCharts(const Overview& shown, const std::string& lang, const Translations& tr) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (const report::Table* table =
          FindTable(shown.report, "rescue_circle", "compliance_by_month")) {
    DrawLineChart(Shown(table->label.In(lang)).c_str(), LinesByMonth(*table), lang, tr, width,
                  std::clamp(width * 0.32f, ImGui::GetTextLineHeight() * 12, 320.0f));
  }
  const bool two = width >= kTwoColumnsWidth;
  const float half = two ? (width - spacing) / 2 : width;
  if (const report::Table* table = FindTable(shown.report, "rescue_circle", "by_township")) {
    const BarChart bars = BarsOf(*table, "met_share");
    DrawBarChart(
        tr.Format("overview.chart.met_by_township", {{"measure", bars.value_label.In(lang)}})
            .c_str(),
        bars, lang, tr, half);
  }
  if (two) ImGui::SameLine();
  if (const report::Table* table = FindTable(shown.report, "vehicles", "by_owner_category")) {
    DrawBarChart(tr("overview.chart.vehicles_by_owner"), BarsOf(*table, "registered"), lang, tr,
                 half);
  }
}

// The map, height high, or when that is 0 as high as suits its width.
void DrawMap(const Overview& shown, const Translations& tr, float height = 0) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float least = ImGui::GetTextLineHeight() * 14;
  DrawSchematicMap(tr("overview.map.title"), shown.map, tr, width,
                   height > 0 ? std::max(height, least) : std::clamp(width * 0.6f, least, 480.0f));
}

}  // namespace

void DrawOverviewView(AppModel& model, Language language, const Translations& tr) {
  model.ShowOverview();
  OverviewModel& overview = model.overview();
  const std::string lang = language == Language::kEn ? "en" : "zh";

  const std::optional<Overview>& shown = overview.overview();
  const std::string scope = !shown                           ? std::string()
                            : shown->report.scope.IsBanner() ? std::string(tr("overview.banner"))
                                                             : shown->report.scope.township_name;
  ImGui::TextUnformatted(Shown(scope.empty()
                                   ? std::string(tr("overview.title"))
                                   : tr.Format("overview.title_scope", {{"scope", scope}}))
                             .c_str());
  if (shown) {
    ImGui::SameLine();
    ImGui::TextDisabled(
        "%s", tr.Format("overview.period_shown",
                        {{"from", shown->report.period.from}, {"to", shown->report.period.to}})
                  .c_str());
  }
  DrawPeriodPicker(overview, tr);
  DrawExportDialog(overview, lang, tr);
  if (const auto& failure = overview.failure()) {
    ErrorText(tr.Format("overview.failed", {{"error", failure->message()}}));
  }
  ImGui::Separator();
  if (!shown) return;

  const float width = ImGui::GetContentRegionAvail().x;
  if (width >= kSidePanesWidth) {
    // Wide screens: the figures beside the charts and the map, each side scrolling on its own.
    const float left = (width - ImGui::GetStyle().ItemSpacing.x) * 0.48f;
    ImGui::BeginChild("##figures", ImVec2(left, 0));
    DrawSections(shown->report, lang, tr, /*two_columns=*/false);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##charts");
    DrawCharts(*shown, lang, tr);
    ImGui::Spacing();
    DrawMap(*shown, tr);
    ImGui::EndChild();
    return;
  }
  // Small screens: one part at a time, on tabs.
  if (!ImGui::BeginTabBar("##overview-parts")) return;
  for (const char* part : {"figures", "charts", "map"}) {
    const std::string key = std::string("overview.part.") + part;
    const bool open = ImGui::BeginTabItem(Labeled(tr(key), part).c_str());
    TabStop();
    if (!open) continue;
    ImGui::BeginChild("##part");
    if (part == std::string("figures")) {
      DrawSections(shown->report, lang, tr, ImGui::GetContentRegionAvail().x >= kTwoColumnsWidth);
    } else if (part == std::string("charts")) {
      DrawCharts(*shown, lang, tr);
    } else {
      // The map's tab is all map, less a line for the places it cannot draw.
      const float unplaced =
          shown->map.unplaced.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing();
      DrawMap(*shown, tr, ImGui::GetContentRegionAvail().y - unplaced);
    }
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace relay::edge::ui
