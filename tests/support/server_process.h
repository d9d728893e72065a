#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "test_certificates.h"

namespace relay::testing {

// A real relay-server child process on a free loopback port, stopped at scope end.
class ServerProcess {
 public:
  ServerProcess(std::string binary, std::string db_path, std::vector<std::string> extra_args = {});
  ~ServerProcess();

  // Serves https:// with the certificate and key of tls from the next Start on; the health
  // check trusts tls.ca.
  void UseTls(TlsFiles tls) { tls_ = std::move(tls); }
  // Starts the server with this soft limit on open files (its hard limit unchanged), as on a
  // machine with the common default of 1,024.
  void LimitOpenFiles(size_t soft) { open_files_soft_ = soft; }
  // Starts the server and waits until it says it is serving and /v1/health answers; false
  // when it exits first (the port was taken) or after a few seconds without.
  bool Start();
  // SIGTERM and wait (SIGKILL after ten seconds): a clean stop. Returns the exit status.
  int Stop();
  // SIGKILL and wait: a crash.
  void Kill();
  const std::string& url() const { return url_; }
  int port() const;
  // The server's resident memory now, in KiB (from /proc); 0 when it is not running.
  size_t ResidentKiB() const;
  // The CPU time the server has used so far, user and system, in seconds (from /proc); 0 when
  // it is not running.
  double CpuSeconds() const;
  // Files the server holds open now (from /proc); 0 when it is not running.
  size_t OpenFiles() const;
  // A one-time enrollment code from `relay-server admin enroll` on this server's database
  // (the county role when no township code is given); "" when the command fails.
  std::string IssueCode(const std::string& role = "county", const std::string& sumu = "") const;
  // What `relay-server admin audit` prints on this server's database with these extra
  // arguments (say "--limit 5"), one entry a line, newest first; "" when the command fails.
  std::string AuditListing(const std::string& arguments = "") const;

 private:
  std::string binary_;
  std::string db_path_;
  std::vector<std::string> extra_args_;
  std::optional<TlsFiles> tls_;
  size_t open_files_soft_ = 0;  // 0 keeps the inherited limit
  std::string url_;
  pid_t pid_ = -1;
  int output_fd_ = -1;  // the child's stdout, held open so its later lines never hit SIGPIPE
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int FreeLoopbackPort();

}  // namespace relay::testing
