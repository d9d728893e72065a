#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/edge/local_store.h"
#include "relay/report/report_data.h"

namespace relay::edge::ui {

// The periods the overview offers in a year, in the commission's cadences.
enum class Cadence { kFirstHalf, kFirstThreeQuarters, kYear, kQ1, kQ2, kQ3, kQ4 };

inline constexpr std::array<Cadence, 7> kCadences = {
    Cadence::kFirstHalf, Cadence::kFirstThreeQuarters,
    Cadence::kYear,      Cadence::kQ1,
    Cadence::kQ2,        Cadence::kQ3,
    Cadence::kQ4};

// The period as ParsePeriod reads it: 2024-H1, 2024-Q1-Q3, 2024, 2024-Q2.
std::string PeriodKey(int year, Cadence cadence);
// The translation key of a cadence's name ("overview.cadence.h1").
std::string CadenceLabelKey(Cadence cadence);

// The Beijing-time years in which a call came in, newest first.
std::vector<int> YearsWithTransports(const report::ReportData& data);
// The year the overview opens on: the newest with transports, else the current Beijing year.
int DefaultYear(const std::vector<int>& years, int64_t now_ms);

// The township whose figures this laptop shows: a clinic's or team lead's own township; empty
// (the banner) for the county and for a laptop never enrolled.
std::string ScopeTownship(const std::optional<Enrollment>& enrollment);

}  // namespace relay::edge::ui
