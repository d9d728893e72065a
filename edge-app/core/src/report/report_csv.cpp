#include "relay/report/report_csv.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

#include "export_files.h"

namespace relay::report {
namespace {

namespace fs = std::filesystem;

Status Fail(ErrorKind kind, const std::string& why) {
  return Status::Error(kind, "--csv DIR: " + why);
}

// Excel reads a field starting with one of these as a formula, so a name typed in the field
// could run one; a leading apostrophe keeps it text.
bool ExcelReadsAsFormula(const std::string& text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

// RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled.
std::string TextField(const std::string& text) {
  const std::string value = ExcelReadsAsFormula(text) ? "'" + text : text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// Shares as decimals to a hundredth of a percent (0.79), minutes and hours to a tenth, counts
// whole; written without locale so the decimal point is always a point.
std::string NumberField(double value, Unit unit) {
  const bool tenths = unit == Unit::kMinutes || unit == Unit::kHours;
  const int decimals = unit == Unit::kShare ? 4 : tenths ? 1 : 0;
  char buffer[512];  // holds any double in fixed notation: at most 309 digits before the point
  std::string text(
      buffer,
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals).ptr);
  if (unit == Unit::kShare) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string OptionalNumberField(const std::optional<double>& value, Unit unit) {
  return value ? NumberField(*value, unit) : std::string();  // no data stays empty, never 0
}

std::string TargetField(const std::optional<Target>& target, Unit unit) {
  if (!target) return {};
  const char* sign = target->direction == Target::Direction::kAtLeast ? "≥" : "≤";
  return sign + NumberField(target->value, unit);
}

void AddLine(std::string& file, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) file += ',';
    file += fields[i];
  }
  file += "\r\n";
}

// Keys become file names, so only letters, digits, _ and - keep them inside the directory.
bool IsFileKey(const std::string& key) {
  if (key.empty()) return false;
  for (const char c : key) {
    const bool ascii_word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ascii_word) return false;
  }
  return true;
}

std::string FiguresFile(const Section& section, const std::string& lang) {
  const bool en = lang == "en";
  std::string file = "\xEF\xBB\xBF";  // the BOM tells Excel the file is UTF-8
  if (en) {
    AddLine(file, {"key", "label", "value", "target", "status"});
  } else {
    AddLine(file, {"代码", "指标", "数值", "目标", "状态"});
  }
  for (const Figure& figure : section.figures) {
    AddLine(file, {TextField(figure.key), TextField(figure.label.In(lang)),
                   OptionalNumberField(figure.value, figure.unit),
                   TargetField(figure.target, figure.unit), VerdictName(figure.verdict())});
  }
  return file;
}

std::string TableFile(const Table& table, const std::string& lang) {
  std::string file = "\xEF\xBB\xBF";
  std::vector<std::string> fields = {"id"};
  for (const Column& column : table.columns)
    fields.push_back(TextField(column.label.In(lang)));
  AddLine(file, fields);
  for (const Row& row : table.rows) {
    fields = {TextField(row.record_id)};
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Cell cell = i < row.cells.size() ? row.cells[i] : Cell{};
      const Unit unit = table.columns[i].unit;
      fields.push_back(unit == Unit::kText ? TextField(cell.TextIn(lang))
                                           : OptionalNumberField(cell.number, unit));
    }
    AddLine(file, fields);
  }
  return file;
}

// The files of the export by name, or why the report cannot be written as files.
Result<std::map<std::string, std::string>> Files(const Report& report, const std::string& lang) {
  std::map<std::string, std::string> files;
  for (const Section& section : report.sections) {
    if (!IsFileKey(section.key)) {
      return Fail(ErrorKind::kInvalid, "section key \"" + section.key +
                                           "\" cannot name a file (letters, digits, _ and - only)");
    }
    std::vector<std::pair<std::string, std::string>> named = {
        {section.key + ".csv", FiguresFile(section, lang)}};
    for (const Table& table : section.tables) {
      if (!IsFileKey(table.key)) {
        return Fail(ErrorKind::kInvalid, "table key \"" + table.key + "\" of section " +
                                             section.key +
                                             " cannot name a file (letters, digits, _ and - only)");
      }
      named.emplace_back(section.key + "." + table.key + ".csv", TableFile(table, lang));
    }
    for (auto& [name, content] : named) {
      if (!files.emplace(name, std::move(content)).second) {
        return Fail(ErrorKind::kInvalid, "two parts of the report would both be " + name);
      }
    }
  }
  return files;
}

// A new directory beside target, named after it, for the export to be written into.
Result<fs::path> MakeTempDir(const fs::path& target) {
  const fs::path parent = export_files::ParentOf(target);
  const std::string stem =
      "." + target.filename().string() + ".tmp-" + std::to_string(getpid()) + "-";
  for (int attempt = 0;; ++attempt) {
    fs::path temp = parent / (stem + std::to_string(attempt));
    if (mkdir(temp.c_str(), 0777) == 0) return temp;
    if (errno != EEXIST || attempt == 99) {
      return Fail(ErrorKind::kOther, export_files::WhyNotWritable(parent, errno));
    }
  }
}

}  // namespace

Status WriteReportCsv(const Report& report, const std::string& dir, const std::string& lang) {
  fs::path target = fs::path(dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // out/ names the directory out
  if (target.empty() || target.filename() == "." || target.filename() == "..") {
    return Fail(ErrorKind::kInvalid, "\"" + dir + "\" names no directory to create");
  }
  Result<std::map<std::string, std::string>> files = Files(report, lang);
  if (!files.ok()) return files.status();

  std::error_code error;
  const fs::file_status existing = fs::symlink_status(target, error);
  if (fs::exists(existing)) {
    if (!fs::is_directory(existing)) {
      return Fail(ErrorKind::kInvalid, dir + " exists and is not a directory");
    }
    const bool empty = fs::is_empty(target, error);
    if (error) return Fail(ErrorKind::kOther, "cannot read " + dir + ": " + error.message());
    if (!empty) {
      return Fail(ErrorKind::kInvalid,
                  dir +
                      " is not empty; the export goes into a new or empty directory so no "
                      "older file is mixed in");
    }
  }

  const Result<fs::path> made = MakeTempDir(target);
  if (!made.ok()) return made.status();
  const fs::path& temp = made.value();
  const auto abandon = [&temp](Status status) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    return status;
  };
  for (const auto& [name, content] : files.value()) {
    if (const int failed = export_files::WriteDurably(temp / name, content)) {
      return abandon(Fail(ErrorKind::kOther,
                          "cannot write " + (temp / name).string() + ": " + std::strerror(failed)));
    }
  }
  if (const int failed = export_files::SyncToDisk(temp)) {
    return abandon(
        Fail(ErrorKind::kOther, "cannot write " + temp.string() + ": " + std::strerror(failed)));
  }
  // rename replaces an empty directory but fails on one that gained files meanwhile.
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    return abandon(
        Fail(ErrorKind::kOther, "cannot move the export to " + dir + ": " + std::strerror(errno)));
  }
  // The export is whole and in place; a failed flush of the parent only weakens durability.
  export_files::SyncToDisk(export_files::ParentOf(target));
  return Status::Ok();
}

}  // namespace relay::report
