#include "refusals.h"

#include <algorithm>

namespace relay::server {

ServiceReply BodyRefusal(const Status& failure) {
  if (failure.kind() == ErrorKind::kTooLarge) {
    return ServiceReply::Refuse(413, "too_large", failure.message());
  }
  return ServiceReply::Refuse(400, "bad_request", failure.message());
}

ServiceReply EnrollRefusal(const Status& failure) {
  // A malformed request is the client's mistake, a refused code or device the office's to
  // settle; anything else is the server's own failure.
  if (failure.kind() == ErrorKind::kInvalid) {
    return ServiceReply::Refuse(400, "bad_request", failure.message());
  }
  if (failure.kind() == ErrorKind::kNotAllowed) {
    return ServiceReply::Refuse(403, "enrollment_refused", failure.message());
  }
  if (failure.kind() == ErrorKind::kTooMany) {
    ServiceReply reply = ServiceReply::Refuse(429, "too_many_tries", failure.message());
    const int64_t seconds = std::max<int64_t>(1, (failure.retry_after_ms() + 999) / 1000);
    reply.headers.emplace_back("Retry-After", std::to_string(seconds));
    return reply;
  }
  return ServiceReply::Refuse(503, "storage", "could not enroll: " + failure.message());
}

ServiceReply TokenRefusal(const Status& failure) {
  // Only a refused token is the laptop's to fix; a failing database is the server's.
  if (failure.kind() == ErrorKind::kNotAllowed) {
    return ServiceReply::Refuse(401, "unauthenticated", failure.message());
  }
  return ServiceReply::Refuse(503, "storage", "could not check the token: " + failure.message());
}

}  // namespace relay::server
