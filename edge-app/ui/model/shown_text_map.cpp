#include "ui/model/shown_text_map.h"

#include "relay/text.h"

namespace relay::edge::ui {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

}  // namespace

void AppendUtf8(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

bool ShownTextMap::NeedsMapping(char32_t code_point) {
  return code_point == 0 || code_point > 0xFFFF || (code_point >= kFirst && code_point <= kLast);
}

std::optional<char32_t> ShownTextMap::Slot(char32_t unit) {
  if (const auto found = slots_.find(unit); found != slots_.end()) return found->second;
  if (stored_.size() > kLast - kFirst) return std::nullopt;
  const char32_t slot = kFirst + static_cast<char32_t>(stored_.size());
  slots_.emplace(unit, slot);
  stored_.push_back(unit);
  return slot;
}

std::optional<char32_t> ShownTextMap::ShownCodePoint(char32_t stored_code_point) {
  if (!NeedsMapping(stored_code_point)) return stored_code_point;
  return Slot(stored_code_point);
}

std::string ShownTextMap::Show(std::string_view stored) {
  std::string shown;
  shown.reserve(stored.size());
  for (size_t pos = 0; pos < stored.size();) {
    const size_t start = pos;
    const auto code_point = NextCodePoint(stored, &pos);
    char32_t unit;
    if (!code_point) {
      unit = kRawByte + static_cast<unsigned char>(stored[pos++]);
    } else if (!NeedsMapping(*code_point)) {
      shown.append(stored.substr(start, pos - start));
      continue;
    } else {
      unit = *code_point;
    }
    AppendUtf8(Slot(unit).value_or(kReplacement), shown);
  }
  return shown;
}

std::string ShownTextMap::Store(std::string_view shown) const {
  std::string stored;
  stored.reserve(shown.size());
  for (size_t pos = 0; pos < shown.size();) {
    const size_t start = pos;
    const auto code_point = NextCodePoint(shown, &pos);
    if (!code_point) {
      stored.push_back(shown[pos++]);  // Dear ImGui never makes these; kept as they came
      continue;
    }
    const size_t index = *code_point - kFirst;
    if (*code_point < kFirst || *code_point > kLast || index >= stored_.size()) {
      stored.append(shown.substr(start, pos - start));
    } else if (stored_[index] >= kRawByte) {
      stored.push_back(static_cast<char>(stored_[index] - kRawByte));
    } else {
      AppendUtf8(stored_[index], stored);
    }
  }
  return stored;
}

}  // namespace relay::edge::ui
