#pragma once

#include <string>

#include "relay/report/report.h"
#include "relay/status.h"

namespace relay::report {

// Writes a report as one Excel workbook at path, a sheet per section with its figures, tables
// and native charts, words in lang ("en" English, otherwise Chinese); path is replaced only by
// a whole workbook.
Status WriteReportXlsx(const Report& report, const std::string& path, const std::string& lang);

}  // namespace relay::report
