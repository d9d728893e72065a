#include "server_storage.h"

namespace relay::server {
namespace {

// Keeps each entry as a FeedChange, its value parsed.
class CollectedFeed final : public FeedSink {
 public:
  explicit CollectedFeed(std::vector<FeedChange>& changes) : changes_(changes) {}
  Status Add(int64_t cursor, const FeedEntryView& entry) override {
    auto value = nlohmann::json::parse(entry.value_json, nullptr, false);
    if (value.is_discarded()) {
      return Status::Error(ErrorKind::kStorage,
                           "feed entry " + std::to_string(cursor) + " is damaged");
    }
    changes_.push_back(FeedChange{
        cursor, Change{std::string(entry.table), std::string(entry.record_id),
                       std::string(entry.field), std::move(value), entry.hlc,
                       std::string(entry.device), entry.seen, std::string(entry.person)}});
    return Status::Ok();
  }

 private:
  std::vector<FeedChange>& changes_;
};

}  // namespace

Result<PullResponse> ServerStorage::ReadFeed(int64_t after, size_t limit,
                                             const std::string& skip_device,
                                             const AccessScope& scope) {
  PullResponse response;
  CollectedFeed collected(response.changes);
  auto end = ReadFeedInto(after, limit, skip_device, scope, collected);
  if (!end.ok()) return end.status();
  response.server_id = end.value().server_id;
  response.next_cursor = end.value().next_cursor;
  response.more = end.value().more;
  return response;
}

}  // namespace relay::server
