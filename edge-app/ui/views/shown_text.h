#pragma once

#include <string>
#include <string_view>

#include "ui/model/shown_text_map.h"

namespace relay::edge::ui {

// The one map between stored text and the text Dear ImGui is given, for the whole process:
// Dear ImGui's context, its clipboard hooks and the keys typed into it are process-wide too.
ShownTextMap& SessionTextMap();

// Stored text (a record's value, a label made from records) as Dear ImGui must draw it, so that
// characters beyond U+FFFF show their own glyph instead of U+FFFD.
inline std::string Shown(std::string_view stored) {
  return SessionTextMap().Show(stored);
}

}  // namespace relay::edge::ui
