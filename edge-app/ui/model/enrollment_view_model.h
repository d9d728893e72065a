#pragma once

#include <future>
#include <optional>
#include <string>

#include "relay/edge/enrollment.h"
#include "relay/edge/http_transport.h"
#include "relay/edge/local_store.h"
#include "relay/edge/server_ca.h"

namespace relay::edge::ui {

// Why an enrollment failed: the step that failed and the core's status. The screen words it by
// step and kind (DescribeEnrollmentFailure); the status's English message is kept, never shown.
struct EnrollmentFailure {
  enum class Step {
    kCode,      // the code typed breaks a rule: code_fault says which
    kCaFile,    // the CA file cannot be used, or the stored CA cannot be read
    kExchange,  // trading the code at the server, or storing or reading back what it granted
  };
  EnrollmentFailure(Step at, Status why, CodeFault fault = {})
      : step(at), status(std::move(why)), code_fault(std::move(fault)) {}

  Step step;
  Status status;
  CodeFault code_fault;
};

// The enrollment screen's state: whether this laptop is enrolled (and as what, checking the
// server against which CA), the code and CA file being typed, and an enrollment running on its
// own thread so the window never waits for the network; open_transport reaches the server.
class EnrollmentViewModel {
 public:
  EnrollmentViewModel(LocalStore& store, std::string server_url, TransportFactory open_transport);

  // Reads the stored enrollment again.
  void Reload();
  const std::optional<Enrollment>& enrollment() const { return enrollment_; }
  // The stored county CA, when the enrollment set one.
  const std::optional<CaSummary>& server_ca() const { return server_ca_; }
  std::string& code() { return code_; }
  // The county CA's certificate file for an https:// server; empty keeps the stored CA.
  std::string& ca_path() { return ca_path_; }
  // Starts trading the typed code for a token at the server, checked against the CA file (or
  // the stored CA); ignored while one runs.
  void Submit();
  // Takes a finished enrollment's outcome; called every frame.
  void Poll();
  bool busy() const { return running_.valid(); }
  // Why the last enrollment failed; nullopt after a success.
  const std::optional<EnrollmentFailure>& failure() const { return failure_; }
  const std::string& server_url() const { return server_url_; }

 private:
  LocalStore& store_;
  std::string server_url_;
  TransportFactory open_transport_;
  std::optional<Enrollment> enrollment_;
  std::optional<CaSummary> server_ca_;
  std::string code_;
  std::string ca_path_;
  std::optional<EnrollmentFailure> failure_;
  std::future<Status> running_;
};

}  // namespace relay::edge::ui
