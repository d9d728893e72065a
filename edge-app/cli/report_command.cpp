#include "report_command.h"

#include <filesystem>
#include <iostream>
#include <map>

#include "relay/edge/local_store.h"
#include "relay/report/report_builder.h"
#include "relay/report/report_csv.h"
#include "relay/report/report_json.h"
#include "relay/report/report_xlsx.h"
#include "relay/sqlite.h"

namespace {

namespace fs = std::filesystem;

int Refuse(const std::string& reason) {
  std::cerr << "relay-cli: report: " << reason << "\n";
  return 2;
}

// The report's scope: --township, or the township this laptop is enrolled for. A township's
// laptop holds only its own records (and the shared geography), so it reports on its
// township alone; the banner and other townships would count what it never holds.
relay::Result<relay::report::Scope> ScopeOf(relay::edge::LocalStore& store,
                                            const relay::report::ReportData& data,
                                            const std::string& township) {
  auto enrollment = store.ReadEnrollment();
  if (!enrollment.ok()) return enrollment.status();
  const std::string own = enrollment.value() && enrollment.value()->role != "county"
                              ? enrollment.value()->township_id
                              : "";
  auto scope = relay::report::ResolveScope(data, township.empty() ? own : township);
  if (!scope.ok() || own.empty() || scope.value().township_id == own) return scope;
  return relay::Status::Error(relay::ErrorKind::kInvalid,
                              "--township " + township +
                                  ": this laptop is enrolled for another township and holds only "
                                  "that township's records");
}

// Takes back a CSV folder written for a report whose workbook then failed: removed, or
// emptied again when the user gave an empty folder.
void TakeBack(const std::string& dir, bool existed) {
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  if (existed) fs::create_directory(dir, ignored);
}

}  // namespace

int ReportCommand(relay::edge::LocalStore& store, const std::string& db_path,
                  const std::vector<std::string>& args, relay::Clock& clock) {
  std::map<std::string, std::string> options;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& name = args[i];
    if (name != "--period" && name != "--township" && name != "--lang" && name != "--xlsx" &&
        name != "--csv") {
      return Refuse(name +
                    ": not an option of report (--period, --township, --xlsx, --csv, --lang)");
    }
    if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0) {
      return Refuse(name + ": needs a value");
    }
    if (options.count(name)) return Refuse(name + ": given twice");
    options[name] = args[++i];
  }
  if (!options.count("--period")) return Refuse("--period: is required (such as 2024-H1)");
  const std::string lang = options.count("--lang") ? options["--lang"] : "zh";
  if (lang != "zh" && lang != "en") return Refuse("--lang " + lang + ": must be zh or en");
  auto period = relay::report::ParsePeriod(options["--period"]);
  if (!period.ok()) return Refuse(period.status().message());
  if (options.count("--xlsx") && fs::path(options["--xlsx"]).extension() != ".xlsx") {
    return Refuse("--xlsx " + options["--xlsx"] + ": the workbook's name ends in .xlsx");
  }

  auto db = relay::sql::Database::Open(db_path);
  if (!db.ok()) return Refuse(db.status().message());
  auto data = relay::report::LoadReportData(*db.value());
  if (!data.ok()) return Refuse("cannot read " + db_path + ": " + data.status().message());
  auto scope = ScopeOf(store, data.value(), options["--township"]);
  if (!scope.ok()) return Refuse(scope.status().message());
  const auto report =
      relay::report::BuildReport(data.value(), period.value(), scope.value(), clock.NowMs());
  if (!options.count("--xlsx") && !options.count("--csv")) {
    std::cout << relay::report::ReportJson(report).dump(2) << "\n";
    return 0;
  }
  // The CSV folder first: it is refused when not new or empty, and is taken back when the
  // workbook then fails, so a refusal leaves neither.
  const bool csv_existed = options.count("--csv") && fs::exists(options["--csv"]);
  if (options.count("--csv")) {
    const std::string& dir = options["--csv"];
    if (auto written = relay::report::WriteReportCsv(report, dir, lang); !written.ok())
      return Refuse(written.message());
  }
  if (options.count("--xlsx")) {
    if (auto written = relay::report::WriteReportXlsx(report, options["--xlsx"], lang);
        !written.ok()) {
      if (options.count("--csv")) TakeBack(options["--csv"], csv_existed);
      return Refuse(written.message());
    }
    std::cout << "wrote " << options["--xlsx"] << "\n";
  }
  if (options.count("--csv")) std::cout << "wrote " << options["--csv"] << "\n";
  return 0;
}
