#include "relay/report/report_json.h"

#include <cmath>

namespace relay::report {
namespace {

// A number as written: counts whole, others to 4 decimals (0.1 % of a share, 0.01 min).
nlohmann::json Number(const std::optional<double>& value, Unit unit) {
  if (!value) return nullptr;
  if (unit == Unit::kCount) return static_cast<int64_t>(std::llround(*value));
  return std::round(*value * 10000) / 10000;
}

nlohmann::json Valued(const std::optional<double>& value, Unit unit,
                      const std::optional<Target>& target) {
  if (!target) return Number(value, unit);
  return {{"value", Number(value, unit)},
          {"target", Number(target->value, unit)},
          {"status", VerdictName(Judge(value, target))}};
}

}  // namespace

nlohmann::json ReportJson(const Report& report) {
  nlohmann::json json = {
      {"period",
       {{"key", report.period.key}, {"from", report.period.from}, {"to", report.period.to}}},
      {"scope", report.scope.IsBanner() ? "banner" : "township"},
      {"computed_at", report.computed_at},
  };
  if (!report.scope.IsBanner()) {
    json["township"] = {{"id", report.scope.township_id},
                        {"code", report.scope.township_code},
                        {"name", report.scope.township_name}};
  }
  nlohmann::json sections = nlohmann::json::object();
  for (const auto& section : report.sections) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& figure : section.figures) {
      out[figure.key] = Valued(figure.value, figure.unit, figure.target);
    }
    nlohmann::json tables = nlohmann::json::object();
    for (const auto& table : section.tables) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& row : table.rows) {
        nlohmann::json cells = nlohmann::json::object();
        if (!row.record_id.empty()) cells["id"] = row.record_id;
        for (size_t i = 0; i < table.columns.size() && i < row.cells.size(); ++i) {
          const Column& column = table.columns[i];
          cells[column.key] = column.unit == Unit::kText
                                  ? nlohmann::json(row.cells[i].text)
                                  : Valued(row.cells[i].number, column.unit, column.target);
        }
        rows.push_back(std::move(cells));
      }
      tables[table.key] = std::move(rows);
    }
    out["tables"] = std::move(tables);
    sections[section.key] = std::move(out);
  }
  json["sections"] = std::move(sections);
  return json;
}

}  // namespace relay::report
