#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "relay/status.h"

namespace relay::edge::ui {

// One font file that can draw Simplified Chinese; index picks the face inside a collection.
struct FontFile {
  std::string path;
  int index = 0;
  std::string package;  // the Debian package that installs it, for the error message
};

// assets/fonts.json: the pixel size and the font files to try, best first.
struct FontConfig {
  float size_px = 18.0f;
  std::vector<FontFile> candidates;
  // Faces that draw, beyond U+FFFF, what the picked font cannot (rare CJK characters in names,
  // symbols), tried in order; those not installed are skipped.
  std::vector<FontFile> fallbacks;
};

// Reads <assets>/fonts.json; relative font paths are taken relative to the assets directory.
Result<FontConfig> LoadFontConfig(const std::filesystem::path& assets_dir);
Result<FontConfig> ParseFontConfig(const std::string& json_text);

// The first candidate for which exists() is true, or an error naming every path tried.
Result<FontFile> PickFont(const FontConfig& config,
                          const std::function<bool(const std::string&)>& exists);

}  // namespace relay::edge::ui
