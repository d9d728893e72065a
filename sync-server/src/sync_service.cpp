#include "sync_service.h"

#include <charconv>

#include "relay/schema.h"
#include "relay/uuid.h"

namespace relay::server {
namespace {

using Refusal = ServiceReply;

ServiceReply SchemaMismatch(int64_t theirs) {
  return Refusal::Refuse(426, "schema_mismatch",
                         "this server uses schema version " + std::to_string(kSchemaVersion) +
                             " and the client sent " + std::to_string(theirs) +
                             "; install the relay-edge release for schema version " +
                             std::to_string(kSchemaVersion));
}

// Reads a non-negative integer query parameter; nullopt with the reason in *error.
std::optional<int64_t> QueryNumber(const std::map<std::string, std::string>& query,
                                   const std::string& name, int64_t fallback, std::string* error) {
  auto it = query.find(name);
  if (it == query.end()) return fallback;
  int64_t value = 0;
  const auto& text = it->second;
  auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc() || end != text.data() + text.size() || value < 0) {
    *error = name + ": must be a non-negative integer";
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

}  // namespace

ServiceReply ServiceReply::Refuse(int status, const std::string& code, const std::string& message) {
  return ServiceReply{status, EncodeError(code, message)};
}

ServiceReply SyncService::Push(const std::string& body, const DeviceGrant& grant) {
  if (body.size() > limits_.max_body_bytes) {
    return Refusal::Refuse(413, "too_large",
                           "body: larger than the limit of " +
                               std::to_string(limits_.max_body_bytes) +
                               " bytes; send smaller batches");
  }
  // The schema version is checked before the changes, whose fields it defines.
  auto document = nlohmann::json::parse(body, nullptr, false);
  if (document.is_object() && document.contains("schema_version") &&
      document["schema_version"].is_number_integer() &&
      document["schema_version"].get<int64_t>() != kSchemaVersion) {
    return SchemaMismatch(document["schema_version"].get<int64_t>());
  }
  auto request = DecodePushRequest(body, limits_.max_changes_per_push);
  if (!request.ok()) return Refusal::Refuse(400, "bad_request", request.status().message());
  if (request.value().device != grant.device)
    return WrongDevice(grant.device, request.value().device);

  const int64_t now = clock_.NowMs();
  for (size_t i = 0; i < request.value().changes.size(); ++i) {
    const auto& change = request.value().changes[i].change;
    if (change.hlc.wall_ms - now > limits_.max_drift_ms) {
      return Refusal::Refuse(422, "clock_ahead",
                             "changes[" + std::to_string(i) + "].hlc: stamped " +
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
  if (outcome.value().reused_seq > 0) {
    return Refusal::Refuse(
        409, "device_reused",
        "seq " + std::to_string(outcome.value().reused_seq) +
            ": this device already sent a different change with this number, so this "
            "database is a copy of another laptop's; nothing of this push was stored");
  }
  if (const auto& breach = outcome.value().out_of_scope) {
    return ServiceReply{403, EncodeError("out_of_scope", breach->reason, breach->seqs)};
  }
  return ServiceReply{200, EncodePushResponse(outcome.value().response)};
}

ServiceReply SyncService::Pull(const std::map<std::string, std::string>& query,
                               const DeviceGrant& grant) {
  std::string error;
  const auto after = QueryNumber(query, "after", 0, &error);
  const auto limit = QueryNumber(query, "limit", 1000, &error);
  const auto schema = QueryNumber(query, "schema_version", kSchemaVersion, &error);
  if (!after || !limit || !schema) return Refusal::Refuse(400, "bad_request", error);
  if (*schema != kSchemaVersion) return SchemaMismatch(*schema);
  if (*limit < 1 || static_cast<size_t>(*limit) > limits_.max_pull_batch) {
    return Refusal::Refuse(
        400, "bad_request",
        "limit: must be between 1 and " + std::to_string(limits_.max_pull_batch));
  }
  auto device = query.find("device");
  const std::string skip_device = device == query.end() ? "" : device->second;
  if (!skip_device.empty() && !IsUuidV7(skip_device)) {
    return Refusal::Refuse(400, "bad_request", "device: must be a lowercase UUIDv7");
  }
  if (!skip_device.empty() && skip_device != grant.device) {
    return WrongDevice(grant.device, skip_device);
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
