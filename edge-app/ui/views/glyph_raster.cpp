#include "ui/views/glyph_raster.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include <stb_truetype.h>

namespace relay::edge::ui {

struct GlyphFace::Info {
  stbtt_fontinfo font;
};

GlyphFace::GlyphFace(std::vector<unsigned char> owned, std::unique_ptr<Info> info)
    : owned_(std::move(owned)), info_(std::move(info)) {}

GlyphFace::~GlyphFace() = default;

Result<std::unique_ptr<GlyphFace>> GlyphFace::Open(const FontFile& file) {
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return Status::Error("cannot read font " + file.path);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  auto face = Over(bytes, file);
  if (!face.ok()) return face.status();
  // The bytes move with the vector's buffer, so the face's pointers into them stay valid.
  face.value()->owned_ = std::move(bytes);
  return face;
}

Result<std::unique_ptr<GlyphFace>> GlyphFace::Over(const std::vector<unsigned char>& bytes,
                                                   const FontFile& file) {
  const int offset = stbtt_GetFontOffsetForIndex(bytes.data(), file.index);
  auto info = std::make_unique<Info>();
  if (bytes.empty() || offset < 0 || !stbtt_InitFont(&info->font, bytes.data(), offset)) {
    return Status::Error("font " + file.path + " has no face " + std::to_string(file.index));
  }
  return std::unique_ptr<GlyphFace>(new GlyphFace({}, std::move(info)));
}

bool GlyphFace::Has(char32_t code_point) const {
  return stbtt_FindGlyphIndex(&info_->font, static_cast<int>(code_point)) != 0;
}

float GlyphFace::EmPixels(float size_px) const {
  // Dear ImGui scales a face so that its ascent to descent spans size_px.
  return stbtt_ScaleForPixelHeight(&info_->font, size_px) /
         stbtt_ScaleForMappingEmToPixels(&info_->font, 1.0f);
}

float GlyphFace::Ascent(float size_px) const {
  int ascent = 0, descent = 0, line_gap = 0;
  stbtt_GetFontVMetrics(&info_->font, &ascent, &descent, &line_gap);
  // As Dear ImGui 1.86 computes ImFont::Ascent.
  const float scaled =
      static_cast<float>(ascent) * stbtt_ScaleForPixelHeight(&info_->font, size_px);
  return std::floor(scaled + (ascent > 0 ? 1.0f : -1.0f));
}

GlyphBitmap GlyphFace::Render(char32_t code_point, float em_px) const {
  GlyphBitmap bitmap;
  const int glyph = stbtt_FindGlyphIndex(&info_->font, static_cast<int>(code_point));
  if (glyph == 0) return bitmap;
  const float scale = stbtt_ScaleForMappingEmToPixels(&info_->font, em_px);
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  stbtt_GetGlyphBitmapBox(&info_->font, glyph, scale, scale, &x0, &y0, &x1, &y1);
  bitmap.width = x1 - x0;
  bitmap.height = y1 - y0;
  bitmap.left = x0;
  bitmap.top = y0;
  bitmap.coverage.assign(static_cast<size_t>(bitmap.width) * bitmap.height, 0);
  if (!bitmap.coverage.empty()) {
    stbtt_MakeGlyphBitmap(&info_->font, bitmap.coverage.data(), bitmap.width, bitmap.height,
                          bitmap.width, scale, scale, glyph);
  }
  int advance = 0, left_bearing = 0;
  stbtt_GetGlyphHMetrics(&info_->font, glyph, &advance, &left_bearing);
  bitmap.advance = std::round(static_cast<float>(advance) * scale);
  return bitmap;
}

GlyphBitmap MissingGlyphBox(float em_px) {
  GlyphBitmap box;
  box.width = std::max(4, static_cast<int>(em_px * 0.7f));
  box.height = std::max(6, static_cast<int>(em_px * 0.9f));
  box.advance = std::round(em_px);
  box.left = static_cast<int>((box.advance - static_cast<float>(box.width)) / 2);
  box.top = -static_cast<int>(em_px * 0.8f);
  box.coverage.assign(static_cast<size_t>(box.width) * box.height, 0);
  for (int y = 0; y < box.height; ++y) {
    for (int x = 0; x < box.width; ++x) {
      const bool edge = x == 0 || y == 0 || x == box.width - 1 || y == box.height - 1;
      if (edge) box.coverage[static_cast<size_t>(y) * box.width + x] = 255;
    }
  }
  return box;
}

}  // namespace relay::edge::ui
