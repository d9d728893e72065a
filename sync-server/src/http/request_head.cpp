#include "request_head.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace relay::server::http {
namespace {

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// RFC 9110 token characters, which header names and methods are made of.
bool IsToken(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string::npos;
  });
}

Status Invalid(std::string message) {
  return Status::Error(ErrorKind::kInvalid, std::move(message));
}

}  // namespace

std::optional<std::string> RequestHead::Header(std::string_view name) const {
  for (const auto& [each, value] : headers) {
    if (SameIgnoringCase(each, name)) return value;
  }
  return std::nullopt;
}

bool RequestHead::HeaderHas(std::string_view name, std::string_view token) const {
  for (const auto& [each, value] : headers) {
    if (!SameIgnoringCase(each, name)) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      if (SameIgnoringCase(Trimmed(rest.substr(0, comma)), token)) return true;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return false;
}

bool RequestHead::keep_alive() const {
  if (HeaderHas("Connection", "close")) return false;
  return minor_version >= 1 || HeaderHas("Connection", "keep-alive");
}

Result<RequestHead> ParseRequestHead(std::string_view text) {
  RequestHead head;
  const size_t line_end = text.find("\r\n");
  if (line_end == std::string_view::npos) return Invalid("request line: must end with CRLF");
  const std::string_view line = text.substr(0, line_end);
  const size_t first_space = line.find(' ');
  const size_t last_space = line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space) {
    return Invalid("request line: must be METHOD TARGET HTTP/1.x");
  }
  head.method = std::string(line.substr(0, first_space));
  const std::string_view target = line.substr(first_space + 1, last_space - first_space - 1);
  const std::string_view version = line.substr(last_space + 1);
  if (!IsToken(head.method)) return Invalid("request line: the method is not a token");
  if (target.empty() || target.front() != '/' || target.find(' ') != std::string_view::npos) {
    return Invalid("request line: the target must be a path starting with '/'");
  }
  if (version == "HTTP/1.1") {
    head.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    head.minor_version = 0;
  } else {
    return Invalid("request line: only HTTP/1.0 and HTTP/1.1 are served");
  }
  const size_t question = target.find('?');
  head.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) head.query = std::string(target.substr(question + 1));

  std::string_view rest = text.substr(line_end + 2);
  while (!rest.empty() && rest.substr(0, 2) != "\r\n") {
    const size_t end = rest.find("\r\n");
    if (end == std::string_view::npos) return Invalid("headers: a line must end with CRLF");
    const std::string_view header = rest.substr(0, end);
    rest.remove_prefix(end + 2);
    const size_t colon = header.find(':');
    if (colon == std::string_view::npos || !IsToken(header.substr(0, colon))) {
      return Invalid("headers: each line must be NAME: VALUE with a token for NAME");
    }
    head.headers.emplace_back(std::string(header.substr(0, colon)),
                              std::string(Trimmed(header.substr(colon + 1))));
    if (!SameIgnoringCase(head.headers.back().first, "Content-Length")) continue;
    const std::string& value = head.headers.back().second;
    uint64_t length = 0;
    const auto [end_of_number, error] =
        std::from_chars(value.data(), value.data() + value.size(), length);
    if (value.empty() || error != std::errc() || end_of_number != value.data() + value.size() ||
        (head.has_content_length_ && head.content_length_ != length)) {
      return Invalid("Content-Length: must be one decimal number of bytes");
    }
    head.content_length_ = length;
    head.has_content_length_ = true;
  }
  return head;
}

}  // namespace relay::server::http
