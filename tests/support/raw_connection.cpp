#include "raw_connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

int MillisecondsLeft(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// The status code of an answer's status line once received holds it whole; 0 before.
int StatusOf(const std::string& received) {
  const size_t line_end = received.find("\r\n");
  if (line_end == std::string::npos || received.rfind("HTTP/1.", 0) != 0) return 0;
  const size_t space = received.find(' ');
  return space < line_end ? std::atoi(received.c_str() + space + 1) : 0;
}

}  // namespace

std::unique_ptr<RawConnection> RawConnection::Open(int port, const std::string& from) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return nullptr;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, from.c_str(), &local.sin_addr);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(port));
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
    close(fd);
    return nullptr;
  }
  return std::unique_ptr<RawConnection>(new RawConnection(fd));
}

RawConnection::~RawConnection() {
  close(fd_);
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

RawConnection::BodyOutcome RawConnection::SendBodyUntilAnswered(uint64_t body_bytes,
                                                                std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  const std::vector<char> filler(1 << 20, '[');
  BodyOutcome outcome;
  while (MillisecondsLeft(deadline) > 0) {
    pollfd ready{fd_, static_cast<short>(POLLIN | (outcome.bytes_sent < body_bytes ? POLLOUT : 0)),
                 0};
    if (poll(&ready, 1, MillisecondsLeft(deadline)) <= 0) break;
    if (ready.revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[4096];
      const ssize_t read_bytes = recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
      if (read_bytes <= 0) break;
      received_.append(buffer, static_cast<size_t>(read_bytes));
      if ((outcome.status = StatusOf(received_)) != 0) return outcome;
      continue;
    }
    const size_t chunk =
        static_cast<size_t>(std::min<uint64_t>(filler.size(), body_bytes - outcome.bytes_sent));
    const ssize_t sent = send(fd_, filler.data(), chunk, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) break;
    if (sent > 0) outcome.bytes_sent += static_cast<uint64_t>(sent);
  }
  outcome.status = StatusOf(received_);
  return outcome;
}

int RawConnection::ReadStatus(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (StatusOf(received_) == 0) {
    pollfd readable{fd_, POLLIN, 0};
    if (poll(&readable, 1, MillisecondsLeft(deadline)) <= 0) return 0;
    char buffer[4096];
    const ssize_t read_bytes = recv(fd_, buffer, sizeof buffer, 0);
    if (read_bytes <= 0) return 0;
    received_.append(buffer, static_cast<size_t>(read_bytes));
  }
  return StatusOf(received_);
}

bool RawConnection::ClosedWithin(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    pollfd readable{fd_, POLLIN, 0};
    if (poll(&readable, 1, MillisecondsLeft(deadline)) <= 0) return false;
    char buffer[4096];
    const ssize_t read_bytes = recv(fd_, buffer, sizeof buffer, 0);
    if (read_bytes <= 0) return true;
    received_.append(buffer, static_cast<size_t>(read_bytes));
  }
}

}  // namespace relay::testing
