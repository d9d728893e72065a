#pragma once

#include <string>

#include "relay/report/report.h"
#include "relay/status.h"

namespace relay::report {

// Writes a report as CSV files for Excel, <section>.csv for its figures and
// <section>.<table>.csv for each table, headers in lang ("en" English, otherwise Chinese), into
// dir, which must not exist or be empty; the directory appears whole or not at all.
Status WriteReportCsv(const Report& report, const std::string& dir, const std::string& lang);

}  // namespace relay::report
