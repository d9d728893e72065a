#include "ui/model/font_config.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace relay::edge::ui {

namespace {

// The list of font files under key; an error names the key and the rule broken.
Result<std::vector<FontFile>> ParseFontFiles(const nlohmann::json& list, const std::string& key) {
  if (!list.is_array()) {
    return Status::Error(key + " must be a list of {\"path\", \"index\"}");
  }
  std::vector<FontFile> files;
  for (const auto& entry : list) {
    if (!entry.is_object() || !entry.contains("path") || !entry["path"].is_string()) {
      return Status::Error("every entry of " + key + " needs a \"path\"");
    }
    FontFile file;
    file.path = entry["path"].get<std::string>();
    if (entry.contains("index")) {
      if (!entry["index"].is_number_integer() || entry["index"].get<int>() < 0) {
        return Status::Error("\"index\" of " + file.path + " must be a whole number >= 0");
      }
      file.index = entry["index"].get<int>();
    }
    if (entry.contains("package") && entry["package"].is_string()) {
      file.package = entry["package"].get<std::string>();
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace

Result<FontConfig> ParseFontConfig(const std::string& json_text) {
  const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Status::Error("must be a JSON object");
  FontConfig config;
  if (json.contains("size_px")) {
    if (!json["size_px"].is_number() || json["size_px"].get<double>() < 8 ||
        json["size_px"].get<double>() > 64) {
      return Status::Error("size_px must be a number from 8 to 64");
    }
    config.size_px = json["size_px"].get<float>();
  }
  auto candidates = ParseFontFiles(json.value("candidates", nlohmann::json()), "candidates");
  if (!candidates.ok()) return candidates.status();
  config.candidates = std::move(candidates).value();
  if (json.contains("fallbacks")) {
    auto fallbacks = ParseFontFiles(json["fallbacks"], "fallbacks");
    if (!fallbacks.ok()) return fallbacks.status();
    config.fallbacks = std::move(fallbacks).value();
  }
  return config;
}

Result<FontConfig> LoadFontConfig(const std::filesystem::path& assets_dir) {
  const auto path = assets_dir / "fonts.json";
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::Error("cannot read font list " + path.string());
  std::ostringstream text;
  text << file.rdbuf();
  auto config = ParseFontConfig(text.str());
  if (!config.ok()) return Status::Error(path.string() + ": " + config.status().message());
  for (auto* files : {&config.value().candidates, &config.value().fallbacks}) {
    for (auto& file : *files) {
      if (std::filesystem::path(file.path).is_relative()) {
        file.path = (assets_dir / file.path).string();
      }
    }
  }
  return config;
}

Result<FontFile> PickFont(const FontConfig& config,
                          const std::function<bool(const std::string&)>& exists) {
  std::string tried;
  std::string packages;
  for (const auto& candidate : config.candidates) {
    if (exists(candidate.path)) return candidate;
    tried += (tried.empty() ? "" : ", ") + candidate.path;
    if (!candidate.package.empty()) {
      packages += (packages.empty() ? "" : " or ") + candidate.package;
    }
  }
  std::string message = "no Chinese font found (tried " + (tried.empty() ? "nothing" : tried) + ")";
  if (!packages.empty()) message += "; install " + packages;
  return Status::Error(message);
}

}  // namespace relay::edge::ui
