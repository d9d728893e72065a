#include "ui/model/plain_words.h"

#include <cstdio>

#include "ui/model/time_text.h"

namespace relay::edge::ui {
namespace {

// English says "1 minute" but "5 minutes", so one and many have their own texts.
std::string Ago(int64_t count, std::string_view one, std::string_view many,
                const Translations& tr) {
  return tr.Format(count == 1 ? one : many, {{"n", std::to_string(count)}});
}

// The server's own words, labelled as its own; empty when it gave none.
std::string ServerWords(const std::string& reason, const Translations& tr) {
  return reason.empty() ? std::string() : tr.Format("sync.server_words", {{"reason", reason}});
}

// The text under "<prefix>.<kind's stable name>": each place words the kinds for its own task.
std::string KindText(std::string_view prefix, ErrorKind kind, const Translations& tr) {
  return tr(std::string(prefix) + "." + std::string(ErrorKindName(kind)));
}

std::string DescribeCodeFault(const CodeFault& fault, const Translations& tr) {
  switch (fault.rule) {
    case CodeFault::Rule::kCharacter:
      return tr.Format(
          "enrollment.code_rule.character",
          {{"character", fault.character}, {"alphabet", std::string(kEnrollmentCodeAlphabet)}});
    case CodeFault::Rule::kNotLatin:
      return tr("enrollment.code_rule.not_latin");
    case CodeFault::Rule::kLength:
      return tr.Format("enrollment.code_rule.length",
                       {{"length", std::to_string(kEnrollmentCodeLength)},
                        {"count", std::to_string(fault.length)}});
  }
  return "";
}

}  // namespace

std::string DescribeFieldError(const FieldError& error, const TableSpec& table,
                               const Translations& tr) {
  const std::string key = "rule." + error.rule;
  if (!error.compared_with.empty() && tr.Has(key + ".compared")) {
    const bool other_table = error.compared_with.find('.') != std::string::npos;
    const std::string other =
        other_table ? error.compared_with : table.name + "." + error.compared_with;
    return tr.Format(key + ".compared", {{"other", tr("field." + other)}});
  }
  if (!tr.Has(key)) return error.message;
  const FieldSpec* spec = table.Field(error.field);
  if (!spec) return tr(key);
  const bool text = spec->type == FieldType::kText;
  return tr.Format(key,
                   {{"min", std::to_string(spec->min)},
                    {"max", text ? std::to_string(spec->max_chars) : std::to_string(spec->max)}});
}

std::string DescribeSyncProblem(ErrorKind kind, const Translations& tr) {
  return KindText("sync.problem", kind, tr);
}

std::string DescribeLastSync(int64_t last_success_ms, int64_t now_ms, const Translations& tr) {
  if (last_success_ms <= 0) return tr("sync.never");
  const std::string time_text = LocalNowText(last_success_ms);
  const int64_t ago_s = (now_ms - last_success_ms) / 1000;
  std::string ago;
  if (ago_s < 0) {
    return time_text;  // the clock moved back since; "how long ago" would be a guess
  } else if (ago_s < 60) {
    ago = tr("sync.ago.just_now");
  } else if (ago_s < 3600) {
    ago = Ago(ago_s / 60, "sync.ago.minute", "sync.ago.minutes", tr);
  } else if (ago_s < 86400) {
    ago = Ago(ago_s / 3600, "sync.ago.hour", "sync.ago.hours", tr);
  } else {
    ago = Ago(ago_s / 86400, "sync.ago.day", "sync.ago.days", tr);
  }
  return tr.Format("sync.when", {{"time", time_text}, {"ago", ago}});
}

std::string DescribeSyncProgress(const SyncReport& progress, const Translations& tr) {
  char megabytes[32];
  std::snprintf(megabytes, sizeof megabytes, "%.1f",
                static_cast<double>(progress.bytes_received) / (1024.0 * 1024.0));
  return tr.Format("sync.progress", {{"pushed", std::to_string(progress.pushed)},
                                     {"pulled", std::to_string(progress.pulled)},
                                     {"megabytes", megabytes}});
}

SyncBarWords DescribeSyncStatus(const SyncStatus& status, int64_t now_ms, const Translations& tr) {
  SyncBarWords words;
  words.waiting = status.pending_records == 0
                      ? std::string(tr("sync.pending.none"))
                      : tr.Format("sync.pending", {{"n", std::to_string(status.pending_records)}});
  words.last_success = tr.Format("sync.last_success",
                                 {{"when", DescribeLastSync(status.last_success_ms, now_ms, tr)}});
  if (status.last_error.empty()) return words;
  if (status.last_error_kind == ErrorKind::kUnreachable) {
    words.offline = tr.Format(
        "sync.offline_since",
        {{"time", LocalNowText(status.failing_since_ms > 0 ? status.failing_since_ms : now_ms)}});
  }
  words.problem =
      tr.Format("sync.failed", {{"problem", DescribeSyncProblem(status.last_error_kind, tr)}});
  words.server_words = ServerWords(status.last_error_reason, tr);
  return words;
}

EnrollmentWords DescribeEnrollmentFailure(const EnrollmentFailure& failure,
                                          const Translations& tr) {
  const ErrorKind kind = failure.status.kind();
  std::string problem;
  if (failure.step == EnrollmentFailure::Step::kCode) {
    problem = DescribeCodeFault(failure.code_fault, tr);
  } else if (failure.step == EnrollmentFailure::Step::kCaFile && kind != ErrorKind::kStorage) {
    problem = tr("enrollment.problem.ca_file");
  } else {
    problem = KindText("enrollment.problem", kind, tr);
  }
  return {tr.Format("enrollment.failed", {{"problem", problem}}),
          ServerWords(failure.status.reason(), tr)};
}

}  // namespace relay::edge::ui
