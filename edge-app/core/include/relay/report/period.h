#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "relay/status.h"

namespace relay::report {

// A reporting period in calendar days of Beijing time (UTC+8), both ends included, as the
// health commission counts them.
struct Period {
  std::string key;   // as asked: 2024-H1, 2024-Q3, 2024-Q1-Q3, 2024, 2024-03-01..2024-05-31
  std::string from;  // 2024-01-01
  std::string to;    // 2024-06-30
  // The instants the period covers, in UTC milliseconds: [begin_ms, end_ms).
  int64_t begin_ms = 0;
  int64_t end_ms = 0;
  bool Contains(int64_t utc_ms) const { return utc_ms >= begin_ms && utc_ms < end_ms; }
  // The months the period touches, as 2024-01, in order.
  std::vector<std::string> Months() const;
};

// Reads a period: YYYY (a year), YYYY-H1 or -H2 (half-years), YYYY-Q1 … -Q4, YYYY-Q1-Q3
// (three quarters, the commission's cadence), or FROM..TO as two dates. Anything else, or a
// range whose end comes before its start, is refused naming the rule (kind kInvalid).
Result<Period> ParsePeriod(std::string_view text);

// The Beijing-time day (2024-06-30) of an instant in UTC milliseconds.
std::string BeijingDay(int64_t utc_ms);
// The UTC milliseconds of midnight Beijing time opening a day given as 2024-06-30, or -1 for
// text that is no such day.
int64_t BeijingMidnightMs(std::string_view day);

}  // namespace relay::report
