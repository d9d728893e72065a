#include "relay/edge/sync_client.h"

#include <algorithm>
#include <thread>

#include "relay/edge/enrollment.h"
#include "relay/schema.h"

namespace relay::edge {
namespace {

// Failures that may pass by themselves: no answer, the server busy or failing. A server that
// failed the TLS check fails it again: only a person can settle which server is the county's.
bool MayPass(const Result<HttpResponse>& response) {
  if (!response.ok()) return response.status().kind() != ErrorKind::kUntrusted;
  const long status = response.value().status;
  return status == 429 || status >= 500;
}

// The error an answer other than 200 is, with its kind and the server's own words as reason;
// a transport error as it came.
Status AnswerError(const Result<HttpResponse>& response) {
  if (!response.ok()) return response.status();
  const long status = response.value().status;
  const std::string reason = DecodeErrorMessage(response.value().body);
  const std::string answered = "server answered " + std::to_string(status) + ": " + reason;
  if (status == 401) {
    // Retrying cannot help: only a new code from the county office can.
    return Status::Error(ErrorKind::kNotAllowed,
                         "this laptop is not enrolled or its enrollment was revoked: ask the "
                         "county office for a new code (" +
                             answered + ")",
                         reason);
  }
  if (status == 403) return Status::Error(ErrorKind::kNotAllowed, answered, reason);
  if (status == 429 || status >= 500) return Status::Error(ErrorKind::kServerFailed, answered);
  return Status::Error(ErrorKind::kRefused, answered, reason);
}

// The largest pull page a server from before protocol 2 gives.
constexpr size_t kMaxPullBatchProtocol1 = 5000;

// A page a lost pull is not halved below: about a kilobyte on the wire, so each request still
// brings more than the round trip costs.
constexpr size_t kSmallestPullPage = 250;

constexpr const char* kCancelled = "sync stopped: the client is closing";

}  // namespace

SyncClient::SyncClient(LocalStore& store, HttpTransport& transport, SyncOptions options)
    : store_(store), transport_(transport), options_(std::move(options)) {
  if (!options_.sleep) {
    options_.sleep = [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); };
  }
}

bool SyncClient::Cancelled() const {
  return options_.cancelled && options_.cancelled();
}

Result<HttpResponse> SyncClient::SendWithRetry(
    HttpRequest request, SyncReport& report,
    const std::function<void(HttpRequest&)>& before_retry) {
  auto backoff = options_.first_backoff;
  for (int attempt = 1;; ++attempt) {
    auto response = transport_.Send(request);
    report.bytes_sent += static_cast<int64_t>(request.body.size());
    if (response.ok()) report.bytes_received += static_cast<int64_t>(response.value().body.size());
    if (Cancelled()) return Status::Error(kCancelled);
    if (!MayPass(response)) return response;
    if (attempt >= options_.max_attempts) return AnswerError(response);
    ++report.retries;
    options_.sleep(backoff);
    backoff = std::min(backoff * 2, options_.max_backoff);
    if (before_retry) before_retry(request);
  }
}

