#include "relay/report/report_xlsx.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "export_files.h"

namespace relay::report {
namespace {

Status Fail(ErrorKind kind, const std::string& why) {
  return Status::Error(kind, "--xlsx FILE: " + why);
}

// The words on a sheet that are not the report's own labels.
struct Words {
  const char* banner;
  const char* figure_headers[4];
  const char* met;
  const char* not_met;
  const char* no_data;
};
constexpr Words kZh = {"全旗", {"指标", "数值", "目标", "状态"}, "达标", "未达标", "无数据"};
constexpr Words kEn = {
    "Banner", {"Figure", "Value", "Target", "Status"}, "met", "not met", "no data"};

const char* VerdictText(Verdict verdict, const Words& words) {
  switch (verdict) {
    case Verdict::kMet:
      return words.met;
    case Verdict::kNotMet:
      return words.not_met;
    case Verdict::kNoData:
      return words.no_data;
    case Verdict::kNoTarget:
      break;
  }
  return "";
}

constexpr Unit kUnits[] = {Unit::kCount, Unit::kShare, Unit::kMinutes, Unit::kHours, Unit::kText};

const char* NumberFormat(Unit unit) {
  switch (unit) {
    case Unit::kShare:
      return "0.0%";
    case Unit::kMinutes:
    case Unit::kHours:
      return "0.0";
    case Unit::kCount:
      return "0";
    case Unit::kText:
      break;
  }
  return "General";
}

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* bold = nullptr;
  std::map<Unit, lxw_format*> number;
  // A target stays a number in its unit's format, its direction shown as a ≥ or ≤ before it.
  std::map<std::pair<Unit, Target::Direction>, lxw_format*> target;
};

Formats MakeFormats(lxw_workbook* workbook) {
  Formats formats;
  formats.title = workbook_add_format(workbook);
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 14);
  formats.bold = workbook_add_format(workbook);
  format_set_bold(formats.bold);
  for (const Unit unit : kUnits) {
    formats.number[unit] = workbook_add_format(workbook);
    format_set_num_format(formats.number[unit], NumberFormat(unit));
    for (const auto& [direction, sign] : {std::pair{Target::Direction::kAtLeast, "\"≥ \""},
                                          std::pair{Target::Direction::kAtMost, "\"≤ \""}}) {
      lxw_format* format = workbook_add_format(workbook);
      format_set_num_format(format, (sign + std::string(NumberFormat(unit))).c_str());
      formats.target[{unit, direction}] = format;
    }
  }
  return formats;
}

