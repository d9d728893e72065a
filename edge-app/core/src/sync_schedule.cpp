#include "relay/edge/sync_schedule.h"

#include <algorithm>

namespace relay::edge {

bool NeedsPerson(ErrorKind kind) {
  return kind == ErrorKind::kUntrusted || kind == ErrorKind::kNotAllowed;
}

SyncSchedule::SyncSchedule(SyncTiming timing, int64_t now_ms, bool waiting_for_person)
    : timing_(timing),
      due_ms_(!timing.automatic || waiting_for_person ? kNever : now_ms + timing.after_save_ms) {}

void SyncSchedule::Saved(int64_t now_ms) {
  if (due_ms_ == kNever || retry_ms_ > 0) return;
  due_ms_ = std::min(due_ms_, now_ms + timing_.after_save_ms);
}

void SyncSchedule::Finished(int64_t now_ms, const Status& outcome) {
  if (!timing_.automatic || (!outcome.ok() && NeedsPerson(outcome.kind()))) {
    retry_ms_ = 0;
    due_ms_ = kNever;
    return;
  }
  const bool no_answer = !outcome.ok() && (outcome.kind() == ErrorKind::kUnreachable ||
                                           outcome.kind() == ErrorKind::kServerFailed);
  if (!no_answer) {
    retry_ms_ = 0;
    due_ms_ = now_ms + timing_.every_ms;
    return;
  }
  retry_ms_ =
      retry_ms_ == 0 ? timing_.first_retry_ms : std::min(retry_ms_ * 2, timing_.longest_retry_ms);
  due_ms_ = now_ms + retry_ms_;
}

void SyncSchedule::Postpone(int64_t now_ms) {
  if (due_ms_ != kNever) due_ms_ = now_ms + timing_.every_ms;
}

}  // namespace relay::edge