Status SyncClient::Push(SyncReport& report) {
  // Even with an empty outbox one (empty) push is sent: its answer tells whether the server
  // holds more of this device's changes than this database made, i.e. whether it is a copy,
  // before a pull that leaves out this device's changes could hide that.
  report.push_batch = options_.push_batch;
  for (bool first = true;; first = false) {
    auto pending = store_.PendingChanges(report.push_batch);
    if (!pending.ok()) return pending.status();
    if (pending.value().empty() && !first) return Status::Ok();
    PushRequest request;
    request.schema_version = kSchemaVersion;
    request.device = store_.device_id();
    request.changes = std::move(pending).value();
    auto response = SendPush(request, report);
    if (!response.ok()) return response.status();
    if (auto refused = SetAsideRefused(request, response.value(), report); !refused.ok()) {
      return refused.status();
    } else if (refused.value()) {
      continue;  // the rest of the outbox goes in the next batch
    }
    if (response.value().status == 413 && request.changes.size() > 1) {
      // The county's body limit is below this batch (set lower there, or long texts): the
      // rest of this run sends half as many at a time.
      report.push_batch = request.changes.size() / 2;
      continue;
    }
    if (response.value().status != 200) return AnswerError(response);
    auto decoded = DecodePushResponse(response.value().body);
    if (!decoded.ok())
      return Status::Error(ErrorKind::kInvalid,
                           "server's push answer: " + decoded.status().message());
    const PushResponse& answer = decoded.value();
    if (Status same = store_.CheckServer(answer.server_id); !same.ok()) return same;
    rotate_token_ = rotate_token_ || answer.rotate_token;
    auto highest = store_.HighestSeqIssued();
    if (!highest.ok()) return highest.status();
    if (answer.acked_seq > highest.value()) {
      // Only a copy of this database (a restored backup, a cloned disk) can have sent them.
      return Status::Error("the server already holds changes numbered up to " +
                           std::to_string(answer.acked_seq) +
                           " from this device, more than this database ever made (" +
                           std::to_string(highest.value()) +
                           "): it is a copy of another laptop's database, so sync stops here");
    }
    if (request.changes.empty()) return Status::Ok();
    if (answer.acked_seq < request.changes.front().seq) {
      return Status::Error(ErrorKind::kInvalid, "server acknowledged none of the batch");
    }
    const int64_t last_sent = request.changes.back().seq;
    if (Status status = store_.AcknowledgeThrough(std::min(answer.acked_seq, last_sent));
        !status.ok()) {
      return status;
    }
    report.pushed += answer.applied + answer.duplicates;
    if (options_.progress) options_.progress(report);
  }
}

Result<HttpResponse> SyncClient::SendPush(const PushRequest& request, SyncReport& report) {
  for (;;) {
    const bool protocol2 = protocol_ == kProtocolVersion2;
    auto response = SendWithRetry(
        {"POST", protocol2 ? "/v2/push" : "/v1/push",
         protocol2 ? EncodePushRequestV2(request) : EncodePushRequest(request), bearer_token_},
        report);
    if (!response.ok() || !FallsBackToProtocol1(response.value())) return response;
  }
}

bool SyncClient::FallsBackToProtocol1(const HttpResponse& response) {
  if (protocol_ == 1 || response.status != 404) return false;
  protocol_ = 1;
  return true;
}

Result<bool> SyncClient::SetAsideRefused(const PushRequest& request, const HttpResponse& response,
                                         SyncReport& report) {
  if (response.status != 403 || DecodeErrorCode(response.body) != "out_of_scope") return false;
  const std::vector<int64_t> seqs = DecodeErrorSeqs(response.body);
  for (const int64_t seq : seqs) {
    const bool sent = std::any_of(request.changes.begin(), request.changes.end(),
                                  [seq](const OutboxChange& entry) { return entry.seq == seq; });
    if (!sent) {
      return Status::Error(ErrorKind::kInvalid,
                           "server refused a change this push did not hold (seq " +
                               std::to_string(seq) + "): " + DecodeErrorMessage(response.body));
    }
  }
  if (seqs.empty()) return AnswerError(response);
  if (Status status = store_.SetAside(seqs, DecodeErrorMessage(response.body)); !status.ok())
    return status;
  report.set_aside += static_cast<int64_t>(seqs.size());
  return true;
}

void SyncClient::RotateTokenIfAsked(SyncReport& report) {
  if (!rotate_token_ || bearer_token_.empty()) return;
  auto rotated = RotateToken(store_, transport_);
  if (!rotated.ok()) return;
  bearer_token_ = rotated.value();  // its first use, by the pull, retires the old one
  report.token_rotated = true;
}

Status SyncClient::Pull(SyncReport& report) {
  auto kept_page = store_.PullPage();
  if (!kept_page.ok()) return kept_page.status();
  report.pull_page =
      kept_page.value() == 0
          ? options_.pull_batch
          : std::min(options_.pull_batch, std::max(kept_page.value(), kSmallestPullPage));
  Status pulled = PullPages(report);
  Status kept = store_.SetPullPage(report.pull_page);
  return pulled.ok() ? kept : pulled;
}

