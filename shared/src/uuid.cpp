#include "relay/uuid.h"

#include <array>
#include <memory>
#include <random>

namespace relay {

UuidV7Generator::UuidV7Generator() {
  std::random_device entropy;
  std::seed_seq seed{entropy(), entropy(), entropy(), entropy(),
                     entropy(), entropy(), entropy(), entropy()};
  auto engine = std::make_shared<std::mt19937_64>(seed);
  random_ = [engine] { return (*engine)(); };
}

std::string UuidV7Generator::Next(int64_t unix_ms) {
  std::array<uint8_t, 16> bytes{};
  const auto ms = static_cast<uint64_t>(unix_ms);
  for (int i = 0; i < 6; ++i) {
    bytes[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  }
  const uint64_t high = random_();
  const uint64_t low = random_();
  for (int i = 6; i < 16; ++i) {
    const uint64_t source = i < 11 ? high : low;
    bytes[i] = static_cast<uint8_t>(source >> (8 * (i % 8)));
  }
  bytes[6] = static_cast<uint8_t>(0x70 | (bytes[6] & 0x0f));  // version 7
  bytes[8] = static_cast<uint8_t>(0x80 | (bytes[8] & 0x3f));  // RFC 4122 variant

  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[bytes[i] >> 4]);
    text.push_back(kHex[bytes[i] & 0x0f]);
  }
  return text;
}

bool IsUuidV7(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  const char variant = text[19];
  return text[14] == '7' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

}  // namespace relay
