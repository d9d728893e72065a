#include "report_command.h"

#include <iostream>
#include <map>

#include "relay/report/report_builder.h"
#include "relay/report/report_csv.h"
#include "relay/report/report_json.h"
#include "relay/report/report_xlsx.h"
#include "relay/sqlite.h"

namespace {

int Refuse(const std::string& reason) {
  std::cerr << "relay-cli: report: " << reason << "\n";
  return 2;
}

}  // namespace

int ReportCommand(const std::string& db_path, const std::vector<std::string>& args,
                  relay::Clock& clock) {
  std::map<std::string, std::string> options;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& name = args[i];
    if (name != "--period" && name != "--township" && name != "--lang" && name != "--xlsx" &&
        name != "--csv") {
      return Refuse(name +
                    ": not an option of report (--period, --township, --xlsx, --csv, --lang)");
    }
    if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
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

  auto db = relay::sql::Database::Open(db_path);
  if (!db.ok()) return Refuse(db.status().message());
  auto data = relay::report::LoadReportData(*db.value());
  if (!data.ok()) return Refuse("cannot read " + db_path + ": " + data.status().message());
  auto scope = relay::report::ResolveScope(data.value(), options["--township"]);
  if (!scope.ok()) return Refuse(scope.status().message());
  const auto report =
      relay::report::BuildReport(data.value(), period.value(), scope.value(), clock.NowMs());
  if (!options.count("--xlsx") && !options.count("--csv")) {
    std::cout << relay::report::ReportJson(report).dump(2) << "\n";
    return 0;
  }
  if (options.count("--xlsx")) {
    const std::string& path = options["--xlsx"];
    if (auto written = relay::report::WriteReportXlsx(report, path, lang); !written.ok())
      return Refuse(written.message());
    std::cout << "wrote " << path << "\n";
  }
  if (options.count("--csv")) {
    const std::string& dir = options["--csv"];
    if (auto written = relay::report::WriteReportCsv(report, dir, lang); !written.ok())
      return Refuse(written.message());
    std::cout << "wrote " << dir << "\n";
  }
  return 0;
}