Status SyncClient::PullPages(SyncReport& report) {
  // Told to the county with each pull, for its data health (GET /v1/laptops).
  auto status = store_.ReadSyncStatus();
  if (!status.ok()) return status.status();
  for (;;) {
    auto cursor = store_.PullCursor();
    if (!cursor.ok()) return cursor.status();
    auto path = [&] {
      const size_t limit = protocol_ == kProtocolVersion2
                               ? report.pull_page
                               : std::min(report.pull_page, kMaxPullBatchProtocol1);
      return "/v" + std::to_string(protocol_) + "/pull?after=" + std::to_string(cursor.value()) +
             "&limit=" + std::to_string(limit) +
             "&schema_version=" + std::to_string(kSchemaVersion) + "&device=" + store_.device_id() +
             "&set_aside=" + std::to_string(status.value().set_aside);
    };
    auto response =
        SendWithRetry({"GET", path(), "", bearer_token_}, report, [&](HttpRequest& request) {
          report.pull_page =
              std::min(report.pull_page, std::max(kSmallestPullPage, report.pull_page / 2));
          request.path = path();
        });
    if (!response.ok()) return response.status();
    if (FallsBackToProtocol1(response.value())) continue;
    if (response.value().status != 200) return AnswerError(response);
    auto batch = protocol_ == kProtocolVersion2 ? DecodePullResponseV2(response.value().body)
                                                : DecodePullResponse(response.value().body);
    if (!batch.ok())
      return Status::Error(ErrorKind::kInvalid,
                           "server's pull answer: " + batch.status().message());
    // The cursor may pass entries the server left out (this laptop's own), never fall short
    // of what it sent.
    const auto& changes = batch.value().changes;
    const int64_t reached = changes.empty() ? cursor.value() : changes.back().cursor;
    if (batch.value().next_cursor < reached ||
        (!changes.empty() && changes.front().cursor <= cursor.value())) {
      return Status::Error(ErrorKind::kInvalid,
                           "server's feed cursor did not follow the batch it sent");
    }
    if (Status status = store_.ApplyPulled(batch.value()); !status.ok()) {
      return status;
    }
    report.pulled += static_cast<int64_t>(batch.value().changes.size());
    report.pull_page = std::min(options_.pull_batch, report.pull_page * 2);
    if (options_.progress) options_.progress(report);
    if (batch.value().more && batch.value().changes.empty() &&
        batch.value().next_cursor <= cursor.value()) {
      return Status::Error(ErrorKind::kInvalid,
                           "server's feed says more follows but sent nothing and did not move on");
    }
    if (!batch.value().more) return Status::Ok();
  }
}

void SyncClient::ListLaptopsWhenDue() {
  auto age_ms = store_.LaptopsListAgeMs();
  // A clock set back makes the age negative: list again rather than wait for it to catch up.
  if (!age_ms.ok() || (age_ms.value() >= 0 && age_ms.value() < kLaptopsListInterval.count()))
    return;
  auto response = transport_.Send({"GET", "/v1/laptops", "", bearer_token_});
  if (!response.ok()) return;
  // A server from before the list (404) keeps none: an empty one is kept, so it is not asked
  // again at every sync.
  if (response.value().status == 404) store_.RecordLaptops({});
  if (response.value().status != 200) return;
  auto laptops = DecodeLaptopsResponse(response.value().body);
  if (laptops.ok()) store_.RecordLaptops(laptops.value());
}

Result<SyncReport> SyncClient::Run() {
  SyncReport report;
  // A laptop never enrolled syncs without a token; a server that requires one says so (401).
  auto enrollment = store_.ReadEnrollment();
  Status status = enrollment.status();
  if (status.ok()) {
    bearer_token_ = enrollment.value() ? enrollment.value()->token : "";
    rotate_token_ = false;
    status = Push(report);
  }
  if (status.ok()) RotateTokenIfAsked(report);
  if (status.ok()) status = Pull(report);
  if (status.ok()) ListLaptopsWhenDue();
  if (Cancelled()) return Status::Error(kCancelled);  // not a failure worth recording
  const Status recorded = store_.RecordSyncOutcome(status);
  if (!status.ok()) return status;
  if (!recorded.ok())
    return Status::Error(ErrorKind::kStorage,
                         "sync worked but its time was not recorded: " + recorded.message());
  return report;
}

}  // namespace relay::edge
