#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "relay/schema.h"
#include "relay/validation.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// A field of table's refusal in the user's language: "rule.<rule>" in the translations with
// {min} and {max} from the field's spec, or "rule.<rule>.compared" with {other}, the label of
// the field it was compared with; the core's own sentence when the rule has no text.
std::string DescribeFieldError(const FieldError& error, const TableSpec& table,
                               const Translations& tr);

// What a person can do about a failed sync depends only on which of these it was.
// kUntrusted: the server failed the TLS check, so nothing was sent and retrying cannot help.
enum class SyncProblem { kUnreachable, kUntrusted, kNotAllowed, kRefused, kServerFailed, kOther };

// Sorts the core's sync error message (see SyncClient and CurlTransport) into a SyncProblem.
SyncProblem ClassifySyncError(std::string_view message);
// One plain sentence about the problem and what to do.
std::string DescribeSyncProblem(SyncProblem problem, const Translations& tr);

// When the last successful sync was, in local time with how long ago ("2024-05-12 14:32 (5
// minutes ago)"); "never" when last_success_ms is 0.
std::string DescribeLastSync(int64_t last_success_ms, int64_t now_ms, const Translations& tr);

}  // namespace relay::edge::ui
