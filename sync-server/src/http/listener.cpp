#include "listener.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <thread>
#include <vector>

#include "connection.h"
#include "open_file_limit.h"

namespace relay::server::http {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

// Open files kept for everything but connections: the database, its journal, logs, sockets
// being accepted.
constexpr size_t kFilesForOtherUses = 64;

constexpr std::chrono::seconds kFinishAnswersWithin{5};

}  // namespace

struct Listener::Running {
  Running(Limits limits, Router router, asio::ssl::context* tls)
      : gate(limits.max_connections, limits.max_connections_per_address),
        budget(limits.max_body_bytes_in_flight),
        workers(limits.worker_threads),
        acceptor(io),
        retry_accept(io) {
    context.limits = limits;
    context.router = std::move(router);
    context.workers = &workers;
    context.gate = &gate;
    context.budget = &budget;
    context.tls = tls;
  }

  void Accept() {
    acceptor.async_accept(asio::make_strand(io),
                          [this](const error_code& error, asio::ip::tcp::socket socket) {
                            if (error == asio::error::operation_aborted || !acceptor.is_open())
                              return;
                            if (error) {
                              // Out of open files or memory: wait instead of spinning; the timeouts
                              // free places.
                              retry_accept.expires_after(std::chrono::milliseconds(100));
                              retry_accept.async_wait([this](const error_code& waited) {
                                if (!waited) Accept();
                              });
                              return;
                            }
                            Serve(std::move(socket), context);
                            Accept();
                          });
  }

  // Declared in this order so that work still queued for the workers, which holds connections,
  // is destroyed while their io_context exists, and every connection gives its place back to a
  // gate that still exists.
  ConnectionGate gate;
  BodyBudget budget;
  asio::io_context io;
  asio::thread_pool workers;
  asio::ip::tcp::acceptor acceptor;
  asio::steady_timer retry_accept;
  ConnectionContext context;
  std::vector<std::thread> io_threads;
};

Listener::Listener(Limits limits, Router router, asio::ssl::context* tls)
    : limits_(limits), router_(std::move(router)), tls_(tls) {}

Listener::~Listener() {
  Stop();
}

Status Listener::Start(const std::string& host, unsigned short port) {
  Limits limits = limits_;
  const size_t files = RaiseOpenFileLimit();
  const size_t connection_files =
      files > 2 * kFilesForOtherUses ? files - kFilesForOtherUses : files / 2;
  limits.max_connections = std::min(limits.max_connections, connection_files);
  auto running = std::make_unique<Running>(limits, router_, tls_);
  error_code error;
  asio::ip::tcp::resolver resolver(running->io);
  const auto found = resolver.resolve(host, std::to_string(port), error);
  if (error || found.empty()) {
    return Status::Error("--listen: cannot find the address of " + host + ": " + error.message());
  }
  const asio::ip::tcp::endpoint endpoint = found.begin()->endpoint();
  running->acceptor.open(endpoint.protocol(), error);
  if (!error) running->acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) running->acceptor.bind(endpoint, error);
  if (!error) running->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Status::Error("--listen: cannot listen on " + host + ":" + std::to_string(port) + ": " +
                         error.message());
  }
  running->Accept();
  for (size_t i = 0; i < std::max<size_t>(1, limits.io_threads); ++i) {
    running->io_threads.emplace_back([io = &running->io] { io->run(); });
  }
  running_ = std::move(running);
  return Status::Ok();
}

void Listener::Stop() {
  if (!running_) return;
  // Answers in flight are sent before the connections close, for a few seconds at most.
  running_->context.stopping = true;
  asio::post(running_->io, [running = running_.get()] {
    error_code ignored;
    running->acceptor.close(ignored);
  });
  running_->gate.EvictWaiting();
  const auto give_up = std::chrono::steady_clock::now() + kFinishAnswersWithin;
  while (running_->gate.open() > 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  running_->io.stop();
  for (auto& thread : running_->io_threads)
    thread.join();
  running_->workers.join();
  running_.reset();
}

size_t Listener::open_connections() const {
  return running_ ? running_->gate.open() : 0;
}

}  // namespace relay::server::http
