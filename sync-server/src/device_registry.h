#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "enroll_throttle.h"
#include "relay/access_scope.h"
#include "relay/clock.h"
#include "relay/sqlite.h"
#include "relay/status.h"

namespace relay::server {

// What an enrolled device may do: whose it is, for which township, in which role.
struct DeviceGrant {
  std::string device;
  std::string township_id;  // empty for the county role
  std::string role;         // "clinic", "team-lead" or "county"
  // The token it was granted by has less than a third of its life left: the laptop should
  // trade it for the next one (DeviceRegistry::Rotate).
  bool rotate_token = false;

  AccessScope scope() const { return AccessScope{role, township_id}; }
};

// A one-time enrollment code as the county office reads it over the phone.
struct IssuedCode {
  std::string code;  // "K7QM3-XDPW9"
  int64_t expires_ms = 0;
};

// An enrolled device as `relay-server admin devices` lists it.
struct EnrolledDevice {
  DeviceGrant grant;
  int64_t enrolled_ms = 0;
  int64_t revoked_ms = 0;            // 0 while it may sync
  int64_t token_expires_ms = 0;      // 0 when its token never expires
  int64_t last_sync_ms = 0;          // when it last finished a pull, to a minute; 0: never
  std::optional<int64_t> set_aside;  // changes it keeps aside, as its last pull said
};

// What a good enrollment gives the laptop: its bearer token, shown once and stored only hashed.
struct Enrollment {
  std::string token;
  DeviceGrant grant;
};

// What a rotation gives the laptop: the token that replaces its working one, shown once and
// stored only hashed, and when it expires (0: never).
struct Rotation {
  std::string token;
  int64_t expires_ms = 0;
};

// The county's enrolled devices in the server database (its own connection, so admin commands
// and the serving process can share the file): one-time codes bound to a township and a role,
// traded for random bearer tokens that are stored only as SHA-256 hashes and can be revoked.
// A failing database is kStorage.
class DeviceRegistry {
 public:
  static constexpr const char* kRoles[] = {"clinic", "team-lead", "county"};
  // Refused enrollments with one valid code (for a device enrolled already) that lock it.
  static constexpr int kRefusalsThatLockACode = 5;

  // Opens the registry of a server database that SqliteServerStorage::Open has migrated, and
  // migrates the registry's own additions to it. Enrollments are throttled by address with the
  // given limits (EnrollThrottle).
  static Result<std::unique_ptr<DeviceRegistry>> Open(const std::string& path, Clock& clock,
                                                      ThrottleLimits throttle = {});

  // A code for one device of the township with this code (empty only for the county role)
  // and role, valid for ttl_ms; the tokens of that device expire token_ttl_ms after each is
  // issued (0: never). Refuses an unknown role or township (kInvalid).
  Result<IssuedCode> IssueCode(const std::string& township_code, const std::string& role,
                               int64_t ttl_ms, int64_t token_ttl_ms = 0);
  // Stops an unspent code from enrolling anything; refuses a code never issued here or
  // already used (kInvalid).
  Status CancelCode(const std::string& typed_code);
  // Trades an unspent, unexpired code for a new token bound to device, spending the code.
  // Refuses, in this order: remote_address (where the request came from) when enrollments
  // from it were refused too often lately (kTooMany, with the wait; EnrollThrottle), before
  // anything else is looked at; a malformed device id (kInvalid); a code unknown, used,
  // expired, cancelled or locked, or a device enrolled with a token that works (kNotAllowed:
  // a code never takes over a working laptop). Each kNotAllowed counts against the address,
  // and against the code when it was valid: its kRefusalsThatLockACode-th locks it. A revoked
  // or expired device gets the new token and grant in place of the old.
  Result<Enrollment> Enroll(const std::string& code, const std::string& device,
                            const std::string& remote_address = "");
  // The grant of a token: the device's working token, or the next one of a rotation, whose
  // first use retires the one it replaces. When none, kNotAllowed saying whether the token is
  // unknown, revoked or expired; for a revoked or expired one, *refused_device (when given) is
  // set to its device, so the refusal can be audited under it.
  Result<DeviceGrant> Authenticate(const std::string& token, std::string* refused_device = nullptr);
  // A next token for the device, to replace its working one: that one keeps working until the
  // next is first used, so a laptop that never got the answer loses nothing, and another
  // rotation before then replaces the unused next token. The next token lives as long as the
  // device's tokens do. Refuses a device not enrolled or revoked (kNotAllowed).
  Result<Rotation> Rotate(const std::string& device);
  // Makes the device's tokens expire token_ttl_ms after they are issued (0: never), its working
  // token token_ttl_ms from now; refuses a device never enrolled (kInvalid).
  Status SetTokenLifetime(const std::string& device, int64_t token_ttl_ms);
  // Notes that the device finished a pull now, and the changes it keeps aside when it said.
  // Written at most once a minute per device unless the count changes, so a busy server
  // does not write for every pull.
  Status NoteSync(const std::string& device, std::optional<int64_t> set_aside);
  Result<std::vector<EnrolledDevice>> Devices();
  // Stops the device's token from working; refuses a device never enrolled (kInvalid).
  Status Revoke(const std::string& device);
  // The id of this server database, which a laptop keeps to tell it from another.
  const std::string& server_id() const { return server_id_; }

 private:
  DeviceRegistry(std::unique_ptr<sql::Database> db, Clock& clock, ThrottleLimits throttle)
      : db_(std::move(db)), clock_(clock), throttle_(clock, throttle) {}
  Status Migrate();
  Result<std::string> TownshipWithCode(const std::string& code);
  // Ok when the device was ever enrolled here, else kInvalid naming it; under the lock.
  Status EverEnrolled(const std::string& device);
  // Enroll without the throttle, under the lock.
  Result<Enrollment> EnrollWithCode(const std::string& code, const std::string& device);

  static constexpr int64_t kSyncNoteIntervalMs = 60'000;
  // What NoteSync last wrote for a device, so it can skip writing the same again soon.
  struct NotedSync {
    int64_t written_ms = 0;
    std::optional<int64_t> set_aside;
  };

  std::unique_ptr<sql::Database> db_;
  Clock& clock_;
  EnrollThrottle throttle_;
  std::unordered_map<std::string, NotedSync> noted_syncs_;
  std::string server_id_;
  std::mutex mutex_;  // one statement sequence at a time on the connection
};

// A code as typed, in canonical form: upper case, without spaces or dashes.
std::string NormalizedCode(const std::string& typed);

}  // namespace relay::server
