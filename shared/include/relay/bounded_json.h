#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "relay/status.h"

namespace relay {

// How deep a body of the protocol may nest arrays and objects. Its deepest bodies nest 3 (a
// push or pull: the body, its "changes" array, one change); 8 leaves room for members a later
// release adds, which readers ignore.
inline constexpr int kMaxJsonDepth = 8;

// Parses text as JSON, refusing (kInvalid, the message naming the rule) text that nests arrays
// and objects deeper than max_depth before anything of it is built, so a small body cannot
// cost a large document; and text that is not JSON or not UTF-8.
Result<nlohmann::json> ParseJsonWithin(std::string_view text, int max_depth);

}  // namespace relay
