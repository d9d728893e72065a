#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/schema.h"

namespace relay {

// Why one field was refused: the field, the rule it broke, and a sentence for a person.
struct FieldError {
  std::string field;
  std::string rule;
  std::string message;
  // The field this one was compared with (a time it may not precede): its name in the same
  // record, or "table.field" in another.
  std::string compared_with = {};

  // "field: message (rule)".
  std::string ToString() const;
};

// Checks one value against its field's rules and rewrites it in canonical form
// (plates as "蒙H·12345", phones as 11 digits). Null clears an optional field.
std::optional<FieldError> ValidateField(const FieldSpec& spec, nlohmann::json& value);

// Checks every field of a record: unknown fields, each value, and, when creating, that
// every required field is present. Returns the normalised fields, or every error found.
struct RecordCheck {
  nlohmann::json fields = nlohmann::json::object();
  std::vector<FieldError> errors;
  bool ok() const { return errors.empty(); }
};
RecordCheck ValidateRecord(const TableSpec& table, const nlohmann::json& fields, bool creating);

// Canonical forms, exposed for forms that want to show what will be stored.
std::optional<std::string> NormalizePlate(const std::string& text);
std::optional<std::string> NormalizeMobilePhone(const std::string& text);
// A mobile number, or a landline as "0479-1234567".
std::optional<std::string> NormalizePhone(const std::string& text);
// "YYYY-MM-DD", a real calendar day.
std::optional<std::string> NormalizeDate(const std::string& text);
// "YYYY-MM-DD[T| ]HH:MM[:SS][Z|±HH:MM]" to UTC "YYYY-MM-DDTHH:MM:SSZ"; without a zone the
// time is the banner's local time (UTC+8).
std::optional<std::string> NormalizeTime(const std::string& text);
// "lat,lon" in degrees to "%.6f,%.6f".
std::optional<std::string> NormalizeLocation(const std::string& text);

// Seconds since the Unix epoch of a time NormalizeTime accepts, and back to canonical text.
std::optional<int64_t> ParseTimeSeconds(const std::string& text);
std::string FormatUtcTime(int64_t seconds);

// China Standard Time, the local time of every banner.
inline constexpr int kBannerUtcOffsetMinutes = 8 * 60;

}  // namespace relay
