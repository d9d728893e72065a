#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "relay/schema.h"

namespace relay {

// The SQL text of the statements that read and write one record of a typed table, each built
// once: applying a pull writes thousands of records with the same few shapes. Safe from many
// threads.
class RecordStatements {
 public:
  // Reads the record's stamps (column 0) and, with values, its id and fields after them, for
  // the record bound to ?1.
  const std::string& ReadStamps(const TableSpec& table, bool with_values);
  // Inserts or updates the record: ?1 its id, then the values of the fields at the indexes
  // given (of table.fields, ascending), then its encoded stamps.
  const std::string& Upsert(const TableSpec& table, const std::vector<size_t>& fields);

 private:
  std::mutex mutex_;
  std::map<std::pair<const TableSpec*, bool>, std::string> reads_;
  std::map<std::pair<const TableSpec*, std::vector<size_t>>, std::string> upserts_;
};

}  // namespace relay
