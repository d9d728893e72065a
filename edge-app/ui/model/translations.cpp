#include "ui/model/translations.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace relay::edge::ui {

const char* TranslationFile(Language language) {
  return language == Language::kZh ? "zh-CN.json" : "en.json";
}

Result<Translations> Translations::Load(const std::filesystem::path& assets_dir,
                                        Language language) {
  const auto path = assets_dir / "i18n" / TranslationFile(language);
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::Error("cannot read translations " + path.string());
  std::ostringstream text;
  text << file.rdbuf();
  auto parsed = Parse(text.str());
  if (!parsed.ok()) return Status::Error(path.string() + ": " + parsed.status().message());
  return parsed;
}

Result<Translations> Translations::Parse(const std::string& json_text) {
  const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Status::Error("must be one JSON object of key to text");
  }
  Translations translations;
  for (const auto& [key, text] : json.items()) {
    if (!text.is_string()) return Status::Error("the value of \"" + key + "\" must be text");
    translations.texts_.emplace(key, text.get<std::string>());
  }
  return translations;
}

bool Translations::Has(std::string_view key) const {
  return texts_.find(key) != texts_.end();
}

const char* Translations::operator()(std::string_view key) const {
  if (auto found = texts_.find(key); found != texts_.end()) return found->second.c_str();
  auto missing = missing_.find(key);
  if (missing == missing_.end()) missing = missing_.emplace(key, std::string(key)).first;
  return missing->second.c_str();
}

std::string Translations::Format(
    std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string>> values) const {
  std::string text = (*this)(key);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

std::vector<std::string> Translations::Keys() const {
  std::vector<std::string> keys;
  for (const auto& entry : texts_)
    keys.push_back(entry.first);
  return keys;
}

std::vector<std::string> Translations::Texts() const {
  std::vector<std::string> texts;
  for (const auto& entry : texts_)
    texts.push_back(entry.second);
  return texts;
}

}  // namespace relay::edge::ui
