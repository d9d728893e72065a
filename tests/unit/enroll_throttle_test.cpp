// The throttle on enrollment: an address refused too often lately waits, and says how long.
#include "enroll_throttle.h"

#include <gtest/gtest.h>

namespace relay::server {
namespace {

constexpr int64_t kMinute = 60 * 1000;

class EnrollThrottleTest : public ::testing::Test {
 protected:
  void RefuseTimes(const std::string& address, int times) {
    for (int i = 0; i < times; ++i) {
      ASSERT_TRUE(throttle_.Admit(address).ok()) << address << " try " << i;
      throttle_.Refused(address);
      clock_.Advance(1000);
    }
  }

  ManualClock clock_{1'714'500'000'000};
  EnrollThrottle throttle_{clock_};
};

TEST_F(EnrollThrottleTest, TenRefusalsInTenMinutesMakeAnAddressWaitForTheOldestToAge) {
  RefuseTimes("203.0.113.7", 10);  // one a second: the first is 10 s old now
  const Status refused = throttle_.Admit("203.0.113.7");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.kind(), ErrorKind::kTooMany);
  EXPECT_EQ(refused.retry_after_ms(), 10 * kMinute - 10'000);
  EXPECT_NE(refused.message().find("try again in 10 minutes"), std::string::npos)
      << refused.message();
  EXPECT_TRUE(throttle_.Admit("203.0.113.8").ok());  // another address is not held up

  clock_.Advance(10 * kMinute - 10'000);  // the oldest refusal ages out of the window
  EXPECT_TRUE(throttle_.Admit("203.0.113.7").ok());
  throttle_.Refused("203.0.113.7");
  EXPECT_EQ(throttle_.Admit("203.0.113.7").retry_after_ms(), 1000);
}

TEST_F(EnrollThrottleTest, AnIpv6AddressCountsWithItsSlash64) {
  RefuseTimes("2001:db8:1:2::1", 5);
  RefuseTimes("2001:db8:1:2:ffff::9", 5);
  EXPECT_EQ(throttle_.Admit("2001:db8:1:2::abcd").kind(), ErrorKind::kTooMany);
  EXPECT_TRUE(throttle_.Admit("2001:db8:1:3::1").ok());
  // An IPv4 address mapped into IPv6 is that IPv4 address.
  RefuseTimes("::ffff:198.51.100.4", 10);
  EXPECT_EQ(throttle_.Admit("198.51.100.4").kind(), ErrorKind::kTooMany);
  EXPECT_TRUE(throttle_.Admit("198.51.100.5").ok());
}

TEST_F(EnrollThrottleTest, NewAddressesWaitWhileTooManyAreTracked) {
  EnrollThrottle small(clock_, ThrottleLimits{10, 10 * kMinute, 3});
  for (const char* address : {"192.0.2.1", "192.0.2.2", "192.0.2.3"}) {
    ASSERT_TRUE(small.Admit(address).ok());
    small.Refused(address);
  }
  EXPECT_TRUE(small.Admit("192.0.2.1").ok());  // tracked already
  const Status crowded = small.Admit("192.0.2.4");
  EXPECT_EQ(crowded.kind(), ErrorKind::kTooMany);
  EXPECT_EQ(crowded.retry_after_ms(), 10 * kMinute);
  clock_.Advance(10 * kMinute);  // the refusals age out, and so do their addresses
  EXPECT_TRUE(small.Admit("192.0.2.4").ok());
}

}  // namespace
}  // namespace relay::server
