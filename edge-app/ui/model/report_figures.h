#pragma once

#include <optional>
#include <string>
#include <vector>

#include "relay/report/report.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// How the overview writes the report's numbers: a share as 78.7%, minutes as 34.0 分钟 or
// 34.0 min, hours likewise, a count as a whole number; a missing value is "no data", never 0.
std::string ValueText(const std::optional<double>& value, report::Unit unit,
                      const Translations& tr);
// A target as ≥ 100% or ≤ 30.0 min; empty without one.
std::string TargetText(const std::optional<report::Target>& target, report::Unit unit,
                       const Translations& tr);
// The translation key of a verdict's word ("overview.verdict.met"); empty for kNoTarget.
std::string VerdictLabelKey(report::Verdict verdict);

// The section and table of a report by key; nullptr when the report has none.
const report::Section* FindSection(const report::Report& report, const std::string& key);
const report::Table* FindTable(const report::Report& report, const std::string& section,
                               const std::string& table);
// The index of a table's column by key; nullopt when there is none.
std::optional<size_t> ColumnIndex(const report::Table& table, const std::string& key);

// One line of a line chart: a value per x position, nullopt where there is no data (a gap,
// never drawn at 0).
struct ChartLine {
  report::Label label;
  std::vector<std::optional<double>> values;
};
// Lines by month: the x labels (months) and a line per numeric column of a kLinesByMonth table,
// whose first column names the month.
struct LineChart {
  std::vector<std::string> x_labels;
  std::vector<ChartLine> lines;
  std::optional<report::Target> target;  // the first line's, drawn as a level line
};
LineChart LinesByMonth(const report::Table& table);

// One bar per row: the row's name (its first text cell) and the value of one column, with the
// verdict against that column's target.
struct ChartBar {
  std::string label;
  std::string label_en;
  std::optional<double> value;
  report::Verdict verdict = report::Verdict::kNoTarget;
};
struct BarChart {
  report::Label value_label;
  report::Unit unit = report::Unit::kCount;
  std::vector<ChartBar> bars;
  std::optional<report::Target> target;
};
// The bars of a table's column by key; no bars when the table has no such column.
BarChart BarsOf(const report::Table& table, const std::string& column);

// The highest value of a chart's axis: the largest value or target, rounded up to a step that
// labels well (shares stop at 100% unless above); 1 when nothing is above 0.
double AxisMax(double largest, report::Unit unit);

}  // namespace relay::edge::ui
