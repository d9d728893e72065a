#pragma once

#include <cstdint>
#include <string>

#include "relay/edge/local_store.h"
#include "relay/edge/sync_client.h"
#include "relay/error_kind.h"
#include "relay/schema.h"
#include "relay/validation.h"
#include "ui/model/enrollment_view_model.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// A field of table's refusal in the user's language: "rule.<rule>" in the translations with
// {min} and {max} from the field's spec, or "rule.<rule>.compared" with {other}, the label of
// the field it was compared with; the core's own sentence when the rule has no text.
std::string DescribeFieldError(const FieldError& error, const TableSpec& table,
                               const Translations& tr);

// One plain sentence about a failed sync of this kind and what to do.
std::string DescribeSyncProblem(ErrorKind kind, const Translations& tr);

// When the last successful sync was, in Beijing time whatever the machine's zone, with how
// long ago ("2024-05-12 14:32 (5 minutes ago)"); "never" when last_success_ms is 0.
std::string DescribeLastSync(int64_t last_success_ms, int64_t now_ms, const Translations& tr);

// What the sync bar says, in the UI's language only: the core's own message never appears,
// the server's words only labelled as its own.
struct SyncBarWords {
  std::string offline;       // "Offline since <time>" while the server does not answer; or empty
  std::string waiting;       // how many records wait to be sent
  std::string last_success;  // "Last successful sync: <time> (<ago>)"
  std::string problem;       // why the last sync failed and what to do; empty when it worked
  std::string server_words;  // the server's reason for a refusal, labelled; or empty
};
SyncBarWords DescribeSyncStatus(const SyncStatus& status, int64_t now_ms, const Translations& tr);

// How far a sync under way has come: changes sent and received, and the data received
// ("Sent 2,000 · received 30,000 changes (4.2 MB)").
std::string DescribeSyncProgress(const SyncReport& progress, const Translations& tr);

// What the enrollment screen says about a failure, in the UI's language only as the sync bar
// does: a sentence chosen by the failure's step and kind, or by the rule a typed code broke.
struct EnrollmentWords {
  std::string problem;       // "Not enrolled. <why and what to do>"
  std::string server_words;  // the server's reason for a refusal, labelled; or empty
};
EnrollmentWords DescribeEnrollmentFailure(const EnrollmentFailure& failure, const Translations& tr);

}  // namespace relay::edge::ui
