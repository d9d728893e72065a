#pragma once

#include <nlohmann/json.hpp>

#include "relay/report/report.h"

namespace relay::report {

// The report as relay-cli prints it: counts as plain numbers (null for no data), a figure
// with a target as {"value", "target", "status"}, and each table as rows of its columns with
// the row's record id.
nlohmann::json ReportJson(const Report& report);

}  // namespace relay::report
