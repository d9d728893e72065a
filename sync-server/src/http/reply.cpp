#include "reply.h"

#include <string_view>

namespace relay::server::http {
namespace {

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

}  // namespace

std::string Reply::WireHead() const {
  std::string wire = "HTTP/1.1 " + std::to_string(status) + " ";
  wire += ReasonPhrase(status);
  wire += "\r\n";
  for (const auto& [name, value] : headers)
    wire += name + ": " + value + "\r\n";
  wire += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  if (close) wire += "Connection: close\r\n";
  wire += "\r\n";
  return wire;
}

}  // namespace relay::server::http