// Column widths count Latin characters; CJK and full-width characters take two.
double DisplayWidth(std::string_view text) {
  double width = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    uint32_t code = length == 1 ? lead : lead & (0x3F >> (length - 1));
    for (size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                      (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                      (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                      (code >= 0xFFE0 && code <= 0xFFE6) || code >= 0x1F300;
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

// Sheet names as Excel takes them: 1 to 31 characters, none of []:*?/\, no apostrophe at either
// end, unique regardless of case, and not History, which Excel keeps for itself.
class SheetNames {
 public:
  std::string Add(const std::string& label, const std::string& key) {
    std::string base = Fit(label, kMaxChars);
    if (base.empty()) base = Fit(key, kMaxChars);
    if (base.empty()) base = "Sheet";
    for (int n = 1;; ++n) {
      const std::string suffix = n == 1 ? "" : " (" + std::to_string(n) + ")";
      const std::string name = Fit(base, kMaxChars - suffix.size()) + suffix;
      if (used_.insert(AsciiLower(name)).second) return name;
    }
  }

 private:
  static constexpr size_t kMaxChars = 31;

  static std::string Fit(const std::string& text, size_t max_chars) {
    std::string name;
    size_t chars = 0;
    for (const char c : text) {
      const bool starts_character = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      if (starts_character && chars++ == max_chars) break;
      name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
    }
    const size_t first = name.find_first_not_of('\'');
    if (first == std::string::npos) return {};
    return name.substr(first, name.find_last_not_of('\'') - first + 1);
  }

  static std::string AsciiLower(std::string text) {
    for (char& c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
  }

  std::set<std::string> used_ = {"history"};
};

// Writes one section's sheet: title, figures, then each table with its chart beside it.
class SectionSheet {
 public:
  SectionSheet(lxw_workbook* workbook, lxw_worksheet* sheet, std::string name,
               const Formats& formats, const Words& words, const std::string& lang)
      : workbook_(workbook),
        sheet_(sheet),
        name_(std::move(name)),
        formats_(formats),
        words_(words),
        lang_(lang) {}

  // The first error libxlsxwriter reported, LXW_NO_ERROR when there was none.
  lxw_error Write(const Section& section, const std::string& title) {
    Text(0, 0, title, formats_.title, false);
    lxw_row_t row = 2;
    for (lxw_col_t col = 0; col < 4; ++col) {
      Text(row, col, words_.figure_headers[col], formats_.bold);
    }
    for (const Figure& figure : section.figures) {
      ++row;
      Text(row, 0, figure.label.In(lang_));
      Number(row, 1, figure.value, formats_.number.at(figure.unit));
      if (figure.target) {
        Number(row, 2, figure.target->value,
               formats_.target.at({figure.unit, figure.target->direction}));
      }
      Text(row, 3, VerdictText(figure.verdict(), words_));
    }
    row += 2;
    for (const Table& table : section.tables) {
      row = WriteTable(table, row);
    }
    for (const auto& [col, width] : widths_) {
      Check(worksheet_set_column(sheet_, col, col, std::clamp(width + 2, 10.0, 60.0), nullptr));
    }
    return error_;
  }

 private:
  // A chart is 15 default rows tall; the next table starts below it so they never overlap.
  static constexpr lxw_row_t kChartRows = 16;

  // Writes a table from row first, returning the row the next block starts at.
  lxw_row_t WriteTable(const Table& table, lxw_row_t first) {
    // Column numbers are 16 bits; a wider table would wrap onto its own first columns.
    if (table.columns.size() >= LXW_COL_MAX) {
      Check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
      return first;
    }
    Text(first, 0, table.label.In(lang_), formats_.bold, false);
    const lxw_row_t header = first + 1;
    for (lxw_col_t col = 0; col < table.columns.size(); ++col) {
      Text(header, col, table.columns[col].label.In(lang_), formats_.bold);
    }
    lxw_row_t row = header;
    for (const Row& line : table.rows) {
      ++row;
      for (lxw_col_t col = 0; col < table.columns.size(); ++col) {
        const Cell cell = col < line.cells.size() ? line.cells[col] : Cell{};
        const Unit unit = table.columns[col].unit;
        if (unit == Unit::kText) {
          Text(row, col, cell.TextIn(lang_));
        } else {
          Number(row, col, cell.number, formats_.number.at(unit));
        }
      }
    }
    const lxw_row_t next = row + 2;
    return AddChart(table, first, header, row) ? std::max(next, first + kChartRows) : next;
  }

  // Draws a table as a native chart beside it, months as lines or a bar group per row; false
  // when the table asks for no chart or has nothing to draw.
  bool AddChart(const Table& table, lxw_row_t label, lxw_row_t header, lxw_row_t last) {
    if (table.chart == Chart::kNone || last == header) return false;
    lxw_col_t category = 0;
    if (table.chart == Chart::kBars) {
      const auto text = std::find_if(table.columns.begin(), table.columns.end(),
                                     [](const Column& c) { return c.unit == Unit::kText; });
      if (text != table.columns.end()) category = text - table.columns.begin();
    }
    std::vector<lxw_col_t> values;
    for (lxw_col_t col = 0; col < table.columns.size(); ++col) {
      if (col != category && table.columns[col].unit != Unit::kText) values.push_back(col);
    }
    if (values.empty()) return false;
    lxw_chart* chart = workbook_add_chart(
        workbook_, table.chart == Chart::kLinesByMonth ? LXW_CHART_LINE : LXW_CHART_COLUMN);
    if (!chart) {
      Check(LXW_ERROR_MEMORY_MALLOC_FAILED);
      return false;
    }
    // Titles and series names point at their cells, so a label is never read as a formula.
    chart_title_set_name_range(chart, name_.c_str(), label, 0);
    for (const lxw_col_t col : values) {
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, name_.c_str(), header + 1, category, last, category);
      chart_series_set_values(series, name_.c_str(), header + 1, col, last, col);
      chart_series_set_name_range(series, name_.c_str(), header, col);
    }
    Check(worksheet_insert_chart(sheet_, label, table.columns.size() + 1, chart));
    return true;
  }

  // fit: whether the text sizes its column; titles spill into the empty cells beside them.
  void Text(lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format = nullptr,
            bool fit = true) {
    if (text.empty()) return;
    Check(worksheet_write_string(sheet_, row, col, text.c_str(), format));
    if (fit) widths_[col] = std::max(widths_[col], DisplayWidth(text));
  }

  // No data leaves the cell blank, never 0.
  void Number(lxw_row_t row, lxw_col_t col, const std::optional<double>& value,
              lxw_format* format) {
    if (value) Check(worksheet_write_number(sheet_, row, col, *value, format));
  }

  void Check(lxw_error error) {
    if (error_ == LXW_NO_ERROR) error_ = error;
  }

  lxw_workbook* workbook_;
  lxw_worksheet* sheet_;
  std::string name_;
  const Formats& formats_;
  const Words& words_;
  const std::string& lang_;
  std::map<lxw_col_t, double> widths_;
  lxw_error error_ = LXW_NO_ERROR;
};

lxw_error AddSheets(lxw_workbook* workbook, const Report& report, const std::string& lang) {
  const Words& words = lang == "en" ? kEn : kZh;
  const Formats formats = MakeFormats(workbook);
  const std::string scope = report.scope.IsBanner() ? words.banner : report.scope.township_name;
  const std::string title =
      report.period.key + " · " + report.period.from + "–" + report.period.to + " · " + scope;
  SheetNames names;
  for (const Section& section : report.sections) {
    const std::string name = names.Add(section.label.In(lang), section.key);
    if (const lxw_error invalid = workbook_validate_sheet_name(workbook, name.c_str())) {
      return invalid;
    }
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    if (!sheet) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    SectionSheet writer(workbook, sheet, name, formats, words, lang);
    if (const lxw_error failed = writer.Write(section, title)) return failed;
  }
  return LXW_NO_ERROR;
}

}  // namespace

Status WriteReportXlsx(const Report& report, const std::string& path, const std::string& lang) {
  if (path.empty()) return Fail(ErrorKind::kInvalid, "no file named");
  const std::filesystem::path parent = export_files::ParentOf(path);
  // A new file of its own beside the workbook, never one that exists (O_EXCL). Creating it
  // first also tells why a directory cannot take it; workbook_close does not.
  const std::string stem = (parent / ("." + std::filesystem::path(path).filename().string() +
                                      ".tmp-" + std::to_string(getpid()) + "-"))
                               .string();
  std::string temp;
  for (int attempt = 0;; ++attempt) {
    temp = stem + std::to_string(attempt);
    const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      close(fd);
      break;
    }
    if (errno != EEXIST || attempt == 99)
      return Fail(ErrorKind::kOther, export_files::WhyNotWritable(parent, errno));
  }
  const auto abandon = [&temp](Status status) {
    std::remove(temp.c_str());
    return status;
  };

  lxw_workbook* workbook = workbook_new(temp.c_str());
  if (!workbook) return abandon(Fail(ErrorKind::kOther, "cannot start a workbook"));
  const lxw_error built = AddSheets(workbook, report, lang);
  const lxw_error closed = workbook_close(workbook);  // frees the workbook, written or not
  if (built != LXW_NO_ERROR) {
    return abandon(Fail(ErrorKind::kInvalid,
                        std::string("the report does not fit a workbook: ") + lxw_strerror(built)));
  }
  if (closed != LXW_NO_ERROR) {
    return abandon(Fail(ErrorKind::kOther, "cannot write " + temp + ": " + lxw_strerror(closed)));
  }
  if (const int failed = export_files::SyncToDisk(temp)) {
    return abandon(Fail(ErrorKind::kOther, "cannot write " + temp + ": " + std::strerror(failed)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    return abandon(Fail(ErrorKind::kOther, "cannot replace " + path + ": " + std::strerror(errno)));
  }
  // The workbook is whole and in place; a failed flush of the parent only weakens durability.
  export_files::SyncToDisk(parent);
  return Status::Ok();
}

}  // namespace relay::report
