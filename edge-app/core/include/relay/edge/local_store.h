#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/access_scope.h"
#include "relay/clock.h"
#include "relay/hlc.h"
#include "relay/protocol.h"
#include "relay/replica_state.h"
#include "relay/sqlite.h"
#include "relay/status.h"
#include "relay/uuid.h"
#include "relay/validation.h"

namespace relay::edge {

// What the field client shows about sync: how much waits, when it last worked, what failed.
struct SyncStatus {
  int64_t pending_changes = 0;
  int64_t pending_records = 0;  // distinct records with changes waiting in the outbox
  int64_t set_aside = 0;        // changes the county refused, kept aside (SetAside)
  int64_t last_success_ms = 0;  // 0 when never synced
  std::string last_error;       // empty after a successful sync
  ErrorKind last_error_kind = ErrorKind::kOther;  // of last_error, when not empty
  std::string last_error_reason;                  // the server's own words, if it refused
  int64_t failing_since_ms = 0;  // the first failed sync since the last success; 0 when none
};

// A change the county refused as outside this laptop's township or role, kept aside with the
// county's reason so the rest of the outbox still syncs and nothing typed is lost.
struct SetAsideChange {
  OutboxChange entry;
  std::string reason;
  int64_t set_aside_ms = 0;
};

// What the county granted this laptop at enrollment. The token is a secret: it goes only into
// requests' Authorization header, never into status, messages or logs.
struct Enrollment {
  std::string token;
  std::string role;         // "clinic", "team-lead" or "county"
  std::string township_id;  // empty for county
  std::string server_id;    // the county database that granted it
  // PEM of the county CA the server's certificate must chain to, given at enrollment; empty
  // when the system's CAs are trusted. Public, but kept so a moved CA file cannot stop sync.
  std::string server_ca_pem = {};
};

// A refused Put: every field that broke a rule, for inline messages in forms.
struct PutError {
  std::vector<FieldError> errors;
  std::string Summary() const;
};

// How a PIN compared: right (or the person has none), wrong, or not tried because too many
// wrong ones came in a row. wait_ms: how long until the next try is taken (after kWrong, 0
// while tries are still free).
struct PinCheck {
  enum Outcome { kRight, kWrong, kWait };
  Outcome outcome = kRight;
  int64_t wait_ms = 0;
};

// One record's fields to store: a new record (no "id") or the fields to change.
struct TableEdit {
  std::string table;
  nlohmann::json fields;
  // The stamps of the values the editor saw, by field; a field not listed counts as seeing
  // the value stored now. A form opened before a pull changed a field it then saves thus
  // shows at the county as a concurrent overwrite, not an informed one.
  std::map<std::string, HlcTimestamp> seen = {};
  // A correction may change recorded event fields (FieldSpec::event); its caller stores the
  // corrections record that says what was replaced and why.
  bool corrects_events = false;
};

// One record with the stamp of each field's value (zero for a field never set), so an edit
// made from it can carry them.
struct ReadRecord {
  nlohmann::json record;
  std::map<std::string, HlcTimestamp> seen;
};

// The merged records as a LocalStore transaction sees them, for an EditPlan.
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // One record, or an error when the table or id is unknown.
  virtual Result<nlohmann::json> Get(const std::string& table, const std::string& id) = 0;
  // Records of a table whose field holds exactly value.
  virtual Result<std::vector<nlohmann::json>> ListWhere(const std::string& table,
                                                        const std::string& field,
                                                        const std::string& value) = 0;
};

// Decides edits from what it reads; LocalStore::PutPlanned runs it inside the write
// transaction, so no pull lands between what it read and what it stores.
using EditPlan = std::function<Result<std::vector<TableEdit>>(RecordReader& records)>;

// The field laptop's database: the merged records, the outbox of local changes not yet
// acknowledged by the server, and the pull cursor. Every method is one durable SQLite
// transaction; safe to call from several threads.
class LocalStore {
 public:
  // Opens or creates the database at path and runs its numbered migrations.
  static Result<std::unique_ptr<LocalStore>> Open(const std::string& path, Clock& clock);

  const std::string& device_id() const { return device_id_; }

  // Creates a record (fields without "id") or updates the fields given (with "id"), after
  // validating every field. Returns the record's id, or every field error with nothing stored.
  Result<std::string> Put(const std::string& table, const nlohmann::json& fields,
                          PutError* field_errors = nullptr);
  // Put of an edit that carries what its editor saw (TableEdit::seen) or corrects events.
  Result<std::string> Put(const TableEdit& edit, PutError* field_errors = nullptr);
  // Puts every record in one transaction: all are stored, or none (the error names the
  // first refused record by its index). Unlike Put, a record whose "id" is not known yet is
  // created with that id, so exported or prepared data keeps its references.
  Result<std::vector<std::string>> PutAll(const std::string& table,
                                          const std::vector<nlohmann::json>& records);
  // Puts records of several tables in one transaction, like Put each: all are stored, or none
  // (the error names the table and field of the first refused edit). For edits that belong
  // together, such as a merge or a conflict's settlement.
  Result<std::vector<std::string>> PutEach(const std::vector<TableEdit>& edits);
  // PutEach of the edits the plan decides, with its reads in the same transaction. A plan's
  // error stores nothing and is returned as it is; field_errors gets a refused edit's.
  Result<std::vector<std::string>> PutPlanned(const EditPlan& plan,
                                              PutError* field_errors = nullptr);
  // One record, or an error when the table or id is unknown.
  Result<nlohmann::json> Get(const std::string& table, const std::string& id);
  // Get with the stamps of the values read, for an edit that may be saved much later.
  Result<ReadRecord> Read(const std::string& table, const std::string& id);
  // The records of a table the query selects, in the table's list order.
  Result<std::vector<nlohmann::json>> List(const std::string& table, const RecordQuery& query = {});
  // The ids of the records List would return, in the same order, read in one pass.
  Result<std::vector<std::string>> ListIds(const std::string& table, const RecordQuery& query);
  // How many records of a table the query selects, offset and limit aside.
  Result<int64_t> Count(const std::string& table, const RecordQuery& query = {});
  // Records of a table whose field holds exactly value (e.g. the handoffs of one transport).
  Result<std::vector<nlohmann::json>> ListWhere(const std::string& table, const std::string& field,
                                                const std::string& value);
  // A hash of the merged data, equal on two replicas exactly when their data are equal.
  Result<std::string> Digest();

