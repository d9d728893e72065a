#pragma once

#include "device_registry.h"
#include "sync_service.h"

namespace relay::server {

// POST /v1/rotate from the device of an authenticated grant: 200 {"token", "device",
// "expires", "server"} with the token that replaces the one the request was sent with
// (DeviceRegistry::Rotate: that one keeps working until the new one is first used; "expires"
// is its expiry in Unix ms, 0 for never). A device revoked meanwhile is 401 unauthenticated,
// a failing database 503 storage (TokenRefusal).
ServiceReply RotateReply(DeviceRegistry& registry, const DeviceGrant& grant);

}  // namespace relay::server
