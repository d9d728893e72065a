#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "relay/error_kind.h"

namespace relay {

// An outcome at a boundary: ok, or an error with a kind to act on and a message a person can
// act on; a refusal also carries the refusing party's own words as its reason.
class Status {
 public:
  static Status Ok() { return Status(); }
  static Status Error(std::string message) {
    return Status(ErrorKind::kOther, std::move(message), {});
  }
  static Status Error(ErrorKind kind, std::string message, std::string reason = {}) {
    return Status(kind, std::move(message), std::move(reason));
  }
  // A refusal that says how long to wait before trying again (a 429's Retry-After).
  static Status RetryLater(ErrorKind kind, std::string message, int64_t retry_after_ms) {
    Status status(kind, std::move(message), {});
    status.retry_after_ms_ = retry_after_ms;
    return status;
  }

  bool ok() const { return !failed_; }
  // kOther when ok.
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  // The server's own words when it refused (kRefused, kNotAllowed); empty otherwise.
  const std::string& reason() const { return reason_; }
  // How long the refusing party asked to be left alone before a retry; 0 when it did not say.
  int64_t retry_after_ms() const { return retry_after_ms_; }

 private:
  Status() = default;
  Status(ErrorKind kind, std::string message, std::string reason)
      : failed_(true), kind_(kind), message_(std::move(message)), reason_(std::move(reason)) {}

  bool failed_ = false;
  ErrorKind kind_ = ErrorKind::kOther;
  std::string message_;
  std::string reason_;
  int64_t retry_after_ms_ = 0;
};

// A value, or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Status error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace relay
