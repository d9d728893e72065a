#include "connection.h"

#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <exception>
#include <memory>
#include <string>
#include <utility>

namespace relay::server::http {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using Socket = asio::ip::tcp::socket;
using TlsStream = asio::ssl::stream<Socket>;

Socket& Lowest(Socket& socket) {
  return socket;
}
Socket& Lowest(TlsStream& stream) {
  return stream.next_layer();
}

Reply Failure(int status, const std::string& code, const std::string& message) {
  Reply reply;
  reply.status = status;
  reply.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  // The protocol's error body, written by hand: message comes from this file and needs no
  // escaping.
  reply.body = R"({"error":{"code":")" + code + R"(","message":")" + message + R"("}})";
  reply.close = true;
  return reply;
}

// True when the request carries a body that the server has not read.
bool DeclaresBody(const RequestHead& head) {
  return head.content_length() > 0 || head.Header("Transfer-Encoding").has_value();
}

template <class Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(Stream stream, std::string remote, ConnectionContext& context)
      : stream_(std::move(stream)),
        remote_(std::move(remote)),
        context_(context),
        deadline_(Lowest(stream_).get_executor()),
        head_buffer_(context.limits.max_head_bytes) {}

  void Start(std::unique_ptr<ConnectionGate::Ticket> ticket) {
    ticket_ = std::move(ticket);
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      Arm(context_.limits.write_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](const error_code& error) {
                                if (error || self->closed_) return self->Close();
                                self->ReadHead();
                              });
    } else {
      ReadHead();
    }
  }

  // Closes the connection from another thread (the gate making room).
  void CloseSoon() {
    asio::post(Lowest(stream_).get_executor(),
               [self = this->shared_from_this()] { self->Close(); });
  }

 private:
  void ReadHead() {
    if (context_.stopping) return Close();
    if (ticket_) ticket_->SetWaiting(true);
    Arm(context_.limits.head_timeout);
    asio::async_read_until(
        stream_, head_buffer_, "\r\n\r\n",
        [self = this->shared_from_this()](const error_code& error, size_t head_bytes) {
          self->OnHead(error, head_bytes);
        });
  }

  void OnHead(const error_code& error, size_t head_bytes) {
    if (closed_) return;
    if (ticket_) ticket_->SetWaiting(false);
    if (error == asio::error::not_found) {
      return Send(Failure(431, "too_large",
                          "headers: larger than the limit of " +
                              std::to_string(context_.limits.max_head_bytes) + " bytes"),
                  true);
    }
    if (error) return Close();
    const std::string text(asio::buffers_begin(head_buffer_.data()),
                           asio::buffers_begin(head_buffer_.data()) + head_bytes);
    head_buffer_.consume(head_bytes);
    auto parsed = ParseRequestHead(text);
    if (!parsed.ok()) return Send(Failure(400, "bad_request", parsed.status().message()), true);
    head_ = std::move(parsed).value();
    head_.remote = remote_;
    std::variant<Reply, Route> decision;
    try {
      decision = context_.router(head_);
    } catch (const std::exception&) {
      return Send(Failure(500, "internal", "the request could not be routed"), true);
    }
    if (auto* reply = std::get_if<Reply>(&decision)) return Send(std::move(*reply), true);
    route_ = std::move(std::get<Route>(decision));
    if (!route_.admit) return ReadBody();
    OnWorker([admit = route_.admit] { return admit(); },
             [](Connection& self, std::optional<Reply> refusal) {
               if (refusal) return self.Send(std::move(*refusal), true);
               self.ReadBody();
             });
  }

  // Reads the declared body as it arrives, never more than declared, within the body budget.
  void ReadBody() {
    if (head_.Header("Transfer-Encoding")) return Answer("", true);
    const size_t length = static_cast<size_t>(head_.content_length());
    body_share_ = context_.budget->Take(length);
    if (!body_share_) {
      Reply busy = Failure(503, "busy", "the server is receiving too many bodies; retry soon");
      busy.headers.emplace_back("Retry-After", "5");
      return Send(std::move(busy), true);
    }
    body_.clear();
    const size_t buffered = std::min(length, head_buffer_.size());
    body_.append(asio::buffers_begin(head_buffer_.data()),
                 asio::buffers_begin(head_buffer_.data()) + buffered);
    head_buffer_.consume(buffered);
    if (buffered == length) return Answer(std::move(body_), false);
    Arm(context_.limits.body_timeout);
    if (!head_.HeaderHas("Expect", "100-continue")) return ReadMoreBody();
    continue_line_ = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(continue_line_),
                      [self = this->shared_from_this()](const error_code& error, size_t) {
                        if (error || self->closed_) return self->Close();
                        self->ReadMoreBody();
                      });
  }

  void ReadMoreBody() {
    const size_t wanted = std::min(chunk_.size(), head_.content_length() - body_.size());
    stream_.async_read_some(
        asio::buffer(chunk_.data(), wanted),
        [self = this->shared_from_this()](const error_code& error, size_t read) {
          if (error || self->closed_) return self->Close();
          self->body_.append(self->chunk_.data(), read);
          if (self->body_.size() < self->head_.content_length()) return self->ReadMoreBody();
          self->Answer(std::move(self->body_), false);
        });
  }

  // Runs the route's answer on a worker; close_after is set when the body was left unread.
  void Answer(std::string body, bool close_after) {
    OnWorker(
        [answer = route_.answer, body = std::move(body)]() mutable {
          return answer(std::move(body));
        },
        [close_after](Connection& self, Reply reply) { self.Send(std::move(reply), close_after); });
  }

  // Runs work on a worker thread, then then(*this, its result) back on this connection's strand;
  // an exception from work becomes a 500 answer that closes the connection.
  template <class Work, class Then>
  void OnWorker(Work work, Then then) {
    Disarm();  // work in flight is never cut off; the client waits for its answer
    asio::post(*context_.workers, [self = this->shared_from_this(), work = std::move(work),
                                   then = std::move(then)]() mutable {
      using Result = decltype(work());
      std::optional<Result> result;
      try {
        result.emplace(work());
      } catch (const std::exception&) {
      }
      asio::post(Lowest(self->stream_).get_executor(), [self, result = std::move(result),
                                                        then = std::move(then)]() mutable {
        if (self->closed_) return;
        if (!result) {
          return self->Send(Failure(500, "internal", "the request failed on the server"), true);
        }
        then(*self, std::move(*result));
      });
    });
  }

  // Sends reply; afterwards closes the connection when the reply asks to, the request's body was
  // left unread (unread_body), or the client did not ask to keep it, else reads the next head.
  void Send(Reply reply, bool unread_body) {
    reply.close = reply.close || (unread_body && DeclaresBody(head_)) || !head_.keep_alive() ||
                  context_.stopping;
    reply_ = std::move(reply);
    wire_head_ = reply_.WireHead();
    Arm(context_.limits.write_timeout);
    const std::array<asio::const_buffer, 2> wire{asio::buffer(wire_head_),
                                                 asio::buffer(reply_.body)};
    asio::async_write(stream_, wire,
                      [self = this->shared_from_this()](const error_code& error, size_t) {
                        if (error || self->closed_) return self->Close();
                        self->body_share_.reset();
                        if (self->reply_.close) return self->Discard();
                        self->head_ = RequestHead();
                        self->reply_ = Reply();
                        self->ReadHead();
                      });
  }

  // Reads and throws away what the client still sends, for a little while, so the answer is
  // not lost to a reset when the connection closes with unread bytes (RFC 9112 9.6).
  void Discard() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      Close();
    } else {
      error_code ignored;
      stream_.shutdown(Socket::shutdown_send, ignored);
      Arm(context_.limits.discard_timeout);
      DiscardMore();
    }
  }

  void DiscardMore() {
    stream_.async_read_some(asio::buffer(chunk_),
                            [self = this->shared_from_this()](const error_code& error, size_t) {
                              if (error || self->closed_) return self->Close();
                              self->DiscardMore();
                            });
  }

  // Closes the connection unless the next step ends within timeout.
  void Arm(std::chrono::milliseconds timeout) {
    const uint64_t generation = ++deadline_generation_;
    deadline_.expires_after(timeout);
    deadline_.async_wait([self = this->shared_from_this(), generation](const error_code& error) {
      if (error || generation != self->deadline_generation_) return;
      self->Close();
    });
  }

  void Disarm() {
    ++deadline_generation_;
    deadline_.cancel();
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    error_code ignored;
    deadline_.cancel();
    Lowest(stream_).close(ignored);
    ticket_.reset();
    body_share_.reset();
  }

  Stream stream_;
  const std::string remote_;
  ConnectionContext& context_;
  asio::steady_timer deadline_;
  uint64_t deadline_generation_ = 0;
  asio::streambuf head_buffer_;
  RequestHead head_;
  Route route_;
  std::string body_;
  std::unique_ptr<BodyBudget::Share> body_share_;  // held until the answer is sent
  std::string continue_line_;
  Reply reply_;
  std::string wire_head_;
  std::array<char, 16 * 1024> chunk_{};  // body bytes as they arrive, or bytes thrown away
  std::unique_ptr<ConnectionGate::Ticket> ticket_;
  bool closed_ = false;
};

template <class Stream>
void Admit(std::shared_ptr<Connection<Stream>> connection, const std::string& remote,
           ConnectionContext& context) {
  std::weak_ptr<Connection<Stream>> weak = connection;
  auto ticket = context.gate->Admit(remote, [weak] {
    if (auto alive = weak.lock()) alive->CloseSoon();
  });
  if (!ticket) return;  // the connection closes as its last reference goes
  connection->Start(std::move(ticket));
}

}  // namespace

void Serve(Socket socket, ConnectionContext& context) {
  error_code error;
  const auto peer = socket.remote_endpoint(error);
  if (error) return;
  const std::string remote = peer.address().to_string();
  socket.set_option(asio::ip::tcp::no_delay(true), error);
  if (context.tls) {
    Admit(std::make_shared<Connection<TlsStream>>(TlsStream(std::move(socket), *context.tls),
                                                  remote, context),
          remote, context);
  } else {
    Admit(std::make_shared<Connection<Socket>>(std::move(socket), remote, context), remote,
          context);
  }
}

}  // namespace relay::server::http
