#include "relay/report/report.h"

namespace relay::report {

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "met";
    case Verdict::kNotMet:
      return "not_met";
    case Verdict::kNoData:
      return "no_data";
    case Verdict::kNoTarget:
      break;
  }
  return "";
}

Verdict Judge(const std::optional<double>& value, const std::optional<Target>& target) {
  // A figure without a target is never judged, measured or not.
  if (!target) return Verdict::kNoTarget;
  if (!value) return Verdict::kNoData;
  const bool met = target->direction == Target::Direction::kAtLeast ? *value >= target->value
                                                                    : *value <= target->value;
  return met ? Verdict::kMet : Verdict::kNotMet;
}

}  // namespace relay::report
