#include "relay/edge/curl_transport.h"

#include <cctype>

#include <curl/curl.h>

#include <mutex>

#include "relay/gzip.h"

namespace relay::edge {
namespace {

size_t AppendBody(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

// Notes whether an answer says where its body ends (Content-Length, or chunks whose last one
// is marked). Without either, HTTP/1.1 ends the body when the connection closes, and a link cut
// in the middle of the head, before Content-Length, reads as a whole, empty answer.
size_t NoteBodyFraming(char* data, size_t size, size_t count, void* framed) {
  std::string line(data, size * count);
  for (char& c : line)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (line.rfind("http/", 0) == 0) *static_cast<bool*>(framed) = false;  // a new answer's head
  if (line.rfind("content-length:", 0) == 0 ||
      (line.rfind("transfer-encoding:", 0) == 0 && line.find("chunked") != std::string::npos)) {
    *static_cast<bool*>(framed) = true;
  }
  return size * count;
}

int AbortWhenAsked(void* options, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const CurlOptions*>(options)->should_abort() ? 1 : 0;
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct CurlTransport::Handle {
  CURL* curl = nullptr;
  ~Handle() { curl_easy_cleanup(curl); }
};

CurlTransport::CurlTransport(std::string base_url, CurlOptions options)
    : base_url_(std::move(base_url)), options_(options), handle_(std::make_unique<Handle>()) {
  while (!base_url_.empty() && base_url_.back() == '/')
    base_url_.pop_back();
  InitCurlOnce();
  handle_->curl = curl_easy_init();
}

CurlTransport::~CurlTransport() = default;

Result<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  CURL* curl = handle_->curl;
  if (!curl) return Status::Error("cannot start libcurl");
  const bool pinned = !options_.trusted_ca_pem.empty();
  if (pinned && base_url_.rfind("https://", 0) != 0) {
    return Status::Error(
        ErrorKind::kUntrusted,
        "server not trusted: this laptop was enrolled with a county CA, so it talks to the server "
        "over https:// only, not " +
            base_url_ + "; nothing was sent");
  }
  // Reset clears per-request options but keeps the connection cache, so batches reuse one
  // connection instead of paying a handshake each over a slow link.
  curl_easy_reset(curl);

  const std::string url = base_url_ + request.path;
  std::string body = request.body;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  // No "Expect: 100-continue": it costs a round trip per large batch on a slow link.
  headers = curl_slist_append(headers, "Expect:");
  if (!request.bearer_token.empty()) {
    headers = curl_slist_append(headers, ("Authorization: Bearer " + request.bearer_token).c_str());
  }
  if (body.size() > options_.gzip_above_bytes) {
    body = GzipCompress(body);
    headers = curl_slist_append(headers, "Content-Encoding: gzip");
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                          curl_slist_free_all);

  HttpResponse response;
  char error_text[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_s);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (pinned) {
    curl_blob ca{options_.trusted_ca_pem.data(), options_.trusted_ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &ca);
    // The blob replaces the CA bundle but not the CA directory Debian's libcurl also reads
    // (/etc/ssl/certs), through which any public CA could vouch for an impostor.
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  }
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  bool framed = false;
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, NoteBodyFraming);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &framed);
  if (options_.should_abort) {
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, AbortWhenAsked);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &options_);
  }
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }

  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE) {
    return Status::Error(
        ErrorKind::kUntrusted,
        "server not trusted: the certificate of " + base_url_ + " did not pass the check against " +
            (pinned ? "the county CA set at enrollment" : "this computer's CAs") + " (" +
            (error_text[0] ? error_text : curl_easy_strerror(code)) +
            "); nothing was sent to it. If the county office replaced its CA, enroll "
            "again with the new CA file; otherwise this may not be the county server");
  }
  if (code != CURLE_OK) {
    return Status::Error(ErrorKind::kUnreachable,
                         "cannot reach " + base_url_ + ": " +
                             (error_text[0] ? error_text : curl_easy_strerror(code)));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  if (!framed) {
    return Status::Error(ErrorKind::kUnreachable,
                         "cannot reach " + base_url_ +
                             ": the answer did not say how long it is, so it cannot be told from "
                             "one cut short by a lost connection");
  }
  return response;
}

TransportFactory CurlTransportFactory() {
  return [](const TransportTarget& target) -> std::unique_ptr<HttpTransport> {
    CurlOptions options;
    options.trusted_ca_pem = target.trusted_ca_pem;
    options.should_abort = target.should_abort;
    return std::make_unique<CurlTransport>(target.server_url, options);
  };
}

}  // namespace relay::edge
