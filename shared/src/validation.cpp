#include "relay/validation.h"

#include <array>
#include <string_view>

#include "relay/text.h"

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
  switch (spec.text_rule) {
    case TextRule::kNone:
      return std::nullopt;
    case TextRule::kMobilePhone: {
      const auto phone = NormalizeMobilePhone(text);
      if (!phone) {
        return Error(spec, "mobile_phone",
                     "must be an 11-digit mobile number starting 13-19, e.g. 13800000000");
      }
      value = *phone;
      return std::nullopt;
    }
    case TextRule::kPlate: {
      const auto plate = NormalizePlate(text);
      if (!plate) {
        return Error(spec, "plate",
                     "must be a plate such as 蒙H·12345: province, letter, then 5 or 6 letters "
                     "or digits");
      }
      value = *plate;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<FieldError> ValidateValue(const FieldSpec& spec, nlohmann::json& value) {
  switch (spec.type) {
    case FieldType::kText:
      return ValidateText(spec, value);
    case FieldType::kInteger: {
      if (!value.is_number_integer()) return Error(spec, "type", "must be a whole number");
      const auto number = value.get<int64_t>();
      if (number < spec.min || number > spec.max) {
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
