#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "body_budget.h"
#include "connection_gate.h"
#include "limits.h"
#include "route.h"

namespace relay::server::http {

// What every connection of one listener shares; it outlives them all.
struct ConnectionContext {
  Limits limits;
  Router router;
  boost::asio::thread_pool* workers = nullptr;
  ConnectionGate* gate = nullptr;
  BodyBudget* budget = nullptr;
  boost::asio::ssl::context* tls = nullptr;  // nullptr serves plain HTTP
  // Set when the server stops: each connection closes after its answer in flight.
  std::atomic<bool> stopping{false};
};

// Serves HTTP/1.1 requests, one after another, on an accepted socket (whose executor must be a
// strand) until the client closes, a time or size limit of context.limits is broken, or the
// gate evicts it; a socket the gate does not admit is closed at once.
void Serve(boost::asio::ip::tcp::socket socket, ConnectionContext& context);

}  // namespace relay::server::http
