#pragma once

#include <chrono>
#include <cstddef>

namespace relay::server::http {

// What one connection may cost the server: time to send each part of a request, bytes of
// head, and how many connections may be open at once, from one address and in all.
struct Limits {
  // From connecting, or from the end of the previous answer, to the end of the request's head.
  std::chrono::milliseconds head_timeout{std::chrono::seconds(30)};
  // From the end of the head to the last byte of the body.
  std::chrono::milliseconds body_timeout{std::chrono::seconds(120)};
  // For the client to take the whole answer, and for a TLS handshake.
  std::chrono::milliseconds write_timeout{std::chrono::seconds(120)};
  // How long a refused body is read and thrown away after the answer, so that closing the
  // connection does not reset it before the client reads the answer.
  std::chrono::milliseconds discard_timeout{std::chrono::seconds(2)};
  size_t max_head_bytes = 16 * 1024;
  // Bytes of request bodies held at once by all connections together; a body that would pass
  // it is answered 503 busy with Retry-After. Above the protocol's 8 MiB body limit.
  size_t max_body_bytes_in_flight = 256 * 1024 * 1024;
  // Connections open at once; the listener lowers it to fit the open-file limit.
  size_t max_connections = 8192;
  size_t max_connections_per_address = 256;
  // Threads that run requests' work (storage, JSON), apart from the threads doing network I/O.
  size_t worker_threads = 4;
  size_t io_threads = 2;
};

}  // namespace relay::server::http
