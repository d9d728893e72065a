#pragma once

#include <optional>
#include <string>
#include <vector>

#include "relay/report/period.h"

namespace relay::report {

// A name shown to people, in both languages the software speaks.
struct Label {
  std::string zh;
  std::string en;
  // The name in lang ("en" or "zh"); a name with no English form (a place) is the same in both.
  const std::string& In(const std::string& lang) const {
    return lang == "en" && !en.empty() ? en : zh;
  }
};

// What a number measures, which decides how it is written: a count, a share from 0 to 1,
// minutes, hours; kText marks a column of names.
enum class Unit { kCount, kShare, kMinutes, kHours, kText };

// What the plan asks of a figure: at least or at most this value.
struct Target {
  enum class Direction { kAtLeast, kAtMost };
  Direction direction = Direction::kAtLeast;
  double value = 0;
};

// Whether a figure met its target; kNoData when there was nothing to measure (never 0), and
// kNoTarget for a figure the plan sets no target for.
enum class Verdict { kMet, kNotMet, kNoData, kNoTarget };

// The stable name of a verdict as written in exports: "met", "not_met", "no_data", "".
const char* VerdictName(Verdict verdict);

// Compares a value with a target; nullopt value is kNoData, no target kNoTarget.
Verdict Judge(const std::optional<double>& value, const std::optional<Target>& target);

// One figure of the report: its value (nullopt when there is no data) and target.
struct Figure {
  std::string key;
  Label label;
  Unit unit = Unit::kCount;
  std::optional<double> value;
  std::optional<Target> target;
  Verdict verdict() const { return Judge(value, target); }
};

struct Column {
  std::string key;
  Label label;
  Unit unit = Unit::kCount;
  std::optional<Target> target;
};

// A table cell: a number (nullopt: no data) or, in a kText column, a text; text_en is the
// text in English where it differs (a kind, an area type), else empty.
struct Cell {
  std::optional<double> number;
  std::string text;
  std::string text_en = {};
  const std::string& TextIn(const std::string& lang) const {
    return lang == "en" && !text_en.empty() ? text_en : text;
  }
};

// A row of a table; record_id is the id of the record the row is about (a township, a
// vehicle), empty for rows that are no record (a month).
struct Row {
  std::string record_id;
  std::vector<Cell> cells;
};

// How an export draws a table as a chart, when it does.
enum class Chart { kNone, kLinesByMonth, kBars };

// A breakdown of a section: columns declared once, a row per township, month, vehicle, ...
struct Table {
  std::string key;
  Label label;
  std::vector<Column> columns;
  std::vector<Row> rows;
  Chart chart = Chart::kNone;
};

struct Section {
  std::string key;
  Label label;
  std::vector<Figure> figures;
  std::vector<Table> tables;
};

// Whose figures a report holds: the whole banner, or one township.
struct Scope {
  std::string township_id;  // empty for the banner
  std::string township_name;
  std::string township_code;
  bool IsBanner() const { return township_id.empty(); }
};

// The county's picture for one period and scope, computed from the merged data.
struct Report {
  Period period;
  Scope scope;
  std::string computed_at;  // UTC, 2024-07-01T02:00:00Z
  std::vector<Section> sections;
};

}  // namespace relay::report
