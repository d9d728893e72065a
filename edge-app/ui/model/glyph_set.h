#pragma once

#include <cstdint>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

namespace relay::edge::ui {

// The code points the UI has to draw, gathered from UTF-8 text; its revision grows whenever a
// new one arrives, which is how the font knows it must be rebuilt.
class GlyphSet {
 public:
  void AddRange(char32_t first, char32_t last);
  // Adds the code points of text; bytes that are not valid UTF-8 are skipped.
  void AddText(std::string_view utf8);
  // Adds the code points of every string value inside a JSON value.
  void AddJson(const nlohmann::json& value);

  bool Contains(char32_t code_point) const { return code_points_.count(code_point) > 0; }
  const std::set<char32_t>& code_points() const { return code_points_; }
  uint64_t revision() const { return revision_; }

 private:
  void Add(char32_t code_point);

  std::set<char32_t> code_points_;
  uint64_t revision_ = 0;
};

}  // namespace relay::edge::ui
