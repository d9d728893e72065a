#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace relay {

// Decodes the code point that starts at text[*pos] and moves *pos past it; nullopt, with
// *pos unchanged, when no valid UTF-8 sequence (shortest form, no surrogate) starts there.
std::optional<char32_t> NextCodePoint(std::string_view text, size_t* pos);

// Number of Unicode code points, or nullopt when text is not valid UTF-8.
std::optional<size_t> Utf8Length(std::string_view text);

// Up to max_chars code points of text as valid UTF-8: invalid bytes become U+FFFD, control
// characters become spaces, and nothing is cut inside a character.
std::string ToDisplayableText(std::string_view text, size_t max_chars);

// text without the spaces, tabs and line breaks around it.
std::string Trimmed(std::string_view text);

}  // namespace relay
