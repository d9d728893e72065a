#include "rotate_reply.h"

#include "refusals.h"

namespace relay::server {

ServiceReply RotateReply(DeviceRegistry& registry, const DeviceGrant& grant) {
  auto rotated = registry.Rotate(grant.device);
  if (!rotated.ok()) return TokenRefusal(rotated.status());
  return ServiceReply{200, nlohmann::json{{"token", rotated.value().token},
                                          {"device", grant.device},
                                          {"expires", rotated.value().expires_ms},
                                          {"server", registry.server_id()}}
                               .dump()};
}

}  // namespace relay::server
