#include "relay/protocol.h"

#include <nlohmann/json.hpp>

#include "relay/bounded_json.h"
#include "relay/schema.h"
#include "relay/text.h"
#include "relay/uuid.h"
#include "relay/validation.h"

namespace relay {
namespace {

using nlohmann::json;

// A body that breaks the protocol, with the message naming the member and the rule.
Status Invalid(std::string message) {
  return Status::Error(ErrorKind::kInvalid, std::move(message));
}

// Reads typed members of a JSON object, remembering the first problem with its path.
class Reader {
 public:
  Reader(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

  const json* Member(const char* name, json::value_t type, const char* type_name) {
    if (!error_.empty()) return nullptr;
    auto it = object_.find(name);
    if (it == object_.end()) {
      Fail(name, "is required");
      return nullptr;
    }
    const bool matches = it->type() == type || (type == json::value_t::number_integer &&
                                                it->type() == json::value_t::number_unsigned);
    if (!matches) {
      Fail(name, std::string("must be ") + type_name);
      return nullptr;
    }
    return &*it;
  }

  std::string Text(const char* name) {
    const json* member = Member(name, json::value_t::string, "a string");
    return member ? member->get<std::string>() : std::string();
  }

  int64_t Integer(const char* name, int64_t min, int64_t max) {
    const json* member = Member(name, json::value_t::number_integer, "an integer");
    if (!member) return 0;
    if (member->is_number_unsigned() && member->get<uint64_t>() > INT64_MAX) {
      Fail(name, "is out of range");
      return 0;
    }
    const auto value = member->get<int64_t>();
    if (value < min || value > max) {
      Fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return value;
  }

  HlcTimestamp Hlc(const char* name, bool allow_zero) {
    const std::string text = Text(name);
    if (!error_.empty()) return {};
    auto hlc = HlcTimestamp::FromText(text);
    if (!hlc || (!allow_zero && hlc->IsZero())) {
      Fail(name, allow_zero ? "must be \"\" or 16 lowercase hex digits"
                            : "must be 16 lowercase hex digits");
      return {};
    }
    if (hlc->wall_ms > kMaxHlcWallMs) {
      Fail(name, "must be a time before the year 3000 (wall_ms at most " +
                     std::to_string(kMaxHlcWallMs) + ")");
      return {};
    }
    return *hlc;
  }

  std::string Uuid(const char* name) {
    std::string text = Text(name);
    if (error_.empty() && !IsUuidV7(text)) Fail(name, "must be a lowercase UUIDv7");
    return text;
  }

  // An optional member: "" when absent, else "" or a lowercase UUIDv7.
  std::string OptionalUuid(const char* name) {
    if (!error_.empty() || !object_.contains(name)) return std::string();
    std::string text = Text(name);
    if (error_.empty() && !text.empty() && !IsUuidV7(text)) {
      Fail(name, "must be \"\" or a lowercase UUIDv7");
    }
    return text;
  }

  void Fail(const std::string& name, const std::string& rule) {
    if (error_.empty()) error_ = (path_.empty() ? "" : path_ + ".") + name + ": " + rule;
  }
  void FailWith(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }

 private:
  const json& object_;
  std::string path_;
  std::string error_;
};

Result<json> ParseObject(const std::string& body) {
  auto document = ParseJsonWithin(body, kMaxJsonDepth);
  if (!document.ok()) return document.status();
  if (!document.value().is_object()) return Invalid("body: must be a JSON object");
  return document;
}

// The "error" object of an error body, or null when the body is not one.
json ErrorObject(const std::string& body) {
  auto document = ParseJsonWithin(body, kMaxJsonDepth);
  if (!document.ok() || !document.value().is_object() || !document.value().contains("error") ||
      !document.value()["error"].is_object()) {
    return json();
  }
  return std::move(document.value()["error"]);
}

// Reads the table, id, field and value of a change, validating the value against the schema.
void ReadChangeBody(Reader& reader, const json& object, Change& change) {
  change.table = reader.Text("table");
  change.record_id = reader.Uuid("id");
  change.field = reader.Text("field");
  if (!reader.error().empty()) return;
  const TableSpec* table = FindTable(change.table);
  if (!table) return reader.Fail("table", "unknown table \"" + change.table + "\"");
  const FieldSpec* field = table->Field(change.field);
  if (!field)
    return reader.Fail("field", "unknown field \"" + change.field + "\" of " + table->name);
  auto value = object.find("value");
  if (value == object.end()) return reader.Fail("value", "is required");
  // Values are scalars; refusing structures before copying keeps a deeply nested body from
  // exhausting the stack (the copy recurses).
  if (value->is_structured()) {
    return reader.Fail("value", "must be a single value: text, a number, true/false or null");
  }
  change.value = *value;
  if (auto error = ValidateField(*field, change.value)) {
    reader.FailWith(reader.path() + ".value: " + change.table + "." + error->ToString());
  }
}

// Reads the stamps and the person of a change, after its body.
void ReadChangeStamps(Reader& reader, Change& change) {
  change.hlc = reader.Hlc("hlc", false);
  change.seen = reader.Hlc("seen", true);
  change.person = reader.OptionalUuid("person");
}

json ChangeBody(const Change& change) {
  json body{{"table", change.table}, {"id", change.record_id},     {"field", change.field},
            {"value", change.value}, {"hlc", change.hlc.ToText()}, {"seen", change.seen.ToText()}};
  // Left out when nobody was signed in, as a change from before people were recorded.
  if (!change.person.empty()) body["person"] = change.person;
  return body;
}

template <typename T, typename ReadOne>
Result<std::vector<T>> ReadArray(const json& document, const char* name, size_t max_items,
                                 ReadOne read_one) {
  Reader top(document, "");
  const json* array = top.Member(name, json::value_t::array, "an array");
  if (!array) return Invalid(top.error());
  if (array->size() > max_items) {
    return Status::Error(
        ErrorKind::kInvalid,
        std::string(name) + ": at most " + std::to_string(max_items) + " entries per request");
  }
  std::vector<T> items;
  items.reserve(array->size());
  for (size_t i = 0; i < array->size(); ++i) {
    const json& element = (*array)[i];
    const std::string path = std::string(name) + "[" + std::to_string(i) + "]";
    if (!element.is_object()) return Invalid(path + ": must be an object");
    Reader reader(element, path);
    T item = read_one(reader, element);
    if (!reader.error().empty()) return Invalid(reader.error());
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

std::string EncodePushRequest(const PushRequest& request) {
  json changes = json::array();
  for (const auto& entry : request.changes) {
    json change = ChangeBody(entry.change);
    change["seq"] = entry.seq;
    changes.push_back(std::move(change));
  }
  return json{{"protocol", request.protocol},
              {"schema_version", request.schema_version},
              {"device", request.device},
              {"changes", std::move(changes)}}
      .dump();
}

Result<PushRequest> DecodePushRequest(const std::string& body, size_t max_changes) {
  auto document = ParseObject(body);
  if (!document.ok()) return document.status();
  Reader top(document.value(), "");
  PushRequest request;
  request.protocol = static_cast<int>(top.Integer("protocol", 1, kMaxVersion));
  request.schema_version = static_cast<int>(top.Integer("schema_version", 1, kMaxVersion));
  request.device = top.Uuid("device");
  if (!top.error().empty()) return Invalid(top.error());
  if (request.protocol != kProtocolVersion) {
    return Invalid("protocol: this server speaks protocol " + std::to_string(kProtocolVersion) +
                   ", not " + std::to_string(request.protocol));
  }
  auto changes = ReadArray<OutboxChange>(document.value(), "changes", max_changes,
                                         [&](Reader& reader, const json& element) {
                                           OutboxChange entry;
                                           entry.seq = reader.Integer("seq", 1, kMaxWireInteger);
                                           ReadChangeBody(reader, element, entry.change);
                                           ReadChangeStamps(reader, entry.change);
                                           entry.change.device = request.device;
                                           return entry;
                                         });
  if (!changes.ok()) return changes.status();
  request.changes = std::move(changes).value();
  for (size_t i = 1; i < request.changes.size(); ++i) {
    if (request.changes[i].seq <= request.changes[i - 1].seq) {
      return Status::Error(
          ErrorKind::kInvalid,
          "changes[" + std::to_string(i) + "].seq: must be greater than the previous change's seq");
    }
  }
  return request;
}

std::string EncodePushResponse(const PushResponse& response) {
  json answer{{"server", response.server_id},
              {"acked_seq", response.acked_seq},
              {"applied", response.applied},
              {"duplicates", response.duplicates},
              {"conflicts", response.conflicts}};
  if (response.rotate_token) answer["rotate_token"] = true;
  return answer.dump();
}

Result<PushResponse> DecodePushResponse(const std::string& body) {
  auto document = ParseObject(body);
  if (!document.ok()) return document.status();
  Reader reader(document.value(), "");
  PushResponse response;
  response.server_id = reader.Uuid("server");
  response.acked_seq = reader.Integer("acked_seq", 0, kMaxWireInteger);
  response.applied = reader.Integer("applied", 0, kMaxWireInteger);
  response.duplicates = reader.Integer("duplicates", 0, kMaxWireInteger);
  // Added after the first release: an older server's answer has none.
  if (document.value().contains("conflicts"))
    response.conflicts = reader.Integer("conflicts", 0, kMaxWireInteger);
  // Sent only when true.
  if (document.value().contains("rotate_token")) {
    const json* rotate = reader.Member("rotate_token", json::value_t::boolean, "true or false");
    if (rotate) response.rotate_token = rotate->get<bool>();
  }
  if (!reader.error().empty()) return Invalid(reader.error());
  return response;
}

std::string EncodePullResponse(const PullResponse& response) {
  json changes = json::array();
  for (const auto& entry : response.changes) {
    json change = ChangeBody(entry.change);
    change["cursor"] = entry.cursor;
    change["device"] = entry.change.device;
    changes.push_back(std::move(change));
  }
  return json{{"server", response.server_id},
              {"changes", std::move(changes)},
              {"next_cursor", response.next_cursor},
              {"more", response.more}}
      .dump();
}

Result<PullResponse> DecodePullResponse(const std::string& body) {
  auto document = ParseObject(body);
  if (!document.ok()) return document.status();
  Reader top(document.value(), "");
  PullResponse response;
  response.server_id = top.Uuid("server");
  response.next_cursor = top.Integer("next_cursor", 0, kMaxWireInteger);
  const json* more = top.Member("more", json::value_t::boolean, "true or false");
  if (!top.error().empty()) return Invalid(top.error());
  response.more = more->get<bool>();
  auto changes = ReadArray<FeedChange>(
      document.value(), "changes", SIZE_MAX, [](Reader& reader, const json& element) {
        FeedChange entry;
        entry.cursor = reader.Integer("cursor", 1, kMaxWireInteger);
        ReadChangeBody(reader, element, entry.change);
        ReadChangeStamps(reader, entry.change);
        entry.change.device = reader.Uuid("device");
        return entry;
      });
  if (!changes.ok()) return changes.status();
  response.changes = std::move(changes).value();
  return response;
}

std::string EncodeLaptopsResponse(const std::vector<LaptopStatus>& laptops) {
  json list = json::array();
  // Absent times and counts are null, never 0, so a reader cannot take them for real ones.
  auto time_or_null = [](int64_t ms) { return ms ? json(ms) : json(); };
  for (const auto& laptop : laptops) {
    list.push_back({{"device", laptop.device},
                    {"township_id", laptop.township_id},
                    {"role", laptop.role},
                    {"enrolled_ms", laptop.enrolled_ms},
                    {"last_sync_ms", time_or_null(laptop.last_sync_ms)},
                    {"set_aside", laptop.set_aside ? json(*laptop.set_aside) : json()},
                    {"revoked_ms", time_or_null(laptop.revoked_ms)}});
  }
  return json{{"laptops", std::move(list)}}.dump();
}

Result<std::vector<LaptopStatus>> DecodeLaptopsResponse(const std::string& body) {
  auto document = ParseObject(body);
  if (!document.ok()) return document.status();
  return ReadArray<LaptopStatus>(
      document.value(), "laptops", SIZE_MAX, [](Reader& reader, const json& element) {
        LaptopStatus laptop;
        laptop.device = reader.Uuid("device");
        laptop.township_id = reader.Text("township_id");
        laptop.role = reader.Text("role");
        laptop.enrolled_ms = reader.Integer("enrolled_ms", 0, kMaxWireInteger);
        auto null_or = [&](const char* name) -> std::optional<int64_t> {
          if (element.contains(name) && element[name].is_null()) return std::nullopt;
          return reader.Integer(name, 0, kMaxWireInteger);
        };
        laptop.last_sync_ms = null_or("last_sync_ms").value_or(0);
        laptop.set_aside = null_or("set_aside");
        laptop.revoked_ms = null_or("revoked_ms").value_or(0);
        return laptop;
      });
}

std::string EncodeError(const std::string& code, const std::string& message) {
  return json{{"error", {{"code", code}, {"message", message}}}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

std::string EncodeError(const std::string& code, const std::string& message,
                        const std::vector<int64_t>& seqs) {
  json error = {{"code", code}, {"message", message}, {"seqs", seqs}};
  if (!seqs.empty()) error["seq"] = seqs.front();
  return json{{"error", error}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string DecodeErrorCode(const std::string& body) {
  const json error = ErrorObject(body);
  const json code = error.is_object() ? error.value("code", json()) : json();
  return code.is_string() ? code.get<std::string>() : "";
}

std::vector<int64_t> DecodeErrorSeqs(const std::string& body) {
  const json error = ErrorObject(body);
  std::vector<int64_t> seqs;
  const json listed = error.is_object() ? error.value("seqs", json()) : json();
  if (!listed.is_array()) return seqs;
  for (const auto& seq : listed) {
    // A number no change can have names none of them.
    if (seq.is_number_integer() && seq.get<int64_t>() >= 1 && seq.get<int64_t>() <= kMaxWireInteger)
      seqs.push_back(seq.get<int64_t>());
  }
  return seqs;
}

std::string DecodeErrorMessage(const std::string& body) {
  const json error = ErrorObject(body);
  if (error.is_object() && error.value("message", json()).is_string()) {
    return error["message"].get<std::string>();
  }
  // Not our error body (a proxy's or portal's page, perhaps in another encoding): keep a
  // short, valid UTF-8 excerpt so it can be stored and shown.
  return ToDisplayableText(body, 200);
}

}  // namespace relay
