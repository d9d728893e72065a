#include "sync_service.h"

#include <charconv>

#include "relay/bounded_json.h"
#include "relay/protocol_v2.h"
#include "relay/schema.h"
#include "relay/uuid.h"

namespace relay::server {
namespace {

using Refusal = ServiceReply;

// A protocol 2 pull answer written as the feed is read, each stored value copied as it is
// once it is known to be JSON.
class PullAnswerSink final : public FeedSink {
 public:
  Status Add(int64_t cursor, const FeedEntryView& entry) override {
    if (!nlohmann::json::accept(entry.value_json)) {
      return Status::Error(ErrorKind::kStorage,
                           "feed entry " + std::to_string(cursor) + " is damaged");
    }
    writer_.Add(entry);
    return Status::Ok();
  }
  std::string Finish(const FeedPageEnd& end) {
    return writer_.Finish(end.server_id, end.next_cursor, end.more);
  }

 private:
  PullAnswerWriter writer_;
};

ServiceReply SchemaMismatch(int64_t theirs) {
  return Refusal::Refuse(426, "schema_mismatch",
                         "this server uses schema version " + std::to_string(kSchemaVersion) +
                             " and the client sent " + std::to_string(theirs) +
                             "; install the relay-edge release for schema version " +
                             std::to_string(kSchemaVersion));
}

// Reads an integer query parameter, fallback when absent, which must lie from min to max;
// nullopt with the reason in *error.
std::optional<int64_t> QueryNumber(const std::map<std::string, std::string>& query,
                                   const std::string& name, int64_t fallback, int64_t min,
                                   int64_t max, std::string* error) {
  int64_t value = fallback;
  bool in_range = true;
  if (auto it = query.find(name); it != query.end()) {
    const auto& text = it->second;
    auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
    const bool digits = end == text.data() + text.size() &&
                        (code == std::errc() || code == std::errc::result_out_of_range);
    if (!digits) {
      *error = name + ": must be an integer (plain decimal digits)";
      return std::nullopt;
    }
    in_range = code == std::errc();  // past 64 bits is past max
  }
  if (!in_range || value < min || value > max) {
    *error = name + ": must be between " + std::to_string(min) + " and " + std::to_string(max);
    return std::nullopt;
  }
  return value;
}

// The changes or feed of one device asked for with another's token.
ServiceReply WrongDevice(const std::string& token_device, const std::string& claimed) {
  return ServiceReply::Refuse(
      403, "wrong_device",
      "device: the token was issued to device " + token_device + ", not " + claimed);
}

// How an error names a change of a push: protocol 1 by its place in "changes", protocol 2
// (whose rows hold several) by its sequence number.
std::string ChangeName(int64_t seq, size_t index, int protocol) {
  return protocol == kProtocolVersion2 ? "seq " + std::to_string(seq)
                                       : "changes[" + std::to_string(index) + "]";
}

}  // namespace

ServiceReply ServiceReply::Refuse(int status, const std::string& code, const std::string& message) {
  return ServiceReply{status, EncodeError(code, message)};
}

ServiceReply SyncService::Push(const std::string& body, const DeviceGrant& grant, int protocol) {
  if (body.size() > limits_.max_body_bytes) {
    return Refusal::Refuse(413, "too_large",
                           "body: larger than the limit of " +
                               std::to_string(limits_.max_body_bytes) +
                               " bytes; send smaller batches");
  }
  // Nesting is bounded before anything is built; then the schema version is checked before
  // the changes, whose fields it defines (a version out of bounds is the decoder's to refuse).
  auto document = ParseJsonWithin(body, kMaxJsonDepth);
  if (!document.ok()) return Refusal::Refuse(400, "bad_request", document.status().message());
  const nlohmann::json& fields = document.value();
  if (fields.is_object() && fields.contains("schema_version") &&
      fields["schema_version"].is_number_integer()) {
    const auto version = fields["schema_version"].get<int64_t>();
    if (version >= 1 && version <= kMaxVersion && version != kSchemaVersion)
      return SchemaMismatch(version);
  }
  auto request =
      protocol == kProtocolVersion2
          ? DecodePushRequestV2(std::move(document.value()), limits_.max_changes_per_push)
          : DecodePushRequest(body, limits_.max_changes_per_push);
  if (!request.ok()) return Refusal::Refuse(400, "bad_request", request.status().message());
  if (request.value().device != grant.device)
    return WrongDevice(grant.device, request.value().device);

  const int64_t now = clock_.NowMs();
  for (size_t i = 0; i < request.value().changes.size(); ++i) {
    const auto& change = request.value().changes[i].change;
    if (change.hlc.wall_ms - now > limits_.max_drift_ms) {
      return Refusal::Refuse(422, "clock_ahead",
                             ChangeName(request.value().changes[i].seq, i, protocol) +
                                 ".hlc: stamped " +
                                 std::to_string((change.hlc.wall_ms - now) / 1000) +
                                 " s ahead of the server's clock (at most " +
                                 std::to_string(limits_.max_drift_ms / 1000) +
                                 " s allowed); set the laptop's clock right and sync again");
    }
  }
  auto outcome = storage_.ApplyPush(request.value(), grant.scope());
  if (!outcome.ok()) {
    return Refusal::Refuse(503, "storage",
                           "could not store the push: " + outcome.status().message());
  }
  if (const auto& reused = outcome.value().reused) {
    const std::string what = reused->passed_over
                                 ? "this device went past this number (later ones are stored)"
                                 : "this device already sent a different change with this number";
    return Refusal::Refuse(409, "device_reused",
                           "seq " + std::to_string(reused->seq) + ": " + what +
                               ", so this database is a copy of another laptop's; nothing of "
                               "this push was stored");
  }
  if (const auto& breach = outcome.value().out_of_scope) {
    return ServiceReply{403, EncodeError("out_of_scope", breach->reason, breach->seqs)};
  }
  PushResponse response = outcome.value().response;
  response.rotate_token = grant.rotate_token;
  return ServiceReply{200, EncodePushResponse(response)};
}

ServiceReply SyncService::Pull(const std::map<std::string, std::string>& query,
                               const DeviceGrant& grant, int protocol) {
  std::string error;
  const auto after = QueryNumber(query, "after", 0, 0, kMaxWireInteger, &error);
  if (!after) return Refusal::Refuse(400, "bad_request", error);
  const auto schema = QueryNumber(query, "schema_version", kSchemaVersion, 1, kMaxVersion, &error);
  if (!schema) return Refusal::Refuse(400, "bad_request", error);
  if (*schema != kSchemaVersion) return SchemaMismatch(*schema);
  const auto limit =
      QueryNumber(query, "limit", 1000, 1, static_cast<int64_t>(limits_.max_pull_batch), &error);
  if (!limit) return Refusal::Refuse(400, "bad_request", error);
  // Read by NoteFinishedPull once the pull is answered; checked here with the rest.
  if (!QueryNumber(query, "set_aside", 0, 0, kMaxWireInteger, &error))
    return Refusal::Refuse(400, "bad_request", error);
  auto device = query.find("device");
  const std::string skip_device = device == query.end() ? "" : device->second;
  if (!skip_device.empty() && !IsUuidV7(skip_device)) {
    return Refusal::Refuse(400, "bad_request", "device: must be a lowercase UUIDv7");
  }
  if (!skip_device.empty() && skip_device != grant.device) {
    return WrongDevice(grant.device, skip_device);
  }
  if (protocol == kProtocolVersion2) {
    PullAnswerSink answer;
    auto end = storage_.ReadFeedInto(*after, static_cast<size_t>(*limit), skip_device,
                                     grant.scope(), answer);
    if (!end.ok())
      return Refusal::Refuse(503, "storage", "could not read the feed: " + end.status().message());
    return ServiceReply{200, answer.Finish(end.value())};
  }
  auto feed = storage_.ReadFeed(*after, static_cast<size_t>(*limit), skip_device, grant.scope());
  if (!feed.ok())
    return Refusal::Refuse(503, "storage", "could not read the feed: " + feed.status().message());
  return ServiceReply{200, EncodePullResponse(feed.value())};
}

ServiceReply SyncService::Digest() {
  auto digest = storage_.Digest();
  if (!digest.ok()) return Refusal::Refuse(503, "storage", digest.status().message());
  return ServiceReply{200, nlohmann::json{{"digest", digest.value()}}.dump()};
}

}  // namespace relay::server
