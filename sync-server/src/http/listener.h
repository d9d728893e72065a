#pragma once

#include <memory>
#include <string>

#include "limits.h"
#include "relay/status.h"
#include "route.h"

namespace boost::asio::ssl {
class context;
}

namespace relay::server::http {

// Accepts connections on one address and port and serves each with Serve (connection.h): a
// few threads do the network I/O, a pool of workers runs the routes' work, and a gate caps
// connections per address and in all.
class Listener {
 public:
  // tls is nullptr for plain HTTP; it must outlive the listener.
  Listener(Limits limits, Router router, boost::asio::ssl::context* tls);
  ~Listener();

  // Binds host:port (port 0 picks a free one) and starts serving; the error names the address.
  Status Start(const std::string& host, unsigned short port);
  // Stops accepting, closes every connection and waits for the workers' work in flight.
  void Stop();
  // Connections open now.
  size_t open_connections() const;

 private:
  struct Running;
  Limits limits_;
  Router router_;
  boost::asio::ssl::context* tls_;
  std::unique_ptr<Running> running_;
};

}  // namespace relay::server::http
