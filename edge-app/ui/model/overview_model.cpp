#include "ui/model/overview_model.h"

#include <algorithm>
#include <filesystem>

#include "relay/report/report_xlsx.h"

namespace relay::edge::ui {
namespace {

void AddLabel(GlyphSet& glyphs, const report::Label& label) {
  glyphs.AddText(label.zh);
  glyphs.AddText(label.en);
}

// Every text the overview may draw, in either language.
void AddOverviewGlyphs(GlyphSet& glyphs, const Overview& overview) {
  glyphs.AddText("≥≤…");  // targets, shortened ids
  glyphs.AddText(overview.report.scope.township_name);
  for (const auto& section : overview.report.sections) {
    AddLabel(glyphs, section.label);
    for (const auto& figure : section.figures)
      AddLabel(glyphs, figure.label);
    for (const auto& table : section.tables) {
      AddLabel(glyphs, table.label);
      for (const auto& column : table.columns)
        AddLabel(glyphs, column.label);
      for (const auto& row : table.rows) {
        for (const auto& cell : row.cells) {
          glyphs.AddText(cell.text);
          glyphs.AddText(cell.text_en);
        }
      }
    }
  }
  for (const auto& gacha : overview.map.gachas)
    glyphs.AddText(gacha.name);
  for (const auto& place : overview.map.places)
    glyphs.AddText(place.name);
  for (const auto& township : overview.map.townships)
    glyphs.AddText(township.name);
  for (const auto& name : overview.map.unplaced)
    glyphs.AddText(name);
}

}  // namespace

OverviewModel::OverviewModel(std::string db_path) : db_path_(std::move(db_path)) {}

void OverviewModel::Show(const std::string& township_id, int64_t now_ms) {
  if (township_id != township_id_) {
    township_id_ = township_id;
    outdated_ = true;
  }
  // A change asked for while one runs waits for it, so results arrive in the order asked.
  if (!outdated_ || worker_.busy()) return;
  outdated_ = false;
  worker_.Request({db_path_, year_, cadence_, township_id_, now_ms});
}

void OverviewModel::Poll(GlyphSet& glyphs) {
  while (auto result = worker_.TakeResult()) {
    if (!result->ok()) {
      failure_ = result->status();
      continue;
    }
    failure_.reset();
    overview_ = std::move(*result).value();
    AddOverviewGlyphs(glyphs, *overview_);
    if (!year_) {
      year_ = overview_->year;
      PeriodChanged();
    }
  }
}

void OverviewModel::SetYear(int year) {
  if (year_ == year) return;
  year_ = year;
  outdated_ = true;
  PeriodChanged();
}

void OverviewModel::SetCadence(Cadence cadence) {
  if (cadence_ == cadence) return;
  cadence_ = cadence;
  outdated_ = true;
  PeriodChanged();
}

std::vector<int> OverviewModel::years() const {
  std::vector<int> years = overview_ ? overview_->years : std::vector<int>();
  if (year_ && std::find(years.begin(), years.end(), *year_) == years.end()) {
    years.push_back(*year_);
    std::sort(years.rbegin(), years.rend());
  }
  return years;
}

std::string OverviewModel::period_key() const {
  return year_ ? PeriodKey(*year_, cadence_) : "";
}

std::string OverviewModel::DefaultExportPath() const {
  const std::filesystem::path beside = std::filesystem::path(db_path_).parent_path();
  return (beside / ("report-" + period_key() + ".xlsx")).string();
}

void OverviewModel::PeriodChanged() {
  // A path the user typed stays; the default follows the period.
  if (export_path_.empty() || export_path_ == default_export_path_) {
    default_export_path_ = DefaultExportPath();
    export_path_ = default_export_path_;
  }
}

void OverviewModel::Export(const std::string& lang) {
  if (!overview_) {
    export_result_ = Status::Error("nothing computed to export yet");
    return;
  }
  exported_path_ = export_path_;
  export_result_ = report::WriteReportXlsx(overview_->report, export_path_, lang);
}

}  // namespace relay::edge::ui
