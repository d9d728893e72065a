#include "ui/model/plain_words.h"

#include <ctime>

#include "relay/edge/http_transport.h"

namespace relay::edge::ui {
namespace {

// English says "1 minute" but "5 minutes", so one and many have their own texts.
std::string Ago(int64_t count, std::string_view one, std::string_view many,
                const Translations& tr) {
  return tr.Format(count == 1 ? one : many, {{"n", std::to_string(count)}});
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

SyncProblem ClassifySyncError(std::string_view message) {
  constexpr std::string_view kNoAnswer = "cannot reach ";
  constexpr std::string_view kAnswered = "server answered ";
  if (message.substr(0, kNoAnswer.size()) == kNoAnswer) return SyncProblem::kUnreachable;
  if (IsUntrustedServer(message)) return SyncProblem::kUntrusted;
  // A refused token is told in words first, with the server's answer in brackets.
  if (message.find("(server answered 401") != std::string_view::npos) {
    return SyncProblem::kNotAllowed;
  }
  if (message.substr(0, kAnswered.size()) != kAnswered) return SyncProblem::kOther;
  const std::string_view code = message.substr(kAnswered.size(), 3);
  if (code == "401" || code == "403") return SyncProblem::kNotAllowed;
  if (code.substr(0, 1) == "4") return SyncProblem::kRefused;
  if (code.substr(0, 1) == "5") return SyncProblem::kServerFailed;
  return SyncProblem::kOther;
}

std::string DescribeSyncProblem(SyncProblem problem, const Translations& tr) {
  switch (problem) {
    case SyncProblem::kUnreachable:
      return tr("sync.problem.unreachable");
    case SyncProblem::kUntrusted:
      return tr("sync.problem.untrusted");
    case SyncProblem::kNotAllowed:
      return tr("sync.problem.not_allowed");
    case SyncProblem::kRefused:
      return tr("sync.problem.refused");
    case SyncProblem::kServerFailed:
      return tr("sync.problem.server_failed");
    case SyncProblem::kOther:
      break;
  }
  return tr("sync.problem.other");
}

std::string DescribeLastSync(int64_t last_success_ms, int64_t now_ms, const Translations& tr) {
  if (last_success_ms <= 0) return tr("sync.never");
  const std::time_t seconds = static_cast<std::time_t>(last_success_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char time_text[32];
  std::strftime(time_text, sizeof time_text, "%Y-%m-%d %H:%M", &local);

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

}  // namespace relay::edge::ui