  // Outbox: the oldest unacknowledged changes, and dropping them once the server has them.
  Result<std::vector<OutboxChange>> PendingChanges(size_t limit);
  Status AcknowledgeThrough(int64_t seq);
  // Moves the waiting changes seqs out of the outbox, all or none, keeping them aside with the
  // county's reason.
  Status SetAside(const std::vector<int64_t>& seqs, const std::string& reason);
  Result<std::vector<SetAsideChange>> SetAsideChanges();
  // Refuses a server database other than the one this laptop synced with (the cursor and
  // acknowledgements mean nothing there); remembers the first one it meets.
  Status CheckServer(const std::string& server_id);
  // The greatest outbox sequence this database ever issued (acknowledged ones included).
  Result<int64_t> HighestSeqIssued();

  // Pull: the cursor after the last applied batch, and applying a batch together with its
  // new cursor in one transaction. A batch from another server database than the one the
  // cursor belongs to is refused: the cursor means nothing there.
  Result<int64_t> PullCursor();
  Status ApplyPulled(const PullResponse& batch);
  // The feed entries per pull page the last sync ended with, 0 when none did: a sync on a link
  // that keeps dropping starts from the smaller page the last one settled on.
  Result<size_t> PullPage();
  Status SetPullPage(size_t entries);

  // Stores the enrollment in one transaction, replacing an earlier one. Refuses a server
  // database other than the one this laptop synced with, storing nothing; remembers it when
  // the laptop has not synced yet.
  Status RecordEnrollment(const Enrollment& enrollment);
  // The stored enrollment, or nullopt when this laptop was never enrolled.
  Result<std::optional<Enrollment>> ReadEnrollment();

  // The person working now: every change queued from here on carries this staff record id
  // (Change::person); empty for nobody. Who may sign in is sign_in.h's to check.
  Status SetPerson(const std::string& staff_id);
  std::string person();

  // PINs, kept only on this laptop as salted PBKDF2 hashes (pin_hash.h). SetPin stores a
  // 4–8 digit PIN for a staff record that exists and is not archived, replacing any earlier;
  // ClearPin removes it.
  Status SetPin(const std::string& staff_id, const std::string& pin);
  Status ClearPin(const std::string& staff_id);
  Result<bool> HasPin(const std::string& staff_id);
  // Compares pin with the person's PIN. After 3 wrong PINs in a row each further try waits
  // 10 s, doubling with each wrong PIN up to 5 min, and is not compared before; a right PIN
  // ends the pause count.
  Result<PinCheck> CheckPin(const std::string& staff_id, const std::string& pin);

  // Keeps the enrolled laptops as the county server listed them, replacing the earlier list,
  // and when: LaptopsListAgeMs is how long ago (INT64_MAX when never).
  Status RecordLaptops(const std::vector<LaptopStatus>& laptops);
  Result<int64_t> LaptopsListAgeMs();

  Result<SyncStatus> ReadSyncStatus();
  // Records how the sync that ended now went: its error's message, kind and reason, or a
  // success.
  Status RecordSyncOutcome(const Status& outcome);

 private:
  LocalStore(std::unique_ptr<sql::Database> db, Clock& clock, int64_t max_drift_ms);
  Status Migrate();
  Status LoadIdentity();
  Result<std::string> Meta(const std::string& key);
  // An outbox or set_aside row (seq, tbl, rid, field, value, hlc, seen, person, ...) as a
  // change.
  Result<OutboxChange> QueuedChange(const sql::Statement& row);
  // What the enrollment lets this laptop change; everything when it was never enrolled.
  Result<AccessScope> EnrolledScope();
  Status SetMeta(const std::string& key, const std::string& value);
  // Commits after keeping the clock's newest stamp beside what the transaction wrote.
  Status CommitKeepingClock(sql::Transaction& transaction);
  Status CheckServerLocked(const std::string& server_id);
  Result<std::string> PutInTransaction(const TableEdit& edit, PutError* field_errors,
                                       bool keep_new_ids);

  std::unique_ptr<sql::Database> db_;
  Clock& clock_;
  HybridLogicalClock hlc_;
  ReplicaState state_;
  UuidV7Generator ids_;
  std::string device_id_;
  std::string person_;
  std::mutex mutex_;
};

}  // namespace relay::edge
