#include "ui/model/glyph_set.h"

#include "relay/text.h"

namespace relay::edge::ui {

void GlyphSet::Add(char32_t code_point) {
  if (code_points_.insert(code_point).second) ++revision_;
}

void GlyphSet::AddRange(char32_t first, char32_t last) {
  for (char32_t code_point = first; code_point <= last; ++code_point)
    Add(code_point);
}

void GlyphSet::AddText(std::string_view utf8) {
  for (size_t pos = 0; pos < utf8.size();) {
    const auto code_point = NextCodePoint(utf8, &pos);
    if (!code_point) {
      ++pos;  // a stray or invalid byte has no glyph
      continue;
    }
    // Control characters never reach the screen as glyphs.
    if (*code_point >= 0x20) Add(*code_point);
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
