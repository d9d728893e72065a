#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace relay::testing {

// A TCP relay on loopback that behaves like a township's link to the county: each direction
// carries bytes_per_second at most and delivers them one_way_delay late, and a connection
// costs a round trip before its first byte.
class SlowLink {
 public:
  struct Shape {
    int64_t bytes_per_second = 1200;  // 9.6 kbit/s
    std::chrono::milliseconds one_way_delay{500};
  };

  // Listens on a free loopback port and relays each connection to 127.0.0.1:target_port.
  SlowLink(int target_port, Shape shape);
  ~SlowLink();
  SlowLink(const SlowLink&) = delete;
  SlowLink& operator=(const SlowLink&) = delete;

  // Cuts each of the next `count` connections once the server has sent it a number of bytes
  // drawn between 1 and within_bytes (seeded, so a run repeats): a link lost mid-answer.
  void CutNextConnections(int count, int64_t within_bytes, uint32_t seed);
  int cuts_made() const { return cuts_made_; }

  int port() const { return port_; }
  int64_t bytes_down() const { return bytes_down_; }  // server to client, so far
  int64_t bytes_up() const { return bytes_up_; }

 private:
  void Accept();
  // Carries from one socket to the other until either closes.
  // Carries from one socket to the other until either closes, or until cut_after bytes
  // (0: never) when it closes both.
  void Carry(int from, int to, std::chrono::steady_clock::time_point connected,
             std::atomic<int64_t>& counted, int64_t cut_after);

  Shape shape_;
  int target_port_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> bytes_down_{0};
  std::atomic<int64_t> bytes_up_{0};
  std::atomic<int> cuts_made_{0};
  std::mt19937 random_;           // guarded by mutex_
  int cuts_left_ = 0;             // guarded by mutex_
  int64_t cut_within_bytes_ = 0;  // guarded by mutex_
  std::mutex mutex_;
  std::vector<int> sockets_;           // guarded by mutex_, closed at the end
  std::vector<std::thread> carriers_;  // guarded by mutex_
  std::thread acceptor_;
};

}  // namespace relay::testing
