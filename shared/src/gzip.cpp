#include "relay/gzip.h"

#include <zlib.h>

#include <array>

namespace relay {
namespace {
constexpr int kGzipWindowBits = 15 + 16;  // zlib's way of asking for a gzip header
}

std::string GzipCompress(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY);
  std::string output;
  output.resize(deflateBound(&stream, data.size()));
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  deflate(&stream, Z_FINISH);
  output.resize(stream.total_out);
  deflateEnd(&stream);
  return output;
}

Result<std::string> GzipDecompress(const std::string& data, size_t max_output) {
  z_stream stream{};
  if (inflateInit2(&stream, kGzipWindowBits) != Z_OK) return Status::Error("gzip: cannot start");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string output;
  std::array<char, 64 * 1024> chunk;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      return Status::Error(ErrorKind::kInvalid, "body: is not valid gzip data");
    }
    output.append(chunk.data(), chunk.size() - stream.avail_out);
    if (output.size() > max_output) {
      inflateEnd(&stream);
      return Status::Error(ErrorKind::kTooLarge, "body: expands beyond the limit of " +
                                                     std::to_string(max_output) + " bytes");
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      return Status::Error(ErrorKind::kInvalid, "body: gzip data is truncated");
    }
  }
  inflateEnd(&stream);
  return output;
}

}  // namespace relay
