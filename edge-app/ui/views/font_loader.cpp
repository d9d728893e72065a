#include "ui/views/font_loader.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

// A glyph drawn into the atlas by hand, at the custom rectangle Dear ImGui packed for it.
struct CustomGlyph {
  int rect;
  const GlyphBitmap* bitmap;
};

void CopyIntoAtlas(ImFontAtlas& atlas, const std::vector<CustomGlyph>& glyphs) {
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
  for (const CustomGlyph& glyph : glyphs) {
    const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(glyph.rect);
    const GlyphBitmap& bitmap = *glyph.bitmap;
    for (int row = 0; row < bitmap.height; ++row) {
      std::memcpy(pixels + static_cast<size_t>(rect->Y + row) * width + rect->X,
                  bitmap.coverage.data() + static_cast<size_t>(row) * bitmap.width,
                  static_cast<size_t>(bitmap.width));
    }
  }
}

}  // namespace

FontLoader::FontLoader(FontFile file, float size_px, std::vector<unsigned char> bytes,
                       std::vector<FontFile> fallbacks)
    : file_(std::move(file)),
      size_px_(size_px),
      bytes_(std::move(bytes)),
      fallback_files_(std::move(fallbacks)) {}

Result<std::unique_ptr<FontLoader>> FontLoader::Open(const FontFile& file, float size_px,
                                                     std::vector<FontFile> fallbacks) {
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return Status::Error("cannot read font " + file.path);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  if (bytes.empty()) return Status::Error("font " + file.path + " is empty");
  std::unique_ptr<FontLoader> loader(
      new FontLoader(file, size_px, std::move(bytes), std::move(fallbacks)));
  auto face = GlyphFace::Over(loader->bytes_, file);
  if (!face.ok()) return face.status();
  loader->face_ = std::move(face).value();
  return loader;
}

void FontLoader::AddBaseRanges(GlyphSet& glyphs) {
  const ImWchar* ranges = ImGui::GetIO().Fonts->GetGlyphRangesChineseSimplifiedCommon();
  for (; ranges[0] != 0; ranges += 2)
    glyphs.AddRange(ranges[0], ranges[1]);
}

GlyphBitmap FontLoader::RenderMapped(char32_t code_point) {
  const float em_px = face_->EmPixels(size_px_);
  if (face_->Has(code_point)) return face_->Render(code_point, em_px);
  if (!fallbacks_opened_) {
    fallbacks_opened_ = true;
    for (const FontFile& file : fallback_files_) {
      if (auto face = GlyphFace::Open(file); face.ok())
        fallbacks_.push_back(std::move(face).value());
    }
  }
  for (const auto& face : fallbacks_) {
    // At the main face's em size, so a rare character is as large as the common ones beside it.
    if (face->Has(code_point)) return face->Render(code_point, em_px);
  }
  return MissingGlyphBox(em_px);
}

const GlyphBitmap& FontLoader::MappedGlyph(char32_t code_point) {
  auto found = mapped_glyphs_.find(code_point);
  if (found == mapped_glyphs_.end()) {
    found = mapped_glyphs_.emplace(code_point, RenderMapped(code_point)).first;
  }
  return found->second;
}

Result<bool> FontLoader::Update(const GlyphSet& glyphs) {
  if (built_ && glyphs.revision() == built_revision_) return false;

  ImFontGlyphRangesBuilder builder;
  std::vector<char32_t> mapped;
  for (char32_t code_point : glyphs.code_points()) {
    // This Dear ImGui build stores characters in 16 bits: the rest are drawn by hand below.
    if (ShownTextMap::NeedsMapping(code_point)) {
      mapped.push_back(code_point);
    } else {
      builder.AddChar(static_cast<ImWchar>(code_point));
    }
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
  ImFont* font = atlas.AddFontFromMemoryTTF(bytes_.data(), static_cast<int>(bytes_.size()),
                                            size_px_, &config, ranges_.Data);
  const Status failed = Status::Error("cannot build a font from " + file_.path + " (face " +
                                      std::to_string(file_.index) + ")");
  if (!font) return failed;
  const float ascent = face_->Ascent(size_px_);
  std::vector<CustomGlyph> custom;
  for (char32_t code_point : mapped) {
    const auto shown = SessionTextMap().ShownCodePoint(code_point);
    if (!shown) continue;  // no room left in the block: the text shows U+FFFD there
    const GlyphBitmap& bitmap = MappedGlyph(code_point);
    const int rect = atlas.AddCustomRectFontGlyph(
        font, static_cast<ImWchar>(*shown), std::max(bitmap.width, 1), std::max(bitmap.height, 1),
        bitmap.advance,
        ImVec2(static_cast<float>(bitmap.left), ascent + static_cast<float>(bitmap.top)));
    custom.push_back({rect, &bitmap});
  }
  fallbacks_.clear();
  fallbacks_opened_ = false;
  if (!atlas.Build()) return failed;
  CopyIntoAtlas(atlas, custom);
  built_ = true;
  built_revision_ = glyphs.revision();
  return true;
}

}  // namespace relay::edge::ui
