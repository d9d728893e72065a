#include "slow_link.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace

SlowLink::SlowLink(int target_port, Shape shape) : shape_(shape), target_port_(target_port) {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  listen(listener_, 16);
  socklen_t length = sizeof address;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

SlowLink::~SlowLink() {
  stopping_ = true;
  shutdown(listener_, SHUT_RDWR);
  acceptor_.join();
  close(listener_);
  std::vector<std::thread> carriers;
  {
    std::lock_guard lock(mutex_);
    for (int socket : sockets_)
      shutdown(socket, SHUT_RDWR);
    carriers.swap(carriers_);
  }
  for (auto& carrier : carriers)
    carrier.join();
  for (int socket : sockets_)
    close(socket);
}

void SlowLink::CutNextConnections(int count, int64_t within_bytes, uint32_t seed) {
  std::lock_guard lock(mutex_);
  random_.seed(seed);
  cuts_left_ = count;
  cut_within_bytes_ = within_bytes;
}

void SlowLink::Accept() {
  while (!stopping_) {
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    const int server = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in target = Loopback(target_port_);
    if (connect(server, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
      close(client);
      close(server);
      continue;
    }
    std::lock_guard lock(mutex_);
    int64_t cut_after = 0;
    if (cuts_left_ > 0) {
      --cuts_left_;
      cut_after = std::uniform_int_distribution<int64_t>(1, cut_within_bytes_)(random_);
    }
    sockets_.insert(sockets_.end(), {client, server});
    // The handshake costs a round trip before the client's first byte can leave.
    const Clock::time_point connected = Clock::now() + 2 * shape_.one_way_delay;
    carriers_.emplace_back(
        [this, client, server, connected] { Carry(client, server, connected, bytes_up_, 0); });
    carriers_.emplace_back([this, client, server, connected, cut_after] {
      Carry(server, client, connected, bytes_down_, cut_after);
    });
  }
}

void SlowLink::Carry(int from, int to, Clock::time_point connected, std::atomic<int64_t>& counted,
                     int64_t cut_after) {
  int64_t carried = 0;
  // Small pieces, so the rate holds within a request and not only across them.
  char buffer[256];
  Clock::time_point free_at = connected;  // when the wire has sent what it was given
  Clock::time_point last_read = Clock::now();
  for (;;) {
    const Clock::time_point polled = Clock::now();
    pollfd ready{from, POLLIN, 0};
    if (poll(&ready, 1, 200) < 0 || stopping_) break;
    if (!(ready.revents & (POLLIN | POLLHUP | POLLERR))) continue;
    ssize_t got = recv(from, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    const bool cut = cut_after > 0 && carried + got >= cut_after;
    if (cut) got = static_cast<ssize_t>(cut_after - carried);
    // Bytes waiting already when asked came while the last piece was on its way: they count
    // from then, so the delay is paid once per exchange, not once per piece.
    const Clock::time_point now = Clock::now();
    const Clock::time_point arrived = now - polled < std::chrono::milliseconds(1) ? last_read : now;
    last_read = now;
    const auto wire_time = std::chrono::microseconds(got * 1'000'000 / shape_.bytes_per_second);
    const Clock::time_point sent = std::max(arrived, free_at) + wire_time;
    free_at = sent;
    std::this_thread::sleep_until(sent + shape_.one_way_delay);
    if (send(to, buffer, static_cast<size_t>(got), MSG_NOSIGNAL) != got) break;
    counted += got;
    carried += got;
    if (cut) {
      ++cuts_made_;
      shutdown(from, SHUT_RDWR);
      shutdown(to, SHUT_RDWR);
      return;
    }
  }
  shutdown(to, SHUT_WR);
}

}  // namespace relay::testing
