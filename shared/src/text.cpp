#include "relay/text.h"

namespace relay {

std::optional<char32_t> NextCodePoint(std::string_view text, size_t* pos) {
  const size_t start = *pos;
  if (start >= text.size()) return std::nullopt;
  const auto lead = static_cast<unsigned char>(text[start]);
  size_t extra;
  char32_t code_point;
  if (lead < 0x80) {
    extra = 0;
    code_point = lead;
  } else if ((lead & 0xe0) == 0xc0) {
    extra = 1;
    code_point = lead & 0x1f;
  } else if ((lead & 0xf0) == 0xe0) {
    extra = 2;
    code_point = lead & 0x0f;
  } else if ((lead & 0xf8) == 0xf0) {
    extra = 3;
    code_point = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (start + extra >= text.size() && extra > 0) return std::nullopt;  // truncated
  for (size_t k = 1; k <= extra; ++k) {
    const auto next = static_cast<unsigned char>(text[start + k]);
    if ((next & 0xc0) != 0x80) return std::nullopt;
    code_point = (code_point << 6) | (next & 0x3f);
  }
  static constexpr char32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
  if (code_point < kSmallest[extra] || code_point > 0x10ffff ||
      (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return std::nullopt;
  }
  *pos = start + extra + 1;
  return code_point;
}

std::optional<size_t> Utf8Length(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) {
    if (!NextCodePoint(text, &pos)) return std::nullopt;
  }
  return count;
}

std::string ToDisplayableText(std::string_view text, size_t max_chars) {
  std::string shown;
  size_t pos = 0;
  for (size_t chars = 0; pos < text.size() && chars < max_chars; ++chars) {
    const size_t start = pos;
    const auto code_point = NextCodePoint(text, &pos);
    if (!code_point) {
      shown += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++pos;
    } else if (*code_point < 0x20) {
      shown.push_back(' ');
    } else {
      shown.append(text.substr(start, pos - start));
    }
  }
  return shown;
}

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace relay
