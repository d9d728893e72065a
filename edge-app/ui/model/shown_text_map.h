#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace relay::edge::ui {

// A reversible map between stored UTF-8 and the text Dear ImGui is given. This Dear ImGui keeps
// characters in 16 bits, so every code point it cannot keep — beyond U+FFFF, U+0000, and any
// real one of the Private Use block the map uses — and every byte that is not valid UTF-8 is
// shown as a code point of that block, allocated on first sight and kept for the map's life.
// Store(Show(s)) == s for every byte string s while the block has room.
class ShownTextMap {
 public:
  // The Basic Multilingual Plane's Private Use Area: no character is ever assigned there, and
  // Dear ImGui draws from it whatever glyph the font atlas puts there.
  static constexpr char32_t kFirst = 0xE000;
  static constexpr char32_t kLast = 0xF8FF;

  // True when code_point cannot reach Dear ImGui as itself.
  static bool NeedsMapping(char32_t code_point);

  // stored as Dear ImGui must be given it. Once the block is full, what has no room shows as
  // U+FFFD, and Store(Show(stored)) != stored tells the caller not to let it be edited.
  std::string Show(std::string_view stored);
  // The stored text that shown stands for.
  std::string Store(std::string_view shown) const;

  // The code point stored_code_point is shown as, allocated now if it is new; nullopt when the
  // block is full. Code points that need no mapping are shown as themselves.
  std::optional<char32_t> ShownCodePoint(char32_t stored_code_point);
  // How many code points of the block are taken.
  size_t allocated() const { return stored_.size(); }

 private:
  // A stored unit: a code point, or kRawByte + a byte that is not valid UTF-8.
  static constexpr char32_t kRawByte = 0x110000;
  std::optional<char32_t> Slot(char32_t unit);

  std::unordered_map<char32_t, char32_t> slots_;  // stored unit → shown code point
  std::vector<char32_t> stored_;                  // shown code point - kFirst → stored unit
};

// Appends code_point's UTF-8 encoding to out.
void AppendUtf8(char32_t code_point, std::string& out);

}  // namespace relay::edge::ui
