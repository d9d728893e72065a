#include "ui/model/enrollment_view_model.h"

#include <chrono>

namespace relay::edge::ui {

EnrollmentViewModel::EnrollmentViewModel(LocalStore& store, std::string server_url,
                                         TransportFactory open_transport)
    : store_(store),
      server_url_(std::move(server_url)),
      open_transport_(std::move(open_transport)) {
  Reload();
}

void EnrollmentViewModel::Reload() {
  auto stored = store_.ReadEnrollment();
  if (!stored.ok()) {
    failure_ = EnrollmentFailure{EnrollmentFailure::Step::kExchange, stored.status()};
    return;
  }
  enrollment_ = stored.value();
  server_ca_.reset();
  if (enrollment_ && !enrollment_->server_ca_pem.empty()) {
    auto summary = SummariseCa(enrollment_->server_ca_pem);
    if (!summary.ok()) {
      failure_ = EnrollmentFailure{EnrollmentFailure::Step::kCaFile, summary.status()};
      return;
    }
    server_ca_ = summary.value();
  }
}

void EnrollmentViewModel::Submit() {
  if (busy()) return;
  // A code with a wrong character is refused here, before any network.
  if (auto fault = FindCodeFault(code_)) {
    failure_ = EnrollmentFailure{EnrollmentFailure::Step::kCode,
                                 NormaliseEnrollmentCode(code_).status(), std::move(*fault)};
    return;
  }
  // So is a CA file that cannot be read or does not go with the server's URL.
  auto ca = CaForEnrollment(store_, server_url_, ca_path_, "CA file");
  if (!ca.ok()) {
    failure_ = EnrollmentFailure{EnrollmentFailure::Step::kCaFile, ca.status()};
    return;
  }
  failure_.reset();
  running_ = std::async(std::launch::async, [this, code = code_, ca = std::move(ca).value()] {
    const auto transport = open_transport_({server_url_, ca, {}});
    auto enrolled = Enroll(store_, *transport, code, ca);
    return enrolled.ok() ? Status::Ok() : enrolled.status();
  });
}

void EnrollmentViewModel::Poll() {
  if (!busy() || running_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  const Status status = running_.get();
  if (!status.ok()) {
    failure_ = EnrollmentFailure{EnrollmentFailure::Step::kExchange, status};
    return;
  }
  code_.clear();
  ca_path_.clear();
  Reload();
}

}  // namespace relay::edge::ui
