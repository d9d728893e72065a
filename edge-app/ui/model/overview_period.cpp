#include "ui/model/overview_period.h"

#include <algorithm>
#include <charconv>

#include "relay/report/period.h"

namespace relay::edge::ui {

std::string PeriodKey(int year, Cadence cadence) {
  const std::string y = std::to_string(year);
  switch (cadence) {
    case Cadence::kFirstHalf:
      return y + "-H1";
    case Cadence::kFirstThreeQuarters:
      return y + "-Q1-Q3";
    case Cadence::kYear:
      return y;
    case Cadence::kQ1:
      return y + "-Q1";
    case Cadence::kQ2:
      return y + "-Q2";
    case Cadence::kQ3:
      return y + "-Q3";
    case Cadence::kQ4:
      return y + "-Q4";
  }
  return y;
}

std::string CadenceLabelKey(Cadence cadence) {
  switch (cadence) {
    case Cadence::kFirstHalf:
      return "overview.cadence.h1";
    case Cadence::kFirstThreeQuarters:
      return "overview.cadence.q1_q3";
    case Cadence::kYear:
      return "overview.cadence.year";
    case Cadence::kQ1:
      return "overview.cadence.q1";
    case Cadence::kQ2:
      return "overview.cadence.q2";
    case Cadence::kQ3:
      return "overview.cadence.q3";
    case Cadence::kQ4:
      return "overview.cadence.q4";
  }
  return "";
}

namespace {

int BeijingYear(int64_t utc_ms) {
  const std::string day = report::BeijingDay(utc_ms);
  int year = 0;
  std::from_chars(day.data(), day.data() + std::min<size_t>(4, day.size()), year);
  return year;
}

}  // namespace

std::vector<int> YearsWithTransports(const report::ReportData& data) {
  std::vector<int> years;
  for (const auto& transport : data.transports) {
    const int year = BeijingYear(transport.call_ms);
    if (std::find(years.begin(), years.end(), year) == years.end()) years.push_back(year);
  }
  std::sort(years.rbegin(), years.rend());
  return years;
}

int DefaultYear(const std::vector<int>& years, int64_t now_ms) {
  return years.empty() ? BeijingYear(now_ms) : years.front();
}

std::string ScopeTownship(const std::optional<Enrollment>& enrollment) {
  if (!enrollment || enrollment->role == "county") return "";
  return enrollment->township_id;
}

}  // namespace relay::edge::ui
