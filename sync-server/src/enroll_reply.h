#pragma once

#include <string>

#include "device_registry.h"
#include "sync_service.h"

namespace relay::server {

// How large an enrollment body may be: a code and a device id take a few hundred bytes.
inline constexpr size_t kEnrollBodyBytes = 4096;

// POST /v1/enroll: {"code", "device"} for 200 {"token", "device", "role", "township_id",
// "server"}, from the request's remote_address. Refusals (EnrollRefusal): 400 for a body that
// is not such an object (nested beyond kMaxJsonDepth included) or a malformed device id, 403
// for a code or device refused, 429 with Retry-After for an address refused too often lately,
// 503 when the database failed.
ServiceReply EnrollReply(DeviceRegistry& registry, const std::string& body,
                         const std::string& remote_address);

// The device an enrollment body names, whatever its form, for the audit log; "" when it names
// none (or nests beyond kMaxJsonDepth).
std::string ClaimedDevice(const std::string& body);

}  // namespace relay::server
