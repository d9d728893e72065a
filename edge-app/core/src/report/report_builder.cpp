#include "relay/report/report_builder.h"

#include "relay/validation.h"
#include "report_context.h"

namespace relay::report {

Result<Scope> ResolveScope(const ReportData& data, const std::string& township) {
  if (township.empty()) return Scope{};
  for (const auto& each : data.townships) {
    if (each.code == township || each.name == township || each.id == township)
      return Scope{each.id, each.name, each.code};
  }
  return Status::Error(ErrorKind::kInvalid,
                       "--township " + township + ": no township has this code, name or id");
}

Report BuildReport(const ReportData& data, const Period& period, const Scope& scope,
                   int64_t now_ms) {
  const ReportContext context(data, period, scope, now_ms);
  Report report{period, scope, FormatUtcTime(now_ms / 1000), {}};
  for (auto section :
       {RescueCircleSection, VehiclesSection, TeamsSection, TrainingSection, DataHealthSection}) {
    report.sections.push_back(section(context));
  }
  return report;
}

}  // namespace relay::report
