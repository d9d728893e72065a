#include "ui/views/font_loader.h"

#include <fstream>
#include <iterator>

namespace relay::edge::ui {

FontLoader::FontLoader(FontFile file, float size_px, std::vector<unsigned char> bytes)
    : file_(std::move(file)), size_px_(size_px), bytes_(std::move(bytes)) {}

Result<std::unique_ptr<FontLoader>> FontLoader::Open(const FontFile& file, float size_px) {
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return Status::Error("cannot read font " + file.path);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  if (bytes.empty()) return Status::Error("font " + file.path + " is empty");
  return std::unique_ptr<FontLoader>(new FontLoader(file, size_px, std::move(bytes)));
}

void FontLoader::AddBaseRanges(GlyphSet& glyphs) {
  const ImWchar* ranges = ImGui::GetIO().Fonts->GetGlyphRangesChineseSimplifiedCommon();
  for (; ranges[0] != 0; ranges += 2)
    glyphs.AddRange(ranges[0], ranges[1]);
}

Result<bool> FontLoader::Update(const GlyphSet& glyphs) {
  if (built_ && glyphs.revision() == built_revision_) return false;

  ImFontGlyphRangesBuilder builder;
  for (char32_t code_point : glyphs.code_points()) {
    // This Dear ImGui build stores characters in 16 bits, so only the Basic Multilingual
    // Plane can be drawn; rarer characters fall back to the font's replacement glyph.
    if (code_point <= IM_UNICODE_CODEPOINT_MAX) builder.AddChar(static_cast<ImWchar>(code_point));
  }
  ImFontConfig config;
  config.FontNo = file_.index;
  config.FontDataOwnedByAtlas = false;
  // One sample per pixel keeps an atlas of thousands of CJK glyphs small; snapping keeps the
  // strokes crisp at the integer sizes the UI uses.
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;

  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  atlas.Clear();  // drops the atlas's pointers into ranges_ before they are rewritten
  ranges_.clear();
  builder.BuildRanges(&ranges_);
  if (!atlas.AddFontFromMemoryTTF(bytes_.data(), static_cast<int>(bytes_.size()), size_px_, &config,
                                  ranges_.Data) ||
      !atlas.Build()) {
    return Status::Error("cannot build a font from " + file_.path + " (face " +
                         std::to_string(file_.index) + ")");
  }
  built_ = true;
  built_revision_ = glyphs.revision();
  return true;
}

}  // namespace relay::edge::ui
