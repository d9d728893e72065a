#include "relay/bounded_json.h"

namespace relay {
namespace {

// True when some array or object of text, read as JSON, opens more than max_depth deep. One
// pass over the bytes, no allocation: brackets inside strings do not count. For text that is
// not JSON the answer means nothing, and the parser refuses it anyway.
bool NestsDeeperThan(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, a quote perhaps, does not end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

Result<nlohmann::json> ParseJsonWithin(std::string_view text, int max_depth) {
  if (NestsDeeperThan(text, max_depth)) {
    return Status::Error(ErrorKind::kInvalid, "body: must not nest arrays and objects more than " +
                                                  std::to_string(max_depth) + " deep");
  }
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return Status::Error(ErrorKind::kInvalid, "body: is not valid JSON (or not UTF-8)");
  }
  return document;
}

}  // namespace relay
