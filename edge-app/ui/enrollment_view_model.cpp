#include "ui/enrollment_view_model.h"

#include <chrono>

#include "relay/edge/curl_transport.h"

namespace relay::edge::ui {

EnrollmentViewModel::EnrollmentViewModel(LocalStore& store, std::string server_url)
    : store_(store), server_url_(std::move(server_url)) {
  Reload();
}

void EnrollmentViewModel::Reload() {
  auto stored = store_.ReadEnrollment();
  if (!stored.ok()) {
    error_ = stored.status().message();
    return;
  }
  enrollment_ = stored.value();
}

void EnrollmentViewModel::Submit() {
  if (busy()) return;
  // A code with a wrong character is refused here, before any network.
  if (auto normalised = NormaliseEnrollmentCode(code_); !normalised.ok()) {
    error_ = normalised.status().message();
    return;
  }
  error_.clear();
  running_ = std::async(std::launch::async, [this, code = code_, url = server_url_] {
    CurlTransport transport(url);
    auto enrolled = Enroll(store_, transport, code);
    return enrolled.ok() ? Status::Ok() : enrolled.status();
  });
}

void EnrollmentViewModel::Poll() {
  if (!busy() || running_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  const Status status = running_.get();
  if (!status.ok()) {
    error_ = status.message();
    return;
  }
  code_.clear();
  Reload();
}

}  // namespace relay::edge::ui
