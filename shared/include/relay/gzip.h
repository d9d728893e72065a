#pragma once

#include <string>

#include "relay/status.h"

namespace relay {

// Compresses bytes into the gzip format (RFC 1952).
std::string GzipCompress(const std::string& data);
// Decompresses a gzip body, refusing one that would expand beyond max_output bytes.
Result<std::string> GzipDecompress(const std::string& data, size_t max_output);

}  // namespace relay
