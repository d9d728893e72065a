#include "relay/text.h"

#include "relay/validation.h"

namespace relay {
namespace {

// The length of the UTF-8 sequence that starts text[i] if it is valid, else 0.
size_t ValidSequenceLength(const std::string& text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const size_t length = lead < 0x80             ? 1
                        : (lead & 0xe0) == 0xc0 ? 2
                        : (lead & 0xf0) == 0xe0 ? 3
                        : (lead & 0xf8) == 0xf0 ? 4
                                                : 0;
  if (length == 0 || i + length > text.size()) return 0;
  return Utf8Length(text.substr(i, length)) == 1u ? length : 0;
}

}  // namespace

std::string ToDisplayableText(const std::string& text, size_t max_chars) {
  std::string shown;
  size_t chars = 0;
  for (size_t i = 0; i < text.size() && chars < max_chars; ++chars) {
    const size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      shown += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else if (length == 1 && static_cast<unsigned char>(text[i]) < 0x20) {
      shown.push_back(' ');
      ++i;
    } else {
      shown.append(text, i, length);
      i += length;
    }
  }
  return shown;
}

}  // namespace relay
