#pragma once

#include <memory>
#include <vector>

#include "relay/status.h"
#include "ui/model/font_config.h"

namespace relay::edge::ui {

// One glyph as 8-bit coverage, placed relative to the pen on the baseline.
struct GlyphBitmap {
  int width = 0;
  int height = 0;
  int left = 0;  // from the pen to the bitmap's left edge
  int top = 0;   // from the baseline down to the bitmap's top edge (negative above it)
  float advance = 0;
  std::vector<unsigned char> coverage;  // width * height, rows top first
};

// One face of a font file, rasterising single code points with stb_truetype, as Dear ImGui's
// atlas does, so glyphs drawn here look like the ones it draws.
class GlyphFace {
 public:
  // Reads the file; an error names it when it cannot be read or holds no such face.
  static Result<std::unique_ptr<GlyphFace>> Open(const FontFile& file);
  // Over bytes the caller keeps alive for the face's life.
  static Result<std::unique_ptr<GlyphFace>> Over(const std::vector<unsigned char>& bytes,
                                                 const FontFile& file);
  ~GlyphFace();

  bool Has(char32_t code_point) const;
  // The pixels per em Dear ImGui's atlas gives this face at size_px.
  float EmPixels(float size_px) const;
  // The ascent, in pixels, Dear ImGui's atlas gives this face at size_px.
  float Ascent(float size_px) const;
  // code_point drawn with em_px pixels per em; an empty bitmap when the face lacks it.
  GlyphBitmap Render(char32_t code_point, float em_px) const;

 private:
  struct Info;
  GlyphFace(std::vector<unsigned char> owned, std::unique_ptr<Info> info);

  std::vector<unsigned char> owned_;  // the file's bytes when opened here
  std::unique_ptr<Info> info_;
};

// A hollow box one em high for a character no font can draw, so it shows and is not mistaken
// for a space.
GlyphBitmap MissingGlyphBox(float em_px);

}  // namespace relay::edge::ui
