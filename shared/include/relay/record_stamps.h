#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "relay/change.h"
#include "relay/status.h"

namespace relay {

// The stamps of every field of one record ever set on a replica, kept as one compact value
// beside the record's row instead of a row per field: the devices once, the count of fields,
// then per field its name, its device's index and its HLC as a difference from the field
// before.
class RecordStamps {
 public:
  struct Entry {
    std::string field;
    FieldStamp stamp;
  };

  // Reads what Encode wrote; kStorage for bytes that are not (a damaged database).
  static Result<RecordStamps> Decode(std::string_view bytes);
  std::string Encode() const;

  // The field's stamp, or nullptr when the field was never set.
  const FieldStamp* Find(std::string_view field) const;
  void Set(const std::string& field, const FieldStamp& stamp);
  // By field name, in byte order.
  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;  // sorted by field
};

}  // namespace relay
