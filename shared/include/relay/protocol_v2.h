#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "relay/protocol.h"
#include "relay/status.h"

namespace relay {

// Protocol 2's bodies (docs/protocol.md §5): the changes of a push or of a pull page grouped
// into rows, a row being a run of one record's fields written at one stamp, and the rows into a
// block per table whose values travel in columns, so a record's id and stamp are sent once and
// like values sit together for the compressor.
inline constexpr int kProtocolVersion2 = 2;

// Rows whose first change is at `changes[i]` span the run of later changes that share its
// table, record, stamp, person and seen, follow it in field name order and (for a push) in
// sequence numbers without gaps.
std::string EncodePushRequestV2(const PushRequest& request);
// Decodes and validates a parsed push body of protocol 2; the error names the member path and
// the rule. Changes come out in sequence order; the values move out of the document.
Result<PushRequest> DecodePushRequestV2(nlohmann::json&& document, size_t max_changes);

// The page's entries carry no cursor of their own on the wire; decoded, each holds the page's
// next_cursor, since a page is applied whole.
std::string EncodePullResponseV2(const PullResponse& response);
Result<PullResponse> DecodePullResponseV2(const std::string& body);

}  // namespace relay
