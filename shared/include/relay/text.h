#pragma once

#include <string>

namespace relay {

// Up to max_chars code points of text as valid UTF-8: invalid bytes become U+FFFD, control
// characters become spaces, and nothing is cut inside a character.
std::string ToDisplayableText(const std::string& text, size_t max_chars);

}  // namespace relay
