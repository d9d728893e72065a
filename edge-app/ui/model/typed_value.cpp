#include "ui/model/typed_value.h"

#include <charconv>

#include "relay/text.h"
#include "relay/validation.h"
#include "ui/model/time_text.h"

namespace relay::edge::ui {
nlohmann::json ValueFromTyped(const FieldSpec& spec, const std::string& typed,
                              const Translations& tr, int64_t now_ms) {
  const std::string text = Trimmed(typed);
  if (text.empty()) return nullptr;
  switch (spec.type) {
    case FieldType::kInteger: {
      int64_t number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error == std::errc() && end == text.data() + text.size()) return number;
      return text;
    }
    case FieldType::kBoolean:
      if (text == "true" || text == tr("value.yes")) return true;
      if (text == "false" || text == tr("value.no")) return false;
      return text;
    case FieldType::kChoice:
      // The words shown for a choice are what a person copies from the screen.
      for (const std::string& choice : spec.choices) {
        if (text == tr("choice." + spec.name + "." + choice)) return choice;
      }
      return text;
    case FieldType::kText:
      if (spec.text_rule == TextRule::kTime) {
        if (auto seconds = TypedTimeSeconds(text, now_ms)) return FormatUtcTime(*seconds);
      }
      return text;
  }
  return text;
}

}  // namespace relay::edge::ui
