#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace relay {

// Makes RFC 9562 UUIDv7 strings: 48 bits of Unix milliseconds, then random bits.
// The random source is injectable so tests are reproducible.
class UuidV7Generator {
 public:
  using RandomSource = std::function<uint64_t()>;
  UuidV7Generator();
  explicit UuidV7Generator(RandomSource random) : random_(std::move(random)) {}

  std::string Next(int64_t unix_ms);

 private:
  RandomSource random_;
};

// True when text is a lowercase canonical UUID (8-4-4-4-12 hex digits) of version 7.
bool IsUuidV7(std::string_view text);

}  // namespace relay
