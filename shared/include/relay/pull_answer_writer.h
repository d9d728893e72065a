#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "relay/hlc.h"

namespace relay {

// One feed entry as the county's storage holds it, its value as JSON text; the views need to
// live only during the call that hands the entry over.
struct FeedEntryView {
  std::string_view table;
  std::string_view record_id;
  std::string_view field;
  std::string_view value_json;
  HlcTimestamp hlc;
  std::string_view device;
  HlcTimestamp seen;
  std::string_view person;
};

// Writes a protocol 2 pull answer (docs/protocol.md §23) entry by entry, straight from the
// stored texts: no entry is parsed or held as a Change, so a page of 10,000 costs its copies.
// Entries must come in feed order; a row is a run of one record's fields at one stamp.
class PullAnswerWriter {
 public:
  void Add(const FeedEntryView& entry);
  // The whole answer; the writer is spent afterwards.
  std::string Finish(std::string_view server_id, int64_t next_cursor, bool more);

 private:
  struct RowStamp {
    int device = 0;  // interned name, numbered in order of first use here
    int64_t wall_ms = 0;
    int64_t counter = 0;
    uint64_t fields = 0;  // bit i: the block's field first used i-th
    int person = -1;      // interned name, -1 for nobody
    HlcTimestamp seen;
  };
  struct Block {
    std::string table;
    std::vector<std::string> fields;   // in order of first use
    std::vector<std::string> columns;  // per field: its values' JSON texts joined by ","
    std::vector<size_t> column_rows;   // per field: values in its column so far
    std::string ids;                   // the rows' ids as JSON strings joined by ","
    std::vector<RowStamp> stamps;
  };
  // The index of the name in names, added when new.
  static int Intern(std::unordered_map<std::string, int>& index, std::string_view name);
  // The index in blocks_ of the table's block, added when new.
  size_t BlockOf(std::string_view table);
  bool JoinsLastRow(const FeedEntryView& entry) const;

  std::vector<Block> blocks_;  // in order of first use
  std::unordered_map<std::string, size_t> block_of_;
  std::unordered_map<std::string, int> devices_;
  std::unordered_map<std::string, int> people_;
  // The row being written: its block and what a next entry must share to join it.
  static constexpr size_t kNoRow = SIZE_MAX;
  size_t row_block_ = kNoRow;
  std::string row_record_id_;
  std::string row_field_;  // the row's last field; a joining entry's comes after it
  std::string row_device_;
  std::string row_person_;
  HlcTimestamp row_hlc_;
  HlcTimestamp row_seen_;
};

}  // namespace relay
