#include "load_link.h"

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <mutex>

#include "relay/gzip.h"

namespace relay::bench {
namespace {

constexpr size_t kGzipAboveBytes = 1024;

size_t AppendBody(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

}  // namespace

LoadLink::LoadLink(std::string base_url, std::string source_address, long timeout_s)
    : base_url_(std::move(base_url)),
      source_address_(std::move(source_address)),
      timeout_s_(timeout_s) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  while (!base_url_.empty() && base_url_.back() == '/')
    base_url_.pop_back();
  curl_ = curl_easy_init();
}

LoadLink::~LoadLink() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Exchange LoadLink::Get(const std::string& path, const std::string& token) {
  return Send(path, nullptr, token);
}

Exchange LoadLink::Post(const std::string& path, const std::string& body,
                        const std::string& token) {
  return Send(path, &body, token);
}

Exchange LoadLink::Send(const std::string& path, const std::string* body,
                        const std::string& token) {
  CURL* curl = static_cast<CURL*>(curl_);
  Exchange exchange;
  const std::string url = base_url_ + path;
  const std::string interface = "host!" + source_address_;
  std::string payload;
  curl_slist* headers = curl_slist_append(nullptr, "Expect:");
  if (!token.empty())
    headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  if (body) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    payload = body->size() > kGzipAboveBytes ? GzipCompress(*body) : *body;
    if (body->size() > kGzipAboveBytes)
      headers = curl_slist_append(headers, "Content-Encoding: gzip");
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                          curl_slist_free_all);
  char error_text[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_INTERFACE, interface.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_s_);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout_s_);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange.body);
  if (body) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }

  const auto start = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(curl);
  exchange.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long connects = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  exchange.reconnected = connects > 0;
  if (code == CURLE_OPERATION_TIMEDOUT) {
    exchange.outcome = "timeout";
    exchange.failure = error_text[0] ? error_text : curl_easy_strerror(code);
  } else if (code != CURLE_OK) {
    exchange.outcome = "no answer";
    exchange.failure = error_text[0] ? error_text : curl_easy_strerror(code);
  } else {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &exchange.status);
    exchange.outcome = std::to_string(exchange.status);
  }
  return exchange;
}

}  // namespace relay::bench
