#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace relay::testing {

// A plain TCP connection to a loopback port from a chosen loopback address, for sending bytes as
// a broken or hostile client would: part of a head, a body that never ends, then nothing.
class RawConnection {
 public:
  // Connects from `from` (any 127.x.y.z) to 127.0.0.1:port; nullptr when the connection fails.
  static std::unique_ptr<RawConnection> Open(int port, const std::string& from = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends all of bytes; false when the server has closed or reset the connection.
  bool Send(std::string_view bytes);

  // What happened to a body sent after its head: the answer's status (0 when none came) and
  // how many body bytes had been sent by then.
  struct BodyOutcome {
    int status = 0;
    uint64_t bytes_sent = 0;
  };
  // Sends filler body bytes as fast as the server takes them until it answers or closes, up to
  // body_bytes, within timeout.
  BodyOutcome SendBodyUntilAnswered(uint64_t body_bytes, std::chrono::milliseconds timeout);

  // The status of the answer that arrives within timeout; 0 when none does.
  int ReadStatus(std::chrono::milliseconds timeout);
  // True when the server closes the connection (end of stream or reset) within timeout.
  bool ClosedWithin(std::chrono::milliseconds timeout);
  // Every byte the server has sent so far.
  const std::string& received() const { return received_; }

 private:
  explicit RawConnection(int fd) : fd_(fd) {}
  int fd_;
  std::string received_;
};

}  // namespace relay::testing
