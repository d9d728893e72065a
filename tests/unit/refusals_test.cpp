// The HTTP answers the server picks for failures met before the sync service: by each failure's
// kind, whatever its message says.
#include "refusals.h"

#include <gtest/gtest.h>

#include "relay/gzip.h"
#include "relay/protocol.h"

namespace relay::server {
namespace {

std::pair<int, std::string> Answer(const ServiceReply& reply) {
  return {reply.status, DecodeErrorCode(reply.body)};
}

TEST(Refusals, ABodyThatInflatesPastTheLimitIsTooLargeAndBrokenGzipIsABadRequest) {
  const std::string packed = GzipCompress(std::string(5000, ' '));
  const Status bomb = GzipDecompress(packed, 4096).status();
  const ServiceReply too_large = BodyRefusal(bomb);
  EXPECT_EQ(Answer(too_large), std::make_pair(413, std::string("too_large")));
  EXPECT_EQ(DecodeErrorMessage(too_large.body), bomb.message());
  for (const std::string& broken : {packed.substr(0, 20), std::string("not gzip")}) {
    EXPECT_EQ(Answer(BodyRefusal(GzipDecompress(broken, 4096).status())),
              std::make_pair(400, std::string("bad_request")));
  }
}

// A message that reads like another kind's changes nothing: only the kind counts.
TEST(Refusals, OnlyTheKindDecidesTheAnswer) {
  for (const auto& [kind, name] : kErrorKindNames) {
    const Status failure =
        Status::Error(kind, "token: body: device: code: expands beyond the limit");
    const bool refused = kind == ErrorKind::kNotAllowed;
    EXPECT_EQ(Answer(TokenRefusal(failure)).first, refused ? 401 : 503) << name;
    const int enroll = kind == ErrorKind::kInvalid   ? 400
                       : refused                     ? 403
                       : kind == ErrorKind::kTooMany ? 429
                                                     : 503;
    EXPECT_EQ(Answer(EnrollRefusal(failure)).first, enroll) << name;
    EXPECT_EQ(Answer(BodyRefusal(failure)).first, kind == ErrorKind::kTooLarge ? 413 : 400) << name;
  }
}

// A wait is said in whole seconds, rounded up, and never as 0 (which would invite a retry at once).
TEST(Refusals, TooManyTriesSaysHowManySecondsToWait) {
  using Header = std::pair<std::string, std::string>;
  for (const auto& [wait_ms, seconds] :
       {std::pair<int64_t, std::string>{590'000, "590"}, {1'001, "2"}, {0, "1"}}) {
    const ServiceReply reply =
        EnrollRefusal(Status::RetryLater(ErrorKind::kTooMany, "enrollment: wait", wait_ms));
    EXPECT_EQ(Answer(reply), std::make_pair(429, std::string("too_many_tries")));
    EXPECT_EQ(reply.headers, std::vector<Header>{Header("Retry-After", seconds)}) << wait_ms;
  }
  EXPECT_TRUE(EnrollRefusal(Status::Error(ErrorKind::kNotAllowed, "code: no")).headers.empty());
}

}  // namespace
}  // namespace relay::server
