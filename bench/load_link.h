#pragma once

#include <string>

namespace relay::bench {

// What one request got: an HTTP status, or no answer at all.
struct Exchange {
  long status = 0;           // the HTTP status; 0 when no answer came
  std::string outcome;       // "200", "503", ...; "timeout"; "no answer" when the link failed
  std::string failure;       // libcurl's words when no answer came, else ""
  std::string body;          // the answer's body, inflated
  double seconds = 0;        // from sending to the whole answer read
  bool reconnected = false;  // a new TCP connection was opened for it
};

// A laptop's keep-alive HTTP connection to the county server, opened from a fixed loopback
// source address (so the server sees each township's laptops come from their own address) and
// reused between requests. A request gets timeout_s in all (connecting included); a slower one
// is an Exchange with outcome "timeout". Not thread-safe: one per laptop thread.
class LoadLink {
 public:
  LoadLink(std::string base_url, std::string source_address, long timeout_s);
  ~LoadLink();
  LoadLink(const LoadLink&) = delete;
  LoadLink& operator=(const LoadLink&) = delete;

  // A GET of path (with its query), with "Authorization: Bearer token" when token is not "".
  Exchange Get(const std::string& path, const std::string& token = "");
  // A POST of a JSON body, gzipped above 1 KiB as the reference client sends it.
  Exchange Post(const std::string& path, const std::string& body, const std::string& token = "");

  const std::string& source_address() const { return source_address_; }

 private:
  Exchange Send(const std::string& path, const std::string* body, const std::string& token);

  std::string base_url_;
  std::string source_address_;
  long timeout_s_;
  void* curl_;  // CURL*, kept out of this header
};

}  // namespace relay::bench
