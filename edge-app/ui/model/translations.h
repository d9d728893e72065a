#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "relay/status.h"
#include "ui/model/options.h"

namespace relay::edge::ui {

// The UI strings of one language, from a flat JSON object of key to text; a key with no
// text shows as the key itself, so a gap is visible on screen instead of blank.
class Translations {
 public:
  // Reads <assets>/i18n/zh-CN.json or en.json.
  static Result<Translations> Load(const std::filesystem::path& assets_dir, Language language);
  // Parses the JSON text of one translation file.
  static Result<Translations> Parse(const std::string& json_text);

  bool Has(std::string_view key) const;
  // The text for key, or key itself; the pointer stays valid as long as this object.
  const char* operator()(std::string_view key) const;
  // The text for key with every "{name}" replaced by its value.
  std::string Format(std::string_view key,
                     std::initializer_list<std::pair<std::string_view, std::string>> values) const;

  std::vector<std::string> Keys() const;
  // Every text, for collecting the glyphs the font must hold.
  std::vector<std::string> Texts() const;

 private:
  std::map<std::string, std::string, std::less<>> texts_;
  // Keys asked for but missing, kept so the pointer handed out for them stays valid.
  mutable std::map<std::string, std::string, std::less<>> missing_;
};

// The file name of a language's translations under <assets>/i18n.
const char* TranslationFile(Language language);

}  // namespace relay::edge::ui
