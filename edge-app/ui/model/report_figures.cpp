#include "ui/model/report_figures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace relay::edge::ui {
namespace {

std::string Fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// A number as written: with one decimal, or none when whole_if_round and it is whole.
std::string Number(double value, bool whole_if_round) {
  if (whole_if_round && std::abs(value - std::round(value)) < 1e-9) return Fixed(value, 0);
  return Fixed(value, 1);
}

std::string Written(double value, report::Unit unit, bool whole_if_round, const Translations& tr) {
  switch (unit) {
    case report::Unit::kShare:
      return Number(value * 100, whole_if_round) + "%";
    case report::Unit::kMinutes:
      return tr.Format("overview.unit.minutes", {{"n", Number(value, whole_if_round)}});
    case report::Unit::kHours:
      return tr.Format("overview.unit.hours", {{"n", Number(value, whole_if_round)}});
    case report::Unit::kCount:
    case report::Unit::kText:
      break;
  }
  return Number(value, /*whole_if_round=*/true);
}

}  // namespace

std::string ValueText(const std::optional<double>& value, report::Unit unit,
                      const Translations& tr) {
  if (!value) return tr("overview.no_data");
  return Written(*value, unit, /*whole_if_round=*/false, tr);
}

std::string TargetText(const std::optional<report::Target>& target, report::Unit unit,
                       const Translations& tr) {
  if (!target) return "";
  const char* sign = target->direction == report::Target::Direction::kAtLeast ? "≥ " : "≤ ";
  return sign + Written(target->value, unit, /*whole_if_round=*/true, tr);
}

std::string VerdictLabelKey(report::Verdict verdict) {
  switch (verdict) {
    case report::Verdict::kMet:
      return "overview.verdict.met";
    case report::Verdict::kNotMet:
      return "overview.verdict.not_met";
    case report::Verdict::kNoData:
      return "overview.no_data";
    case report::Verdict::kNoTarget:
      break;
  }
  return "";
}

const report::Section* FindSection(const report::Report& report, const std::string& key) {
  for (const auto& section : report.sections) {
    if (section.key == key) return &section;
  }
  return nullptr;
}

const report::Table* FindTable(const report::Report& report, const std::string& section,
                               const std::string& table) {
  const report::Section* found = FindSection(report, section);
  if (!found) return nullptr;
  for (const auto& candidate : found->tables) {
    if (candidate.key == table) return &candidate;
  }
  return nullptr;
}

std::optional<size_t> ColumnIndex(const report::Table& table, const std::string& key) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].key == key) return i;
  }
  return std::nullopt;
}

LineChart LinesByMonth(const report::Table& table) {
  LineChart chart;
  for (const auto& row : table.rows) {
    chart.x_labels.push_back(row.cells.empty() ? "" : row.cells[0].text);
  }
  for (size_t column = 0; column < table.columns.size(); ++column) {
    const report::Column& spec = table.columns[column];
    if (spec.unit == report::Unit::kText) continue;
    ChartLine line{spec.label, {}};
    for (const auto& row : table.rows) {
      line.values.push_back(column < row.cells.size() ? row.cells[column].number : std::nullopt);
    }
    if (!chart.target) chart.target = spec.target;
    chart.lines.push_back(std::move(line));
  }
  return chart;
}

BarChart BarsOf(const report::Table& table, const std::string& column) {
  BarChart chart;
  const auto index = ColumnIndex(table, column);
  if (!index) return chart;
  const report::Column& spec = table.columns[*index];
  chart.value_label = spec.label;
  chart.unit = spec.unit;
  chart.target = spec.target;
  for (const auto& row : table.rows) {
    ChartBar bar;
    if (!row.cells.empty()) {
      bar.label = row.cells[0].text;
      bar.label_en = row.cells[0].text_en;
    }
    if (*index < row.cells.size()) bar.value = row.cells[*index].number;
    bar.verdict = report::Judge(bar.value, spec.target);
    chart.bars.push_back(std::move(bar));
  }
  return chart;
}

double AxisMax(double largest, report::Unit unit) {
  if (!(largest > 0)) return 1;
  if (unit == report::Unit::kShare && largest <= 1) return 1;
  // 1, 2 or 5 times a power of ten, the first at or above the largest value.
  const double power = std::pow(10.0, std::floor(std::log10(largest)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * power >= largest) return step * power;
  }
  return 10 * power;
}

}  // namespace relay::edge::ui
