#include "http_server.h"

#include <cpprest/http_listener.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>

#include "relay/gzip.h"
#include "relay/protocol.h"

namespace relay::server {
namespace {

using web::http::http_request;
using web::http::http_response;
using web::http::methods;

constexpr size_t kCompressAboveBytes = 1024;

// True when the header lists the token, ignoring case (header lookup itself ignores case).
bool HeaderContains(const web::http::http_headers& headers, const std::string& name,
                    const std::string& token) {
  auto it = headers.find(name);
  if (it == headers.end()) return false;
  std::string value = it->second;
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value.find(token) != std::string::npos;
}

void Reply(http_request request, const ServiceReply& reply) {
  http_response response(static_cast<web::http::status_code>(reply.status));
  response.headers().add("Content-Type", "application/json; charset=utf-8");
  if (reply.body.size() > kCompressAboveBytes &&
      HeaderContains(request.headers(), "Accept-Encoding", "gzip")) {
    const std::string compressed = GzipCompress(reply.body);
    response.headers().add("Content-Encoding", "gzip");
    response.set_body(std::vector<unsigned char>(compressed.begin(), compressed.end()));
  } else {
    response.set_body(std::vector<unsigned char>(reply.body.begin(), reply.body.end()));
  }
  // A client that hung up cannot be answered; that is not the server's failure.
  request.reply(response).then([](pplx::task<void> sent) {
    try {
      sent.get();
    } catch (const std::exception&) {
    }
  });
}

const auto& Refuse = ServiceReply::Refuse;

// Splits a query string into its parameters, then decodes each name and value, so an
// encoded '&' or '=' inside a value stays part of it.
Result<std::map<std::string, std::string>> DecodeQuery(const std::string& query) {
  std::map<std::string, std::string> parameters;
  try {
    for (const auto& [name, value] : web::uri::split_query(query)) {
      parameters[web::uri::decode(name)] = web::uri::decode(value);
    }
  } catch (const std::exception&) {
    return Status::Error("query: has a malformed %-escape");
  }
  return parameters;
}

}  // namespace

struct HttpServer::Listener {
  web::http::experimental::listener::http_listener listener;
};

HttpServer::HttpServer(SyncService& service, std::string listen_url)
    : service_(service), listen_url_(std::move(listen_url)) {}

HttpServer::~HttpServer() {
  Stop();
}

Status HttpServer::Start() {
  try {
    web::http::experimental::listener::http_listener_config config;
    config.set_timeout(std::chrono::seconds(120));
    listener_ = std::make_unique<Listener>(
        Listener{web::http::experimental::listener::http_listener(listen_url_, config)});
  } catch (const std::exception& error) {
    return Status::Error("--listen: cannot listen on " + listen_url_ + ": " + error.what());
  }
  SyncService& service = service_;
  listener_->listener.support([&service](http_request request) {
    try {
      const std::string path = request.relative_uri().path();
      const auto method = request.method();
      const bool is_read = path == "/v1/pull" || path == "/v1/digest" || path == "/v1/health";
      if (!is_read && path != "/v1/push") {
        return Reply(request, Refuse(404, "not_found", "no such endpoint: " + path));
      }
      const auto expected = is_read ? methods::GET : methods::POST;
      if (method != expected) {
        return Reply(request, Refuse(405, "method", "use " + expected + " for " + path));
      }
      if (path == "/v1/pull") {
        auto query = DecodeQuery(request.relative_uri().query());
        if (!query.ok())
          return Reply(request, Refuse(400, "bad_request", query.status().message()));
        return Reply(request, service.Pull(query.value()));
      }
      if (path == "/v1/digest") return Reply(request, service.Digest());
      if (path == "/v1/health") return Reply(request, ServiceReply{200, R"({"status":"ok"})"});

      // A body must declare its length, so an oversized one is refused before it is read.
      if (!request.headers().has("Content-Length") ||
          HeaderContains(request.headers(), "Transfer-Encoding", "chunked")) {
        return Reply(request, Refuse(411, "length_required",
                                     "Content-Length: required on /v1/push (no chunked bodies)"));
      }
      const size_t limit = service.limits().max_body_bytes;
      if (request.headers().content_length() > limit) {
        return Reply(request, Refuse(413, "too_large",
                                     "body: larger than the limit of " + std::to_string(limit) +
                                         " bytes; send smaller batches"));
      }
      const bool gzipped = HeaderContains(request.headers(), "Content-Encoding", "gzip");
      request.extract_vector().then([request, &service, gzipped,
                                     limit](pplx::task<std::vector<unsigned char>> body_task) {
        try {
          const auto bytes = body_task.get();
          std::string body(bytes.begin(), bytes.end());
          if (gzipped) {
            auto inflated = GzipDecompress(body, limit);
            if (!inflated.ok()) {
              const bool too_large = inflated.status().message().find("limit") != std::string::npos;
              return Reply(request,
                           Refuse(too_large ? 413 : 400, too_large ? "too_large" : "bad_request",
                                  inflated.status().message()));
            }
            body = std::move(inflated).value();
          }
          Reply(request, service.Push(body));
        } catch (const std::exception& error) {
          Reply(request, Refuse(400, "bad_request",
                                std::string("body: could not be read: ") + error.what()));
        }
      });
    } catch (const std::exception& error) {
      Reply(request, Refuse(500, "internal", error.what()));
    }
  });
  try {
    listener_->listener.open().wait();
  } catch (const std::exception& error) {
    listener_.reset();
    return Status::Error("--listen: cannot listen on " + listen_url_ + ": " + error.what());
  }
  return Status::Ok();
}

void HttpServer::Stop() {
  if (!listener_) return;
  try {
    listener_->listener.close().wait();
  } catch (const std::exception& error) {
    std::cerr << "relay-server: while stopping: " << error.what() << "\n";
  }
  listener_.reset();
}

}  // namespace relay::server
