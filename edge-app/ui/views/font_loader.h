#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include <imgui.h>

#include "relay/status.h"
#include "ui/model/font_config.h"
#include "ui/model/glyph_set.h"
#include "ui/views/glyph_raster.h"

namespace relay::edge::ui {

// Keeps Dear ImGui's font atlas able to draw every code point of a GlyphSet, from one font file;
// code points this Dear ImGui cannot hold (beyond U+FFFF) get their glyph, from that file or a
// fallback face, at the code point SessionTextMap() shows them as, or a box when none has it.
class FontLoader {
 public:
  // Reads the font file once; every rebuild of the atlas uses these bytes. Fallback files are
  // read only while glyphs beyond U+FFFF are first drawn; those that cannot be read are skipped.
  static Result<std::unique_ptr<FontLoader>> Open(const FontFile& file, float size_px,
                                                  std::vector<FontFile> fallbacks = {});

  // Adds what every screen needs before any data is seen: Latin, punctuation, and Dear ImGui's
  // list of commonly used Simplified Chinese characters.
  static void AddBaseRanges(GlyphSet& glyphs);

  // Rebuilds the current context's atlas when glyphs has grown since the last build. Call
  // between frames, before NewFrame. True when it rebuilt: the renderer must upload the
  // atlas texture again.
  Result<bool> Update(const GlyphSet& glyphs);

 private:
  FontLoader(FontFile file, float size_px, std::vector<unsigned char> bytes,
             std::vector<FontFile> fallbacks);
  // code_point's glyph from the first face that has it, at the main face's em size.
  GlyphBitmap RenderMapped(char32_t code_point);
  // The glyph of each code point beyond U+FFFF, rendered once: the fallback files (tens of
  // megabytes) are read only while a new one is rendered, so they never stay in memory.
  const GlyphBitmap& MappedGlyph(char32_t code_point);

  FontFile file_;
  float size_px_;
  std::vector<unsigned char> bytes_;  // the atlas reads glyphs from here; it never owns them
  std::unique_ptr<GlyphFace> face_;   // over bytes_
  std::vector<FontFile> fallback_files_;
  bool fallbacks_opened_ = false;
  std::vector<std::unique_ptr<GlyphFace>> fallbacks_;
  std::map<char32_t, GlyphBitmap> mapped_glyphs_;
  ImVector<ImWchar> ranges_;  // the atlas points into these until the next rebuild
  bool built_ = false;
  uint64_t built_revision_ = 0;
};

}  // namespace relay::edge::ui
