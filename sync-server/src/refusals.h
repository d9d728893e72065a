#pragma once

#include "relay/status.h"
#include "sync_service.h"

namespace relay::server {

// The HTTP answers to failures met before a request reaches the sync service, chosen by each
// failure's kind, never by its message.

// A body that could not be inflated: 413 too_large past the limit, else 400 bad_request.
ServiceReply BodyRefusal(const Status& failure);
// A failed enrollment: 400 bad_request for a malformed request, 403 enrollment_refused for a
// code or device the county office settles, 429 too_many_tries with Retry-After (whole
// seconds, at least 1) for an address refused too often lately, else 503 storage (the code
// stays unspent).
ServiceReply EnrollRefusal(const Status& failure);
// A token check that found no grant: 401 unauthenticated for a token not accepted, else 503
// storage (the check itself failed).
ServiceReply TokenRefusal(const Status& failure);

}  // namespace relay::server
