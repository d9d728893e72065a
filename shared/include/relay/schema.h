#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace relay {

// The schema version this build speaks; peers with another version are refused.
inline constexpr int kSchemaVersion = 5;

enum class FieldType { kText, kInteger, kBoolean, kChoice };

// Extra checks on a text field; each also normalises the value to one canonical form.
enum class TextRule {
  kNone,
  kMobilePhone,  // 11 digits: 13800000000
  kPhone,        // a mobile number or a landline with its area code: 0479-1234567
  kPlate,        // 蒙H·12345
  kTime,         // an instant, stored in UTC as 2024-05-01T02:20:00Z
  kDate,         // a calendar day: 2024-05-01
  kLocation,     // latitude,longitude in degrees: 42.298400,115.002500
  kReference,    // the UUIDv7 of a record of FieldSpec::references
};

class RecordRule;

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kText;
  bool required = false;
  TextRule text_rule = TextRule::kNone;
  size_t max_chars = 200;  // Unicode code points, for text
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();
  std::vector<std::string> choices;  // for kChoice
  std::string preset;      // for kChoice: what a new record's form starts with; the store sets none
  std::string references;  // for kReference: the table the id belongs to
  bool indexed = false;    // queried often: the store keeps an index on it
  // A recorded happening (a transport time, a handoff): set once, then changed only by a
  // correction, a corrections record that points at what it corrects (recorded_events.h).
  bool event = false;
  // Filled by the software, never typed in a form: set by a merge (merged_into), or, when
  // `stamps` names a field, stamped whenever that field changes: a time field with the time,
  // a text field with who made the change.
  bool automatic = false;
  std::string stamps;
  // For a reference: the record pointed to is the whole this record is a part of (a
  // transport's legs and handoffs), so a search of the whole also matches this part's text.
  bool part_of = false;
};

struct TableSpec {
  std::string name;
  std::vector<FieldSpec>
      fields;  // every table also has "archived" (boolean), added by the registry
  // Rules over several fields or records, checked when a record is stored (record_rules.h).
  std::vector<std::shared_ptr<const RecordRule>> rules;
  // How lists show the table: by this field (indexed by the store), newest first for events.
  std::string order_field;
  bool order_descending = false;

  const FieldSpec* Field(std::string_view field_name) const;
};

// The one registry of every synced table: storage, codec, validation and forms derive from it.
const std::vector<TableSpec>& SchemaTables();
// The table with this name, or nullptr.
const TableSpec* FindTable(std::string_view table_name);

// The name of the field every table carries to archive a record instead of deleting it.
inline constexpr std::string_view kArchivedField = "archived";

}  // namespace relay
