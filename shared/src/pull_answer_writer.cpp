#include "relay/pull_answer_writer.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace relay {
namespace {

// text as a JSON string; names and ids never need escaping, any other text gets the library's.
void AppendJsonString(std::string& out, std::string_view text) {
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  if (!plain) {
    out += nlohmann::json(std::string(text)).dump();
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

void AppendNumber(std::string& out, int64_t number) {
  out += std::to_string(number);
}

// The names of a dictionary in the order its indexes give.
std::vector<std::string_view> InIndexOrder(const std::unordered_map<std::string, int>& index) {
  std::vector<std::string_view> names(index.size());
  for (const auto& [name, number] : index)
    names[static_cast<size_t>(number)] = name;
  return names;
}

void AppendNameList(std::string& out, const std::vector<std::string_view>& names) {
  out += '[';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, names[i]);
  }
  out += ']';
}

}  // namespace

int PullAnswerWriter::Intern(std::unordered_map<std::string, int>& index, std::string_view name) {
  const auto [it, added] = index.emplace(std::string(name), static_cast<int>(index.size()));
  return it->second;
}

size_t PullAnswerWriter::BlockOf(std::string_view table) {
  const auto [it, added] = block_of_.emplace(std::string(table), blocks_.size());
  if (added) {
    blocks_.emplace_back();
    blocks_.back().table = std::string(table);
  }
  return it->second;
}

bool PullAnswerWriter::JoinsLastRow(const FeedEntryView& entry) const {
  return row_block_ != kNoRow && entry.table == blocks_[row_block_].table &&
         entry.record_id == row_record_id_ && entry.hlc == row_hlc_ &&
         entry.device == row_device_ && entry.person == row_person_ && entry.seen == row_seen_ &&
         entry.field > row_field_;
}

void PullAnswerWriter::Add(const FeedEntryView& entry) {
  if (!JoinsLastRow(entry)) {
    row_block_ = BlockOf(entry.table);
    Block& block = blocks_[row_block_];
    if (!block.stamps.empty()) block.ids += ',';
    AppendJsonString(block.ids, entry.record_id);
    block.stamps.push_back(
        RowStamp{Intern(devices_, entry.device), entry.hlc.wall_ms, entry.hlc.counter, 0,
                 entry.person.empty() ? -1 : Intern(people_, entry.person), entry.seen});
    row_record_id_ = entry.record_id;
    row_device_ = entry.device;
    row_person_ = entry.person;
    row_hlc_ = entry.hlc;
    row_seen_ = entry.seen;
  }
  row_field_ = entry.field;
  Block& block = blocks_[row_block_];
  const auto known = std::find(block.fields.begin(), block.fields.end(), entry.field);
  const size_t field = static_cast<size_t>(known - block.fields.begin());
  if (known == block.fields.end()) {
    block.fields.emplace_back(entry.field);
    block.columns.emplace_back();
    block.column_rows.push_back(0);
  }
  if (block.column_rows[field]++ > 0) block.columns[field] += ',';
  block.columns[field] += entry.value_json;
  block.stamps.back().fields |= uint64_t{1} << field;
}

std::string PullAnswerWriter::Finish(std::string_view server_id, int64_t next_cursor, bool more) {
  std::string out = "{\"blocks\":[";
  for (size_t b = 0; b < blocks_.size(); ++b) {
    const Block& block = blocks_[b];
    // Columns go in field name order; a row's bits follow them there.
    std::vector<size_t> by_name(block.fields.size());
    for (size_t i = 0; i < by_name.size(); ++i)
      by_name[i] = i;
    std::sort(by_name.begin(), by_name.end(),
              [&](size_t x, size_t y) { return block.fields[x] < block.fields[y]; });
    std::vector<size_t> column_of(block.fields.size());
    for (size_t column = 0; column < by_name.size(); ++column)
      column_of[by_name[column]] = column;
    if (b > 0) out += ',';
    out += "{\"fields\":[";
    for (size_t column = 0; column < by_name.size(); ++column) {
      if (column > 0) out += ',';
      AppendJsonString(out, block.fields[by_name[column]]);
    }
    out += "],\"ids\":[";
    out += block.ids;
    out += "],\"stamps\":[";
    int64_t wall_before = 0;
    for (size_t r = 0; r < block.stamps.size(); ++r) {
      const RowStamp& stamp = block.stamps[r];
      uint64_t mask = 0;
      for (size_t field = 0; field < block.fields.size(); ++field) {
        if (stamp.fields & (uint64_t{1} << field)) mask |= uint64_t{1} << column_of[field];
      }
      out += r > 0 ? ",[" : "[";
      AppendNumber(out, stamp.device);
      out += ',';
      AppendNumber(out, stamp.wall_ms - wall_before);
      out += ',';
      AppendNumber(out, stamp.counter);
      out += ',';
      out += std::to_string(mask);
      out += ',';
      AppendNumber(out, stamp.person);
      out += ",\"";
      out += stamp.seen.ToText();
      out += "\"]";
      wall_before = stamp.wall_ms;
    }
    out += "],\"table\":";
    AppendJsonString(out, block.table);
    out += ",\"values\":[";
    for (size_t column = 0; column < by_name.size(); ++column) {
      out += column > 0 ? ",[" : "[";
      out += block.columns[by_name[column]];
      out += ']';
    }
    out += "]}";
  }
  out += "],\"devices\":";
  AppendNameList(out, InIndexOrder(devices_));
  out += ",\"more\":";
  out += more ? "true" : "false";
  out += ",\"next_cursor\":";
  AppendNumber(out, next_cursor);
  out += ",\"people\":";
  AppendNameList(out, InIndexOrder(people_));
  out += ",\"server\":";
  AppendJsonString(out, server_id);
  out += '}';
  return out;
}

}  // namespace relay
