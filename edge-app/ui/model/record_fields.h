#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace relay::edge::ui {

// Reading the fields of a stored record, whose values may be missing or of another type.

// The string value of record's field, or "" when it is missing or not a string.
std::string FieldText(const nlohmann::json& record, const std::string& field);

// True when record is archived: its archived field is true or 1.
bool IsArchived(const nlohmann::json& record);

}  // namespace relay::edge::ui
