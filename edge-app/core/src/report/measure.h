#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "relay/report/report.h"

namespace relay::report {

// One figure declared once: what it is called, measures and aims at, and how it is read from
// a section's facts. The same declaration gives the section's figure and a column of each of
// its breakdowns, so a new figure is one line.
template <typename Facts>
struct Measure {
  std::string key;
  Label label;
  Unit unit = Unit::kCount;
  std::optional<Target> target;
  std::function<std::optional<double>(const Facts&)> value;
};

inline Target AtLeast(double value) {
  return Target{Target::Direction::kAtLeast, value};
}
inline Target AtMost(double value) {
  return Target{Target::Direction::kAtMost, value};
}

// part / whole, or no data when the whole is empty.
inline std::optional<double> Share(double part, double whole) {
  if (whole <= 0) return std::nullopt;
  return part / whole;
}

// The q-quantile (0..1) of values sorted ascending, by linear interpolation between ranks
// (as Excel's PERCENTILE.INC); no data for no values.
inline std::optional<double> Quantile(const std::vector<double>& values, double q) {
  if (values.empty()) return std::nullopt;
  const double rank = q * static_cast<double>(values.size() - 1);
  const size_t below = static_cast<size_t>(rank);
  const size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (values[above] - values[below]) * (rank - static_cast<double>(below));
}

template <typename Facts>
std::vector<Figure> FiguresOf(const std::vector<Measure<Facts>>& measures, const Facts& facts) {
  std::vector<Figure> figures;
  for (const auto& measure : measures) {
    figures.push_back(
        {measure.key, measure.label, measure.unit, measure.value(facts), measure.target});
  }
  return figures;
}

// A row's subject: the record it is about (empty for none) and the names shown for it (a
// place's name is one in both languages: Label{name, ""}).
struct Subject {
  std::string record_id;
  std::vector<Label> names;
};

// A breakdown: the subject's name columns, then one column per measure, a row per subject.
template <typename Facts>
Table BreakdownOf(std::string key, Label label, std::vector<Column> name_columns,
                  const std::vector<Measure<Facts>>& measures,
                  const std::vector<std::pair<Subject, Facts>>& rows, Chart chart = Chart::kNone) {
  Table table{std::move(key), std::move(label), std::move(name_columns), {}, chart};
  for (const auto& measure : measures) {
    table.columns.push_back({measure.key, measure.label, measure.unit, measure.target});
  }
  for (const auto& [subject, facts] : rows) {
    Row row{subject.record_id, {}};
    for (const auto& name : subject.names)
      row.cells.push_back({std::nullopt, name.zh, name.en});
    for (const auto& measure : measures)
      row.cells.push_back({measure.value(facts), ""});
    table.rows.push_back(std::move(row));
  }
  return table;
}

inline Column NameColumn(std::string key, Label label) {
  return Column{std::move(key), std::move(label), Unit::kText, std::nullopt};
}

}  // namespace relay::report
