#pragma once

#include <optional>
#include <string>

#include "relay/status.h"
#include "relay/validation.h"

namespace relay::edge {

// PBKDF2-HMAC-SHA256 rounds for a new PIN: about a tenth of a second on a clinic laptop, so
// signing in does not drag while each guess at a copied hash still costs that much.
inline constexpr int kPinIterations = 200'000;

// A PIN as the laptop keeps it: never the PIN, only a salted hash.
struct PinHash {
  std::string salt;  // 16 random bytes, hex
  std::string hash;  // 32 bytes of PBKDF2-HMAC-SHA256 output, hex
  int iterations = kPinIterations;
};

// The form rule of a PIN: 4 to 8 digits. An error names the field "pin" and the rule.
std::optional<FieldError> CheckPinForm(const std::string& pin);
// Hashes a PIN with a fresh random salt; fails only when the system's random source does.
Result<PinHash> HashPin(const std::string& pin, int iterations = kPinIterations);
// True when pin is the one stored; compares in constant time.
bool PinMatches(const PinHash& stored, const std::string& pin);

}  // namespace relay::edge
