#include "enroll_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <iterator>

namespace relay::server {
namespace {

// What an address counts under: an IPv6 address's /64 network, an IPv4 address (also one
// mapped into IPv6) as it is, anything else as given.
std::string Network(const std::string& address) {
  in6_addr ip6;
  if (inet_pton(AF_INET6, address.c_str(), &ip6) != 1) return address;
  char text[INET6_ADDRSTRLEN];
  if (IN6_IS_ADDR_V4MAPPED(&ip6)) return inet_ntop(AF_INET, &ip6.s6_addr[12], text, sizeof text);
  for (int i = 8; i < 16; ++i)
    ip6.s6_addr[i] = 0;
  return std::string(inet_ntop(AF_INET6, &ip6, text, sizeof text)) + "/64";
}

// A wait as a person reads it, rounded up to whole minutes.
std::string Minutes(int64_t ms) {
  const int64_t minutes = std::max<int64_t>(1, (ms + 59'999) / 60'000);
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

}  // namespace

Status EnrollThrottle::Admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  const int64_t now = clock_.NowMs();
  auto it = refusals_.find(Network(address));
  if (it == refusals_.end()) {
    if (refusals_.size() >= limits_.max_addresses) Forget(now);
    if (refusals_.size() < limits_.max_addresses) return Status::Ok();
    return Status::RetryLater(ErrorKind::kTooMany,
                              "enrollment: wrong codes came from too many addresses lately; try "
                              "again in " +
                                  Minutes(limits_.window_ms),
                              limits_.window_ms);
  }
  std::deque<int64_t>& times = it->second;
  while (!times.empty() && times.front() <= now - limits_.window_ms)
    times.pop_front();
  if (static_cast<int>(times.size()) < limits_.max_refusals) return Status::Ok();
  const int64_t wait = times.front() + limits_.window_ms - now;
  return Status::RetryLater(ErrorKind::kTooMany,
                            "enrollment: " + std::to_string(limits_.max_refusals) +
                                " refused tries from this address within " +
                                Minutes(limits_.window_ms) + "; try again in " + Minutes(wait) +
                                " (the code was not looked at)",
                            wait);
}

void EnrollThrottle::Refused(const std::string& address) {
  std::lock_guard lock(mutex_);
  std::deque<int64_t>& times = refusals_[Network(address)];
  times.push_back(clock_.NowMs());
  // Only the newest max_refusals decide when the address may try again.
  if (static_cast<int>(times.size()) > limits_.max_refusals) times.pop_front();
}

void EnrollThrottle::Forget(int64_t now) {
  for (auto it = refusals_.begin(); it != refusals_.end();) {
    std::deque<int64_t>& times = it->second;
    while (!times.empty() && times.front() <= now - limits_.window_ms)
      times.pop_front();
    it = times.empty() ? refusals_.erase(it) : std::next(it);
  }
}

}  // namespace relay::server
