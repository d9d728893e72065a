#include "relay/report/period.h"

#include <cstdio>
#include <regex>

namespace relay::report {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kBeijingOffsetMs = 8 * 3'600'000;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

unsigned DaysInMonth(int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string DayText(int64_t year, unsigned month, unsigned day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02u", static_cast<long long>(year), month, day);
  return text;
}

Civil BeijingCivil(int64_t utc_ms) {
  const int64_t local = utc_ms + kBeijingOffsetMs;
  return CivilFromDays(local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs);
}

// The period of the months first..last (1-based, inclusive) of a year.
Period Months(std::string key, int64_t year, unsigned first, unsigned last) {
  Period period;
  period.key = std::move(key);
  period.from = DayText(year, first, 1);
  period.to = DayText(year, last, DaysInMonth(year, last));
  period.begin_ms = BeijingMidnightMs(period.from);
  period.end_ms = BeijingMidnightMs(period.to) + kDayMs;
  return period;
}

Status Refused(std::string_view text, const std::string& rule) {
  return Status::Error(ErrorKind::kInvalid,
                       "--period " + std::string(text) + ": " + rule +
                           " (a year 2024, a half 2024-H1, a quarter 2024-Q3, three quarters "
                           "2024-Q1-Q3, or days 2024-03-01..2024-05-31)");
}

}  // namespace

int64_t BeijingMidnightMs(std::string_view day) {
  int year = 0;
  unsigned month = 0, dom = 0;
  char tail = 0;
  const std::string text(day);
  if (text.size() != 10 ||
      std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &year, &month, &dom, &tail) != 3)
    return -1;
  if (year < 1970 || year > 2999 || month < 1 || month > 12 || dom < 1 ||
      dom > DaysInMonth(year, month))
    return -1;
  return DaysFromCivil(year, month, dom) * kDayMs - kBeijingOffsetMs;
}

std::string BeijingDay(int64_t utc_ms) {
  const Civil civil = BeijingCivil(utc_ms);
  return DayText(civil.year, civil.month, civil.day);
}

std::vector<std::string> Period::Months() const {
  std::vector<std::string> months;
  if (end_ms <= begin_ms) return months;
  Civil at = BeijingCivil(begin_ms);
  const Civil last = BeijingCivil(end_ms - 1);
  while (at.year < last.year || (at.year == last.year && at.month <= last.month)) {
    months.push_back(DayText(at.year, at.month, 1).substr(0, 7));
    at = at.month == 12 ? Civil{at.year + 1, 1, 1} : Civil{at.year, at.month + 1, 1};
  }
  return months;
}

Result<Period> ParsePeriod(std::string_view text) {
  static const std::regex kYear(R"((\d{4}))");
  static const std::regex kHalf(R"((\d{4})-H([12]))");
  static const std::regex kQuarter(R"((\d{4})-Q([1-4]))");
  static const std::regex kQuarters(R"((\d{4})-Q([1-4])-Q([1-4]))");
  static const std::regex kDays(R"((\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2}))");
  const std::string key(text);
  std::smatch match;
  auto year_of = [&](const std::string& digits) { return std::stoll(digits); };
  if (std::regex_match(key, match, kYear) || std::regex_match(key, match, kHalf) ||
      std::regex_match(key, match, kQuarter) || std::regex_match(key, match, kQuarters)) {
    const int64_t year = year_of(match[1]);
    if (year < 1970 || year > 2999) return Refused(text, "the year must be 1970 to 2999");
    if (match.size() == 2) return Months(key, year, 1, 12);
    const unsigned first = static_cast<unsigned>(std::stoul(match[2]));
    if (key[5] == 'H') return Months(key, year, first == 1 ? 1 : 7, first == 1 ? 6 : 12);
    const unsigned last = match.size() == 4 ? static_cast<unsigned>(std::stoul(match[3])) : first;
    if (last < first) return Refused(text, "the last quarter comes before the first");
    return Months(key, year, first * 3 - 2, last * 3);
  }
  if (std::regex_match(key, match, kDays)) {
    Period period;
    period.key = key;
    period.from = match[1];
    period.to = match[2];
    period.begin_ms = BeijingMidnightMs(period.from);
    const int64_t last_day = BeijingMidnightMs(period.to);
    if (period.begin_ms < 0 || last_day < 0) return Refused(text, "a day that does not exist");
    if (last_day < period.begin_ms) return Refused(text, "the last day comes before the first");
    period.end_ms = last_day + kDayMs;
    return period;
  }
  return Refused(text, "not a period");
}

}  // namespace relay::report
