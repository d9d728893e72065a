#include "sim_laptop.h"

#include <algorithm>

#include "relay/schema.h"

namespace relay::bench {
namespace {

constexpr int64_t kMaxDriftMs = 5 * 60 * 1000;  // as the reference client (protocol.md §3.2)
constexpr size_t kPushBatch = 500;
constexpr int kPullLimit = 1000;

}  // namespace

std::string FieldKey(const std::string& record_id, const std::string& field) {
  return record_id + field;
}

SimLaptop::SimLaptop(const std::string& base_url, const std::string& source_address, int group,
                     long timeout_s, Clock& clock)
    : link_(base_url, source_address, timeout_s),
      group_(group),
      clock_(clock),
      hlc_(clock, kMaxDriftMs),
      device_(ids_.Next(clock.NowMs())) {}

bool SimLaptop::Enroll(const std::string& code, LoadStats& stats) {
  const Exchange answer =
      link_.Post("/v1/enroll", nlohmann::json{{"code", code}, {"device", device_}}.dump());
  const auto body = nlohmann::json::parse(answer.body, nullptr, false);
  const bool ok = answer.status == 200 && body.is_object() && body.contains("token") &&
                  body["token"].is_string();
  stats.Record(Endpoint::kEnroll, Phase::kSetup, group_, answer, ok);
  if (ok) token_ = body["token"].get<std::string>();
  return ok;
}

std::string SimLaptop::Create(const std::string& table, const nlohmann::json& fields) {
  const std::string id = ids_.Next(clock_.NowMs());
  for (const auto& [field, value] : fields.items())
    Set(table, id, field, value);
  return id;
}

void SimLaptop::Set(const std::string& table, const std::string& record_id,
                    const std::string& field, const nlohmann::json& value) {
  HlcTimestamp& last = written_[FieldKey(record_id, field)];
  const HlcTimestamp seen = last;
  last = hlc_.Now();
  outbox_.push_back({next_seq_++, Change{table, record_id, field, value, last, device_, seen, ""}});
}

bool SimLaptop::Push(LoadStats& stats, Phase phase) {
  if (outbox_.empty()) return true;
  while (!outbox_.empty()) {
    const size_t count = std::min(outbox_.size(), kPushBatch);
    PushRequest request{kProtocolVersion, kSchemaVersion, device_,
                        std::vector<OutboxChange>(outbox_.begin(), outbox_.begin() + count)};
    const Exchange answer = link_.Post("/v1/push", EncodePushRequest(request), token_);
    const int64_t last_sent = request.changes.back().seq;
    bool ok = false;
    if (answer.status == 200) {
      auto response = DecodePushResponse(answer.body);
      ok = response.ok() && response.value().acked_seq >= last_sent;
    }
    stats.Record(Endpoint::kPush, phase, group_, answer, ok);
    if (!ok) return false;
    outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<ptrdiff_t>(count));
  }
  if (phase == Phase::kRun) ++pushes_ok_;
  return true;
}

bool SimLaptop::Pull(LoadStats& stats, Phase phase) {
  for (;;) {
    const Exchange answer = link_.Get("/v1/pull?after=" + std::to_string(cursor_) +
                                          "&limit=" + std::to_string(kPullLimit) +
                                          "&schema_version=" + std::to_string(kSchemaVersion) +
                                          "&device=" + device_ + "&set_aside=0",
                                      token_);
    std::optional<PullResponse> batch;
    if (answer.status == 200) {
      auto decoded = DecodePullResponse(answer.body);
      // A batch that says "more" but brings nothing would be asked for again forever.
      if (decoded.ok() && (!decoded.value().more || !decoded.value().changes.empty()))
        batch = std::move(decoded).value();
    }
    stats.Record(Endpoint::kPull, phase, group_, answer, batch.has_value());
    if (!batch) return false;
    for (const FeedChange& entry : batch->changes) {
      const Change& change = entry.change;
      int64_t& newest = received_[FieldKey(change.record_id, change.field)];
      newest = std::max(newest, change.hlc.Packed());
      hlc_.Observe(change.hlc);
    }
    cursor_ = batch->next_cursor;
    if (!batch->more) {
      if (phase == Phase::kRun) ++pulls_ok_;
      return true;
    }
  }
}

}  // namespace relay::bench
