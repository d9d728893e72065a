#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <imgui.h>

#include "relay/status.h"
#include "ui/model/font_config.h"
#include "ui/model/glyph_set.h"

namespace relay::edge::ui {

// Keeps Dear ImGui's font atlas able to draw every code point of a GlyphSet, from one font file.
class FontLoader {
 public:
  // Reads the font file once; every rebuild of the atlas uses these bytes.
  static Result<std::unique_ptr<FontLoader>> Open(const FontFile& file, float size_px);

  // Adds what every screen needs before any data is seen: Latin, punctuation, and Dear ImGui's
  // list of commonly used Simplified Chinese characters.
  static void AddBaseRanges(GlyphSet& glyphs);

  // Rebuilds the current context's atlas when glyphs has grown since the last build. Call
  // between frames, before NewFrame. True when it rebuilt: the renderer must upload the
  // atlas texture again.
  Result<bool> Update(const GlyphSet& glyphs);

 private:
  FontLoader(FontFile file, float size_px, std::vector<unsigned char> bytes);

  FontFile file_;
  float size_px_;
  std::vector<unsigned char> bytes_;  // the atlas reads glyphs from here; it never owns them
  ImVector<ImWchar> ranges_;          // the atlas points into these until the next rebuild
  bool built_ = false;
  uint64_t built_revision_ = 0;
};

}  // namespace relay::edge::ui
