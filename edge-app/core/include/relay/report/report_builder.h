#pragma once

#include <string>

#include "relay/report/report.h"
#include "relay/report/report_data.h"

namespace relay::report {

// The scope of --township: a township found by its code, name or id; the banner when empty.
// An unknown one is refused naming the argument (kind kInvalid).
Result<Scope> ResolveScope(const ReportData& data, const std::string& township);

// The county's picture of the period and scope, computed from the merged data at now_ms
// (which only data health reads: a laptop quiet for a week, a transport open for a day).
Report BuildReport(const ReportData& data, const Period& period, const Scope& scope,
                   int64_t now_ms);

}  // namespace relay::report
