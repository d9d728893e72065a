#include "relay/record_stamps.h"

#include <algorithm>

namespace relay {
namespace {

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Reads the bytes PutVarint and PutText wrote, remembering whether any were missing.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= bytes_.size()) break;
      const auto byte = static_cast<unsigned char>(bytes_[at_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    broken_ = true;
    return 0;
  }

  std::string Text() {
    const uint64_t size = Varint();
    if (broken_ || size > bytes_.size() - at_) {
      broken_ = true;
      return {};
    }
    std::string text(bytes_.substr(at_, size));
    at_ += size;
    return text;
  }

  bool done() const { return at_ == bytes_.size(); }
  bool broken() const { return broken_; }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
  bool broken_ = false;
};

void PutText(std::string& out, std::string_view text) {
  PutVarint(out, text.size());
  out.append(text);
}

// Differences between HLCs as unsigned numbers that stay short for small steps either way.
uint64_t ZigZag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
int64_t UnZigZag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

}  // namespace

Result<RecordStamps> RecordStamps::Decode(std::string_view bytes) {
  RecordStamps stamps;
  Cursor cursor(bytes);
  std::vector<std::string> devices(std::min<uint64_t>(cursor.Varint(), bytes.size()));
  for (auto& device : devices)
    device = cursor.Text();
  const uint64_t fields = cursor.Varint();
  std::vector<bool> used(devices.size());
  int64_t hlc = 0;
  for (uint64_t i = 0; i < fields && !cursor.broken(); ++i) {
    Entry entry;
    entry.field = cursor.Text();
    const uint64_t device = cursor.Varint();
    hlc += UnZigZag(cursor.Varint());
    if (cursor.broken() || device >= devices.size()) break;
    used[device] = true;
    entry.stamp = {HlcTimestamp::FromPacked(hlc), devices[device]};
    stamps.entries_.push_back(std::move(entry));
  }
  // Encode lists only the devices its fields name, and counts the fields: a cut or a changed
  // byte shows as a count, device or end that does not match.
  const bool whole = !cursor.broken() && cursor.done() && stamps.entries_.size() == fields &&
                     std::all_of(used.begin(), used.end(), [](bool named) { return named; });
  if (!whole) return Status::Error(ErrorKind::kStorage, "a record's stored stamps are damaged");
  return stamps;
}

std::string RecordStamps::Encode() const {
  std::vector<std::string_view> devices;
  for (const auto& entry : entries_) {
    if (std::find(devices.begin(), devices.end(), entry.stamp.device) == devices.end())
      devices.push_back(entry.stamp.device);
  }
  std::string out;
  PutVarint(out, devices.size());
  for (const auto device : devices)
    PutText(out, device);
  PutVarint(out, entries_.size());
  int64_t hlc = 0;
  for (const auto& entry : entries_) {
    PutText(out, entry.field);
    PutVarint(out, std::find(devices.begin(), devices.end(), entry.stamp.device) - devices.begin());
    const int64_t packed = entry.stamp.hlc.Packed();
    PutVarint(out, ZigZag(packed - hlc));
    hlc = packed;
  }
  return out;
}

const FieldStamp* RecordStamps::Find(std::string_view field) const {
  auto found = std::lower_bound(
      entries_.begin(), entries_.end(), field,
      [](const Entry& entry, std::string_view name) { return entry.field < name; });
  return found != entries_.end() && found->field == field ? &found->stamp : nullptr;
}

void RecordStamps::Set(const std::string& field, const FieldStamp& stamp) {
  auto found = std::lower_bound(
      entries_.begin(), entries_.end(), field,
      [](const Entry& entry, const std::string& name) { return entry.field < name; });
  if (found != entries_.end() && found->field == field) {
    found->stamp = stamp;
  } else {
    entries_.insert(found, {field, stamp});
  }
}

}  // namespace relay
