#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace relay {

// What kind of failure an error is, decided where it is born, so callers act on it without
// reading its message.
enum class ErrorKind {
  kOther,         // none of the kinds below
  kUnreachable,   // no answer: no route, refused connection, timeout, dropped link
  kUntrusted,     // the server failed the TLS check, so nothing was sent to it
  kNotAllowed,    // a token, enrollment code or role is not accepted (401, 403)
  kRefused,       // the server answered 4xx for another reason, given as the error's reason
  kServerFailed,  // the server answered 5xx or stayed busy (429)
  kInvalid,       // data that breaks a rule: a bad input, or an answer that cannot be read
  kStorage,       // the local database failed
  kTooLarge,      // data over a size limit, such as a body that inflates past it (413)
  kTooMany,       // too many tries in a short while: wait, then try again (429)
};

// Each kind's stable name, as stored and printed ("unreachable", "not_allowed", ...).
inline constexpr std::array<std::pair<ErrorKind, std::string_view>, 10> kErrorKindNames = {{
    {ErrorKind::kOther, "other"},
    {ErrorKind::kUnreachable, "unreachable"},
    {ErrorKind::kUntrusted, "untrusted"},
    {ErrorKind::kNotAllowed, "not_allowed"},
    {ErrorKind::kRefused, "refused"},
    {ErrorKind::kServerFailed, "server_failed"},
    {ErrorKind::kInvalid, "invalid"},
    {ErrorKind::kStorage, "storage"},
    {ErrorKind::kTooLarge, "too_large"},
    {ErrorKind::kTooMany, "too_many"},
}};

inline constexpr std::string_view ErrorKindName(ErrorKind kind) {
  for (const auto& [each, name] : kErrorKindNames) {
    if (each == kind) return name;
  }
  return "other";
}

// The kind with this stable name; nullopt for a name no kind has.
inline constexpr std::optional<ErrorKind> ErrorKindFromName(std::string_view name) {
  for (const auto& [kind, each] : kErrorKindNames) {
    if (each == name) return kind;
  }
  return std::nullopt;
}

}  // namespace relay
