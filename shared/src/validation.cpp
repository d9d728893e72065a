#include "relay/validation.h"

#include <array>
#include <cstdio>
#include <string_view>

#include "relay/text.h"
#include "relay/uuid.h"

namespace relay {
namespace {

// Province abbreviations that may open a mainland plate.
constexpr std::array<std::string_view, 31> kPlateProvinces = {
    "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣",
    "鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"};

constexpr std::string_view kPlateSeparators[] = {"·", "•", "・", "-", " "};
constexpr std::string_view kPoliceSuffix = "警";

bool IsUpperAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char ToUpper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

FieldError Error(const FieldSpec& spec, std::string rule, std::string message) {
  return FieldError{spec.name, std::move(rule), std::move(message)};
}

std::optional<FieldError> ValidateText(const FieldSpec& spec, nlohmann::json& value) {
  if (!value.is_string()) return Error(spec, "type", "must be text");
  const std::string text = value.get<std::string>();
  const auto length = Utf8Length(text);
  if (!length) return Error(spec, "utf8", "must be valid UTF-8 text");
  if (*length > spec.max_chars) {
    return Error(spec, "max_length",
                 "must be at most " + std::to_string(spec.max_chars) + " characters");
  }
  if (spec.required && *length == 0) return Error(spec, "required", "must not be empty");
  // Each rule: its canonical form of the text, or nullopt with the rule's name and message.
  struct Canonical {
    std::optional<std::string> text;
    const char* rule;
    const char* message;
  };
  Canonical canonical{text, "", ""};
  switch (spec.text_rule) {
    case TextRule::kNone:
      return std::nullopt;
    case TextRule::kMobilePhone:
      canonical = {NormalizeMobilePhone(text), "mobile_phone",
                   "must be an 11-digit mobile number starting 13-19, e.g. 13800000000"};
      break;
    case TextRule::kPhone:
      canonical = {NormalizePhone(text), "phone",
                   "must be a mobile number (13800000000) or a landline with its area code "
                   "(0479-1234567)"};
      break;
    case TextRule::kPlate:
      canonical = {NormalizePlate(text), "plate",
                   "must be a plate such as 蒙H·12345: province, letter, then 5 or 6 letters "
                   "or digits"};
      break;
    case TextRule::kTime:
      canonical = {NormalizeTime(text), "time",
                   "must be a date and time such as 2024-05-01 10:20 (Beijing time) or "
                   "2024-05-01T02:20:00Z"};
      break;
    case TextRule::kDate:
      canonical = {NormalizeDate(text), "date", "must be a date such as 2024-05-01"};
      break;
    case TextRule::kLocation:
      canonical = {NormalizeLocation(text), "location",
                   "must be latitude,longitude in degrees, e.g. 42.2984,115.0025"};
      break;
    case TextRule::kReference:
      canonical = {IsUuidV7(text) ? std::optional<std::string>(text) : std::nullopt, "reference",
                   "must be the id (UUIDv7) of a record"};
      break;
  }
  if (!canonical.text) return Error(spec, canonical.rule, canonical.message);
  value = *canonical.text;
  return std::nullopt;
}

std::optional<FieldError> ValidateValue(const FieldSpec& spec, nlohmann::json& value) {
  switch (spec.type) {
    case FieldType::kText:
      return ValidateText(spec, value);
    case FieldType::kInteger: {
      if (!value.is_number_integer()) return Error(spec, "type", "must be a whole number");
      // One past INT64_MAX would read as a negative number.
      const bool too_large = value.is_number_unsigned() && value.get<uint64_t>() > INT64_MAX;
      const auto number = value.get<int64_t>();
      if (too_large || number < spec.min || number > spec.max) {
        return Error(
            spec, "range",
            "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max));
      }
      return std::nullopt;
    }
    case FieldType::kBoolean:
      if (!value.is_boolean()) return Error(spec, "type", "must be true or false");
      return std::nullopt;
    case FieldType::kChoice: {
      if (value.is_string()) {
        for (const auto& choice : spec.choices) {
          if (value.get<std::string>() == choice) return std::nullopt;
        }
      }
      std::string allowed;
      for (const auto& choice : spec.choices) {
        allowed += (allowed.empty() ? "" : ", ") + choice;
      }
      return Error(spec, "choice", "must be one of: " + allowed);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string FieldError::ToString() const {
  return field + ": " + message + " (" + rule + ")";
}

std::optional<std::string> NormalizeMobilePhone(const std::string& text) {
  std::string digits;
  std::string_view rest = text;
  if (StartsWith(rest, "+86")) rest.remove_prefix(3);
  for (char c : rest) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return std::nullopt;
  return digits;
}

std::optional<std::string> NormalizePlate(const std::string& text) {
  std::string_view rest = text;
  while (!rest.empty() && rest.front() == ' ')
    rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ')
    rest.remove_suffix(1);

  std::string_view province;
  for (auto candidate : kPlateProvinces) {
    if (StartsWith(rest, candidate)) province = candidate;
  }
  if (province.empty()) return std::nullopt;
  rest.remove_prefix(province.size());
  if (rest.empty()) return std::nullopt;
  const char authority = ToUpper(rest.front());
  if (authority < 'A' || authority > 'Z') return std::nullopt;
  rest.remove_prefix(1);
  for (auto separator : kPlateSeparators) {
    if (StartsWith(rest, separator)) {
      rest.remove_prefix(separator.size());
      break;
    }
  }

  bool police = false;
  if (rest.size() >= kPoliceSuffix.size() &&
      rest.substr(rest.size() - kPoliceSuffix.size()) == kPoliceSuffix) {
    police = true;
    rest.remove_suffix(kPoliceSuffix.size());
  }
  std::string serial;
  for (char c : rest) {
    if (!IsUpperAlnum(ToUpper(c))) return std::nullopt;
    serial.push_back(ToUpper(c));
  }
  const bool length_ok = police ? serial.size() == 4 : (serial.size() == 5 || serial.size() == 6);
  if (!length_ok) return std::nullopt;
  return std::string(province) + authority + "·" + serial +
         (police ? std::string(kPoliceSuffix) : "");
}

std::optional<std::string> NormalizePhone(const std::string& text) {
  if (auto mobile = NormalizeMobilePhone(text)) return mobile;
  // A landline: 0, an area code of 2 or 3 more digits, then 7 or 8 digits.
  std::string digits;
  size_t dash = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '-' && dash == std::string::npos) {
      dash = digits.size();
    } else if (c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.size() < 10 || digits.size() > 12 || digits[0] != '0') return std::nullopt;
  const size_t area =
      dash != std::string::npos ? dash : (digits[1] == '1' || digits[1] == '2' ? 3 : 4);
  const size_t local = digits.size() - area;
  if (area < 3 || area > 4 || local < 7 || local > 8) return std::nullopt;
  return digits.substr(0, area) + "-" + digits.substr(area);
}

namespace {

// Reads exactly `count` digits at text[*pos], moving *pos past them.
std::optional<int> Digits(std::string_view text, size_t* pos, size_t count) {
  if (*pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  *pos += count;
  return value;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

struct CivilDate {
  int year, month, day;
};

std::optional<CivilDate> ReadDate(std::string_view text, size_t* pos) {
  auto year = Digits(text, pos, 4);
  if (!year || !Expect(text, pos, '-')) return std::nullopt;
  auto month = Digits(text, pos, 2);
  if (!month || !Expect(text, pos, '-')) return std::nullopt;
  auto day = Digits(text, pos, 2);
  if (!day || *year < 1900 || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  if (*day > kDays[*month - 1] + (*month == 2 && leap ? 1 : 0)) return std::nullopt;
  return CivilDate{*year, *month, *day};
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(CivilDate date) {
  const int year = date.year - (date.month <= 2 ? 1 : 0);
  const int era = year / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<int64_t>(era) * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = days / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

}  // namespace

std::optional<std::string> NormalizeDate(const std::string& text) {
  size_t pos = 0;
  auto date = ReadDate(text, &pos);
  if (!date || pos != text.size()) return std::nullopt;
  return text;
}

std::optional<int64_t> ParseTimeSeconds(const std::string& text) {
  size_t pos = 0;
  auto date = ReadDate(text, &pos);
  if (!date || (!Expect(text, &pos, 'T') && !Expect(text, &pos, ' '))) return std::nullopt;
  auto hour = Digits(text, &pos, 2);
  if (!hour || !Expect(text, &pos, ':')) return std::nullopt;
  auto minute = Digits(text, &pos, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  if (Expect(text, &pos, ':')) {
    auto read = Digits(text, &pos, 2);
    if (!read) return std::nullopt;
    second = *read;
  }
  if (*hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  int offset_minutes = kBannerUtcOffsetMinutes;  // no zone given: the banner's local time
  if (Expect(text, &pos, 'Z')) {
    offset_minutes = 0;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos++] == '-' ? -1 : 1;
    auto zone_hours = Digits(text, &pos, 2);
    if (!zone_hours || !Expect(text, &pos, ':')) return std::nullopt;
    auto zone_minutes = Digits(text, &pos, 2);
    if (!zone_minutes || *zone_hours > 14 || *zone_minutes > 59) return std::nullopt;
    offset_minutes = sign * (*zone_hours * 60 + *zone_minutes);
  }
  if (pos != text.size()) return std::nullopt;
  return DaysFromCivil(*date) * 86400 + *hour * 3600 + *minute * 60 + second - offset_minutes * 60;
}

std::string FormatUtcTime(int64_t seconds) {
  const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const int64_t in_day = seconds - days * 86400;
  const CivilDate date = CivilFromDays(days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month,
                date.day, static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return buffer;
}

std::optional<std::string> NormalizeTime(const std::string& text) {
  auto seconds = ParseTimeSeconds(text);
  if (!seconds) return std::nullopt;
  return FormatUtcTime(*seconds);
}

std::optional<std::string> NormalizeLocation(const std::string& text) {
  double latitude = 0;
  double longitude = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), " %lf , %lf %c", &latitude, &longitude, &extra) != 2) {
    return std::nullopt;
  }
  if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) {
    return std::nullopt;
  }
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.6f,%.6f", latitude, longitude);
  return std::string(buffer);
}

std::optional<FieldError> ValidateField(const FieldSpec& spec, nlohmann::json& value) {
  if (value.is_null()) {
    if (spec.required) return Error(spec, "required", "is required");
    return std::nullopt;
  }
  return ValidateValue(spec, value);
}

RecordCheck ValidateRecord(const TableSpec& table, const nlohmann::json& fields, bool creating) {
  RecordCheck check;
  if (!fields.is_object()) {
    check.errors.push_back({"(record)", "type", "must be a JSON object of field names to values"});
    return check;
  }
  for (const auto& [name, raw] : fields.items()) {
    const FieldSpec* spec = table.Field(name);
    if (!spec) {
      check.errors.push_back({name, "unknown_field", "is not a field of " + table.name});
      continue;
    }
    nlohmann::json value = raw;
    if (auto error = ValidateField(*spec, value)) {
      check.errors.push_back(*error);
    } else {
      check.fields[name] = value;
    }
  }
  if (creating) {
    for (const auto& spec : table.fields) {
      if (spec.required && !fields.contains(spec.name)) {
        check.errors.push_back({spec.name, "required", "is required"});
      }
    }
  }
  return check;
}

}  // namespace relay
