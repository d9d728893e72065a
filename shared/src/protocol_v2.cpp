#include "relay/protocol_v2.h"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

#include "relay/bounded_json.h"
#include "relay/pull_answer_writer.h"
#include "relay/schema.h"
#include "relay/uuid.h"
#include "relay/validation.h"

namespace relay {
namespace {

using nlohmann::json;

// A block's field_mask is a JSON number, exact below 2^53 in every reader.
constexpr size_t kMaxBlockFields = 52;

Status Invalid(std::string message) {
  return Status::Error(ErrorKind::kInvalid, std::move(message));
}

// changes[first, first + count): one record's fields written at one stamp.
struct Row {
  size_t first = 0;
  size_t count = 0;
};

bool JoinsRow(const Change& last, const Change& next) {
  return next.table == last.table && next.record_id == last.record_id && next.hlc == last.hlc &&
         next.device == last.device && next.person == last.person && next.seen == last.seen &&
         next.field > last.field;
}

// Names numbered in order of first use: a body's devices or people, each sent once.
class Dictionary {
 public:
  int64_t IndexOf(const std::string& name) {
    auto [it, added] = index_.emplace(name, static_cast<int64_t>(names_.size()));
    if (added) names_.push_back(name);
    return it->second;
  }
  json ToJson() const { return json(names_); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, int64_t> index_;
};

// The stamp array of a row, given the row, the previous row of its block (nullptr for the
// first) and the row's field_mask.
using RowStampEncoder = std::function<json(const Row&, const Row*, uint64_t)>;

// The blocks of changes [0, size): rows grouped per table in order of first appearance, each
// block's fields in name order, its values in one column per field.
json EncodeBlocks(size_t size, const std::function<const Change&(size_t)>& change_at,
                  const std::function<bool(size_t)>& continues_sequence,
                  const RowStampEncoder& encode_stamp) {
  std::vector<Row> rows;
  for (size_t i = 0; i < size; ++i) {
    if (!rows.empty() && JoinsRow(change_at(i - 1), change_at(i)) && continues_sequence(i)) {
      ++rows.back().count;
    } else {
      rows.push_back(Row{i, 1});
    }
  }
  std::vector<std::string> tables;
  std::map<std::string, std::vector<const Row*>> rows_of;
  for (const Row& row : rows) {
    auto& table_rows = rows_of[change_at(row.first).table];
    if (table_rows.empty()) tables.push_back(change_at(row.first).table);
    table_rows.push_back(&row);
  }
  json blocks = json::array();
  for (const std::string& table : tables) {
    std::map<std::string, size_t> column_of;
    for (const Row* row : rows_of[table]) {
      for (size_t i = row->first; i < row->first + row->count; ++i)
        column_of.emplace(change_at(i).field, 0);
    }
    json fields = json::array();
    for (auto& [field, column] : column_of) {
      column = fields.size();
      fields.push_back(field);
    }
    json ids = json::array();
    json stamps = json::array();
    std::vector<json> columns(column_of.size(), json::array());
    const Row* previous = nullptr;
    for (const Row* row : rows_of[table]) {
      uint64_t mask = 0;
      for (size_t i = row->first; i < row->first + row->count; ++i) {
        const size_t column = column_of[change_at(i).field];
        mask |= uint64_t{1} << column;
        columns[column].push_back(change_at(i).value);
      }
      ids.push_back(change_at(row->first).record_id);
      stamps.push_back(encode_stamp(*row, previous, mask));
      previous = row;
    }
    blocks.push_back({{"table", table},
                      {"fields", std::move(fields)},
                      {"ids", std::move(ids)},
                      {"stamps", std::move(stamps)},
                      {"values", std::move(columns)}});
  }
  return blocks;
}

// An integer member of an array or object, or an error naming path and the bounds.
std::optional<int64_t> IntegerAt(const json& value, int64_t min, int64_t max) {
  if (!value.is_number_integer()) return std::nullopt;
  if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
    return std::nullopt;
  const auto number = value.get<int64_t>();
  if (number < min || number > max) return std::nullopt;
  return number;
}

std::string Bounds(int64_t min, int64_t max) {
  return "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

// What a row's stamp array says besides its field_mask, read by a push or a pull.
struct RowHead {
  HlcTimestamp hlc;
  std::string device;
  std::string person;
  HlcTimestamp seen;
  int64_t first_seq = 0;
};

// Where a row is: its index in its block, the wall time of the block's previous row (0 for
// the first) and how many changes the row makes.
struct RowPlace {
  size_t index = 0;
  int64_t previous_wall_ms = 0;
  size_t count = 0;
};

// Reads a row's stamp array into head; "" or the error, to follow the stamp's path (built only
// for an error, since a page holds thousands of rows).
using RowStampDecoder = std::function<std::string(const json&, const RowPlace&, RowHead&)>;

// The changes a row of a decoded block makes, with the sequence number of each for a push.
struct DecodedChange {
  int64_t seq = 0;
  Change change;
};

// The member `name` of object, which must be of type; an error naming its path otherwise.
template <typename Json>
Result<Json*> Member(Json& object, const std::string& path, const char* name, json::value_t type,
                     const char* type_name) {
  auto it = object.find(name);
  if (it == object.end()) return Invalid(path + name + ": is required");
  if (it->type() != type) return Invalid(path + name + ": must be " + type_name);
  return &*it;
}

// The UUIDv7 list at document[name] (a body's devices or people).
Result<std::vector<std::string>> UuidList(const json& document, const char* name) {
  auto list = Member(document, "", name, json::value_t::array, "an array");
  if (!list.ok()) return list.status();
  std::vector<std::string> uuids;
  for (size_t i = 0; i < list.value()->size(); ++i) {
    const json& item = (*list.value())[i];
    if (!item.is_string() || !IsUuidV7(item.get_ref<const std::string&>()))
      return Invalid(std::string(name) + "[" + std::to_string(i) + "]: must be a lowercase UUIDv7");
    uuids.push_back(item.get<std::string>());
  }
  return uuids;
}

// Decodes every block of document["blocks"], at most max_changes changes in all; the values
// move out of the document.
Result<std::vector<DecodedChange>> DecodeBlocks(json& document, size_t max_changes,
                                                const RowStampDecoder& decode_stamp) {
  auto found = Member(document, "", "blocks", json::value_t::array, "an array");
  if (!found.ok()) return found.status();
  json& blocks = *found.value();
  std::vector<DecodedChange> decoded;
  // A value per change: the columns' sizes count the changes, so they are stored without
  // moving them as the vector grows.
  size_t values = 0;
  for (const json& block : blocks) {
    const auto columns = block.is_object() ? block.find("values") : block.end();
    if (columns == block.end() || !columns->is_array()) continue;
    for (const json& column : *columns)
      values += column.is_array() ? column.size() : 0;
  }
  decoded.reserve(std::min(values, max_changes));
  for (size_t b = 0; b < blocks.size(); ++b) {
    const std::string path = "blocks[" + std::to_string(b) + "].";
    json& block = blocks[b];
    if (!block.is_object()) return Invalid("blocks[" + std::to_string(b) + "]: must be an object");
    auto name = Member(block, path, "table", json::value_t::string, "a string");
    if (!name.ok()) return name.status();
    const TableSpec* table = FindTable(name.value()->get_ref<const std::string&>());
    if (!table) return Invalid(path + "table: unknown table " + name.value()->dump());
    auto field_names = Member(block, path, "fields", json::value_t::array, "an array");
    if (!field_names.ok()) return field_names.status();
    const json& names = *field_names.value();
    if (names.size() > kMaxBlockFields)
      return Invalid(path + "fields: at most " + std::to_string(kMaxBlockFields) + " per block");
    std::vector<const FieldSpec*> fields;
    for (size_t k = 0; k < names.size(); ++k) {
      const json& field = names[k];
      const FieldSpec* spec =
          field.is_string() ? table->Field(field.get_ref<const std::string&>()) : nullptr;
      const std::string at = path + "fields[" + std::to_string(k) + "]: ";
      if (!spec) return Invalid(at + "unknown field " + field.dump() + " of " + table->name);
      if (std::find(fields.begin(), fields.end(), spec) != fields.end())
        return Invalid(at + "names " + spec->name + " twice");
      fields.push_back(spec);
    }
    auto ids_member = Member(block, path, "ids", json::value_t::array, "an array");
    auto stamps_member = Member(block, path, "stamps", json::value_t::array, "an array");
    auto values_member = Member(block, path, "values", json::value_t::array, "an array");
    for (const auto* member : {&ids_member, &stamps_member, &values_member})
      if (!member->ok()) return member->status();
    const json* ids = ids_member.value();
    const json* stamps = stamps_member.value();
    json* values = values_member.value();
    if (stamps->size() != ids->size()) return Invalid(path + "stamps: must have one entry per id");
    if (values->size() != fields.size())
      return Invalid(path + "values: must have one column per field");
    std::vector<size_t> taken(fields.size(), 0);  // values read so far from each column
    int64_t wall_ms = 0;
    for (size_t r = 0; r < ids->size(); ++r) {
      auto row_path = [&] { return path + "stamps[" + std::to_string(r) + "]"; };
      const json& id = (*ids)[r];
      if (!id.is_string() || !IsUuidV7(id.get_ref<const std::string&>()))
        return Invalid(path + "ids[" + std::to_string(r) + "]: must be a lowercase UUIDv7");
      const json& stamp = (*stamps)[r];
      if (!stamp.is_array() || stamp.size() < 6)
        return Invalid(row_path() + ": must be an array of 6 members");
      const auto mask = IntegerAt(stamp[3], 1, (int64_t{1} << fields.size()) - 1);
      if (!mask)
        return Invalid(row_path() + "[3]: " + Bounds(1, (int64_t{1} << fields.size()) - 1) +
                       " (a bit per field of the block)");
      const size_t count = static_cast<size_t>(__builtin_popcountll(*mask));
      if (decoded.size() + count > max_changes)
        return Invalid("blocks: at most " + std::to_string(max_changes) + " changes per request");
      RowHead head;
      if (std::string error = decode_stamp(stamp, RowPlace{r, wall_ms, count}, head);
          !error.empty())
        return Invalid(row_path() + error);
      wall_ms = head.hlc.wall_ms;
      int64_t seq = head.first_seq;
      const std::string& record_id = id.get_ref<const std::string&>();
      for (size_t k = 0; k < fields.size(); ++k) {
        if (!(*mask & (int64_t{1} << k))) continue;
        json& column = (*values)[k];
        auto value_path = [&] { return path + "values[" + std::to_string(k) + "]"; };
        if (!column.is_array() || taken[k] >= column.size())
          return Invalid(value_path() + ": must hold a value for each row that sets " +
                         fields[k]->name);
        json value = std::move(column[taken[k]++]);
        // Values are scalars; refusing structures keeps a deep body from costing the stack.
        if (value.is_structured())
          return Invalid(value_path() +
                         ": must hold single values: text, numbers, true/false or null");
        if (auto error = ValidateField(*fields[k], value))
          return Invalid(value_path() + ": " + table->name + "." + error->ToString());
        decoded.push_back(
            DecodedChange{seq++, Change{table->name, record_id, fields[k]->name, std::move(value),
                                        head.hlc, head.device, head.seen, head.person}});
      }
    }
    for (size_t k = 0; k < fields.size(); ++k) {
      if (taken[k] != (*values)[k].size())
        return Invalid(path + "values[" + std::to_string(k) +
                       "]: holds more values than rows that set " + fields[k]->name);
    }
  }
  return decoded;
}

// Reads the person index at stamp[4] and the seen stamp at stamp[5] into head; "" or the error.
std::string ReadPersonAndSeen(const json& stamp, const std::vector<std::string>& people,
                              RowHead& head) {
  const auto person = IntegerAt(stamp[4], -1, static_cast<int64_t>(people.size()) - 1);
  if (!person) return "[4]: must be -1 (nobody) or an index into people";
  head.person = *person < 0 ? "" : people[*person];
  const auto seen = stamp[5].is_string()
                        ? HlcTimestamp::FromText(stamp[5].get_ref<const std::string&>())
                        : std::nullopt;
  if (!seen || seen->wall_ms > kMaxHlcWallMs)
    return "[5]: must be \"\" or 16 lowercase hex digits before the year 3000";
  head.seen = *seen;
  return "";
}

// Reads the wall delta at stamp[1] and the counter at stamp[2] into hlc; "" or the error.
std::string ReadHlc(const json& stamp, int64_t previous_wall_ms, HlcTimestamp& hlc) {
  const auto delta = IntegerAt(stamp[1], -kMaxHlcWallMs, kMaxHlcWallMs);
  if (!delta || previous_wall_ms + *delta < 0 || previous_wall_ms + *delta > kMaxHlcWallMs)
    return "[1]: the wall time it adds must give a time from 0 to " +
           std::to_string(kMaxHlcWallMs) + " ms";
  const auto counter = IntegerAt(stamp[2], 0, 0xffff);
  if (!counter) return "[2]: " + Bounds(0, 0xffff);
  hlc = HlcTimestamp{previous_wall_ms + *delta, static_cast<uint16_t>(*counter)};
  if (hlc.IsZero()) return ": the stamp must not be zero";
  return "";
}

}  // namespace

std::string EncodePushRequestV2(const PushRequest& request) {
  Dictionary people;
  const auto& changes = request.changes;
  json blocks = EncodeBlocks(
      changes.size(), [&](size_t i) -> const Change& { return changes[i].change; },
      [&](size_t i) { return changes[i].seq == changes[i - 1].seq + 1; },
      [&](const Row& row, const Row* previous, uint64_t mask) {
        const Change& change = changes[row.first].change;
        const OutboxChange* last_before =
            previous ? &changes[previous->first + previous->count - 1] : nullptr;
        const int64_t wall_before = previous ? changes[previous->first].change.hlc.wall_ms : 0;
        return json::array({changes[row.first].seq - (last_before ? last_before->seq : 0),
                            change.hlc.wall_ms - wall_before, change.hlc.counter, mask,
                            change.person.empty() ? -1 : people.IndexOf(change.person),
                            change.seen.ToText()});
      });
  return json{{"protocol", kProtocolVersion2},
              {"schema_version", request.schema_version},
              {"device", request.device},
              {"people", people.ToJson()},
              {"blocks", std::move(blocks)}}
      .dump();
}

Result<PushRequest> DecodePushRequestV2(json&& document, size_t max_changes) {
  if (!document.is_object()) return Invalid("body: must be a JSON object");
  PushRequest request;
  auto protocol = document.find("protocol");
  if (protocol == document.end() || !IntegerAt(*protocol, kProtocolVersion2, kProtocolVersion2))
    return Invalid("protocol: must be 2 on /v2/push");
  request.protocol = kProtocolVersion2;
  auto schema = document.find("schema_version");
  if (schema == document.end() || !IntegerAt(*schema, 1, kMaxVersion))
    return Invalid("schema_version: " + Bounds(1, kMaxVersion));
  request.schema_version = schema->get<int>();
  auto device = Member(document, "", "device", json::value_t::string, "a string");
  if (!device.ok()) return device.status();
  request.device = device.value()->get<std::string>();
  if (!IsUuidV7(request.device)) return Invalid("device: must be a lowercase UUIDv7");
  auto people = UuidList(document, "people");
  if (!people.ok()) return people.status();
  int64_t last_seq = 0;  // of the previous row of the block being read
  auto decoded = DecodeBlocks(
      document, max_changes,
      [&](const json& stamp, const RowPlace& place, RowHead& head) -> std::string {
        if (stamp.size() != 6) return ": must be [seq, wall, counter, fields, person, seen]";
        if (place.index == 0) last_seq = 0;  // a block's first row counts from 0
        if (std::string error = ReadHlc(stamp, place.previous_wall_ms, head.hlc); !error.empty())
          return error;
        const auto count = static_cast<int64_t>(place.count);
        const auto first_seq = IntegerAt(stamp[0], 1 - last_seq, kMaxWireInteger - last_seq);
        if (!first_seq || last_seq + *first_seq + count - 1 > kMaxWireInteger)
          return "[0]: the sequence number it adds must give one from 1 to " +
                 std::to_string(kMaxWireInteger);
        head.first_seq = last_seq + *first_seq;
        last_seq = head.first_seq + count - 1;
        head.device = request.device;
        return ReadPersonAndSeen(stamp, people.value(), head);
      });
  if (!decoded.ok()) return decoded.status();
  std::sort(decoded.value().begin(), decoded.value().end(),
            [](const DecodedChange& a, const DecodedChange& b) { return a.seq < b.seq; });
  for (size_t i = 0; i < decoded.value().size(); ++i) {
    if (i > 0 && decoded.value()[i].seq == decoded.value()[i - 1].seq)
      return Invalid("blocks: seq " + std::to_string(decoded.value()[i].seq) +
                     " is given to two changes");
    request.changes.push_back(
        OutboxChange{decoded.value()[i].seq, std::move(decoded.value()[i].change)});
  }
  return request;
}

std::string EncodePullResponseV2(const PullResponse& response) {
  PullAnswerWriter writer;
  for (const auto& entry : response.changes) {
    const Change& change = entry.change;
    const std::string value = change.value.dump();
    writer.Add({change.table, change.record_id, change.field, value, change.hlc, change.device,
                change.seen, change.person});
  }
  return writer.Finish(response.server_id, response.next_cursor, response.more);
}

Result<PullResponse> DecodePullResponseV2(const std::string& body) {
  auto document = ParseJsonWithin(body, kMaxJsonDepth);
  if (!document.ok()) return document.status();
  if (!document.value().is_object()) return Invalid("body: must be a JSON object");
  PullResponse response;
  auto server = Member(document.value(), "", "server", json::value_t::string, "a string");
  if (!server.ok()) return server.status();
  response.server_id = server.value()->get<std::string>();
  if (!IsUuidV7(response.server_id)) return Invalid("server: must be a lowercase UUIDv7");
  auto next_cursor = document.value().find("next_cursor");
  if (next_cursor == document.value().end() || !IntegerAt(*next_cursor, 0, kMaxWireInteger))
    return Invalid("next_cursor: " + Bounds(0, kMaxWireInteger));
  response.next_cursor = next_cursor->get<int64_t>();
  auto more = Member(document.value(), "", "more", json::value_t::boolean, "true or false");
  if (!more.ok()) return more.status();
  response.more = more.value()->get<bool>();
  auto devices = UuidList(document.value(), "devices");
  if (!devices.ok()) return devices.status();
  auto people = UuidList(document.value(), "people");
  if (!people.ok()) return people.status();
  auto decoded = DecodeBlocks(
      document.value(), SIZE_MAX,
      [&](const json& stamp, const RowPlace& place, RowHead& head) -> std::string {
        if (stamp.size() != 6) return ": must be [device, wall, counter, fields, person, seen]";
        const auto device =
            IntegerAt(stamp[0], 0, static_cast<int64_t>(devices.value().size()) - 1);
        if (!device) return "[0]: must be an index into devices";
        head.device = devices.value()[*device];
        if (std::string error = ReadHlc(stamp, place.previous_wall_ms, head.hlc); !error.empty())
          return error;
        return ReadPersonAndSeen(stamp, people.value(), head);
      });
  if (!decoded.ok()) return decoded.status();
  response.changes.reserve(decoded.value().size());
  for (auto& entry : decoded.value())
    response.changes.push_back(FeedChange{response.next_cursor, std::move(entry.change)});
  return response;
}

}  // namespace relay
