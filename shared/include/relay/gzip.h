#pragma once

#include <string>

#include "relay/status.h"

namespace relay {

// Compresses bytes into the gzip format (RFC 1952).
std::string GzipCompress(const std::string& data);
// Decompresses a gzip body: kTooLarge for one that would expand beyond max_output bytes,
// kInvalid for one that is not whole gzip data.
Result<std::string> GzipDecompress(const std::string& data, size_t max_output);

}  // namespace relay
