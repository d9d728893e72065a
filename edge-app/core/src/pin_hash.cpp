#include "relay/edge/pin_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <vector>

namespace relay::edge {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

std::string Hex(const std::vector<unsigned char>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (unsigned char byte : bytes) {
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0x0f]);
  }
  return text;
}

// The derived key as hex; "" when OpenSSL fails (which then matches no stored hash).
std::string Derive(const std::string& pin, const std::string& salt_hex, int iterations) {
  std::vector<unsigned char> out(kHashBytes);
  if (PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()),
                        reinterpret_cast<const unsigned char*>(salt_hex.data()),
                        static_cast<int>(salt_hex.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    return "";
  }
  return Hex(out);
}

}  // namespace

std::optional<FieldError> CheckPinForm(const std::string& pin) {
  const bool digits =
      std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (pin.size() < 4 || pin.size() > 8 || !digits) {
    return FieldError{"pin", "pin_digits", "must be 4 to 8 digits"};
  }
  return std::nullopt;
}

Result<PinHash> HashPin(const std::string& pin, int iterations) {
  std::vector<unsigned char> salt(kSaltBytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    return Status::Error("the system's random source failed");
  }
  PinHash stored;
  stored.salt = Hex(salt);
  stored.iterations = iterations;
  stored.hash = Derive(pin, stored.salt, iterations);
  if (stored.hash.empty()) return Status::Error("the PIN could not be hashed");
  return stored;
}

bool PinMatches(const PinHash& stored, const std::string& pin) {
  if (stored.iterations < 1 || stored.hash.empty()) return false;
  const std::string derived = Derive(pin, stored.salt, stored.iterations);
  return derived.size() == stored.hash.size() &&
         CRYPTO_memcmp(derived.data(), stored.hash.data(), derived.size()) == 0;
}

}  // namespace relay::edge
