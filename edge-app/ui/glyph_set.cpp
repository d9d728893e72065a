#include "ui/glyph_set.h"

namespace relay::edge::ui {

void GlyphSet::Add(char32_t code_point) {
  if (code_points_.insert(code_point).second) ++revision_;
}

void GlyphSet::AddRange(char32_t first, char32_t last) {
  for (char32_t code_point = first; code_point <= last; ++code_point)
    Add(code_point);
}

void GlyphSet::AddText(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
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
      ++i;  // a stray continuation byte or an invalid lead byte
      continue;
    }
    bool valid = i + extra < utf8.size();
    for (size_t k = 1; valid && k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      valid = (next & 0xc0) == 0x80;
      code_point = (code_point << 6) | (next & 0x3f);
    }
    if (!valid) {
      ++i;
      continue;
    }
    // Control characters never reach the screen as glyphs.
    if (code_point >= 0x20) Add(code_point);
    i += extra + 1;
  }
}

void GlyphSet::AddJson(const nlohmann::json& value) {
  if (value.is_string()) {
    AddText(value.get_ref<const std::string&>());
  } else if (value.is_object()) {
    for (const auto& item : value)
      AddJson(item);
  } else if (value.is_array()) {
    for (const auto& item : value)
      AddJson(item);
  }
}

}  // namespace relay::edge::ui
