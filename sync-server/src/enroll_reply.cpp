#include "enroll_reply.h"

#include "refusals.h"
#include "relay/bounded_json.h"

namespace relay::server {

ServiceReply EnrollReply(DeviceRegistry& registry, const std::string& body,
                         const std::string& remote_address) {
  auto parsed = ParseJsonWithin(body, kMaxJsonDepth);
  if (!parsed.ok()) return ServiceReply::Refuse(400, "bad_request", parsed.status().message());
  const nlohmann::json& request = parsed.value();
  if (!request.is_object() || !request.contains("code") || !request["code"].is_string() ||
      !request.contains("device") || !request["device"].is_string()) {
    return ServiceReply::Refuse(400, "bad_request",
                                "body: must be a JSON object with \"code\" and \"device\" strings");
  }
  auto enrolled = registry.Enroll(request["code"], request["device"], remote_address);
  if (!enrolled.ok()) return EnrollRefusal(enrolled.status());
  const DeviceGrant& grant = enrolled.value().grant;
  return ServiceReply{200, nlohmann::json{{"token", enrolled.value().token},
                                          {"device", grant.device},
                                          {"role", grant.role},
                                          {"township_id", grant.township_id},
                                          {"server", registry.server_id()}}
                               .dump()};
}

std::string ClaimedDevice(const std::string& body) {
  const auto document = ParseJsonWithin(body, kMaxJsonDepth);
  if (!document.ok()) return "";
  const nlohmann::json& request = document.value();
  if (!request.is_object() || !request.contains("device") || !request["device"].is_string())
    return "";
  return request["device"].get<std::string>();
}

}  // namespace relay::server
