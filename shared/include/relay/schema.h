#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace relay {

// The schema version this build speaks; peers with another version are refused.
inline constexpr int kSchemaVersion = 1;

enum class FieldType { kText, kInteger, kBoolean, kChoice };

// Extra checks on a text field; each also normalises the value to one canonical form.
enum class TextRule { kNone, kMobilePhone, kPlate };

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kText;
  bool required = false;
  TextRule text_rule = TextRule::kNone;
  size_t max_chars = 200;  // Unicode code points, for text
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();
  std::vector<std::string> choices;  // for kChoice
  bool indexed = false;              // queried often: the store keeps an index on it
};

struct TableSpec {
  std::string name;
  std::vector<FieldSpec>
      fields;  // every table also has "archived" (boolean), added by the registry

  const FieldSpec* Field(std::string_view field_name) const;
};

// The one registry of every synced table: storage, codec, validation and forms derive from it.
const std::vector<TableSpec>& SchemaTables();
// The table with this name, or nullptr.
const TableSpec* FindTable(std::string_view table_name);

// The name of the field every table carries to archive a record instead of deleting it.
inline constexpr std::string_view kArchivedField = "archived";

}  // namespace relay
