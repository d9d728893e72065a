#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "relay/edge/http_transport.h"
#include "relay/edge/local_store.h"
#include "relay/status.h"

namespace relay::edge {

// An enrollment code's length and the only characters it uses: no 0, 1, I, L or O, which are
// misheard or misread between a phone call and a keyboard.
inline constexpr size_t kEnrollmentCodeLength = 10;
inline constexpr std::string_view kEnrollmentCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

// The rule a typed enrollment code breaks, as data so a screen can say it in its own language.
struct CodeFault {
  enum class Rule {
    kCharacter,  // it holds `character`, an ASCII one not in the alphabet
    kNotLatin,   // it holds a character beyond ASCII (a Cyrillic К, a full-width Ａ)
    kLength,     // it has `length` characters, not kEnrollmentCodeLength
  };
  Rule rule = Rule::kLength;
  std::string character;
  size_t length = 0;  // of the code without spaces and dashes
};

// The first rule the code breaks once spaces and dashes are dropped and letters upper-cased;
// nullopt when it breaks none.
std::optional<CodeFault> FindCodeFault(const std::string& code);

// The enrollment code as the county office reads it over the phone ("k7qm3 xdpw9"), in its
// one form ("K7QM3XDPW9"): uppercase, without spaces or dashes; or a kInvalid error naming the
// rule (see FindCodeFault).
Result<std::string> NormaliseEnrollmentCode(const std::string& code);

// Trades an enrollment code for this laptop's token at POST /v1/enroll and stores what the
// county granted, replacing an earlier enrollment. Any refusal (a bad code, the server's
// answer, an answer that breaks the protocol, another county database) stores nothing and
// names the field or rule. A code is used up once the server answers, even if the answer
// is lost on the way: then the county office has to give a new one. server_ca_pem is the CA
// the transport checks the server against (see CaForEnrollment), stored with the grant so every
// later request checks it the same way; nullopt keeps the one stored at the last enrollment.
Result<Enrollment> Enroll(LocalStore& store, HttpTransport& transport, const std::string& code,
                          std::optional<std::string> server_ca_pem = std::nullopt);

// Trades the stored token for the next one at POST /v1/rotate and stores it in its place,
// returning it. The server retires the old token only when the new one is first used, so a
// failure here, which stores nothing, leaves the laptop syncing with the old one.
Result<std::string> RotateToken(LocalStore& store, HttpTransport& transport);

}  // namespace relay::edge
