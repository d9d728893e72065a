#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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
  int64_t revoked_ms = 0;  // 0 while it may sync
};

// What a good enrollment gives the laptop: its bearer token, shown once and stored only hashed.
struct Enrollment {
  std::string token;
  DeviceGrant grant;
};

// The county's enrolled devices in the server database (its own connection, so admin commands
// and the serving process can share the file): one-time codes bound to a township and a role,
// traded for random bearer tokens that are stored only as SHA-256 hashes and can be revoked.
// A failing database is kStorage.
class DeviceRegistry {
 public:
  static constexpr const char* kRoles[] = {"clinic", "team-lead", "county"};

  // Opens the registry of a server database that SqliteServerStorage::Open has migrated.
  static Result<std::unique_ptr<DeviceRegistry>> Open(const std::string& path, Clock& clock);

  // A code for one device of the township with this code (empty only for the county role)
  // and role, valid for ttl_ms. Refuses an unknown role or township (kInvalid).
  Result<IssuedCode> IssueCode(const std::string& township_code, const std::string& role,
                               int64_t ttl_ms);
  // Trades an unspent, unexpired code for a new token bound to device, spending the code.
  // Refuses a malformed device id (kInvalid), and a code unknown, used or expired or a device
  // enrolled and not revoked (kNotAllowed: a code never takes over a working laptop); a
  // revoked one gets the new token and grant in place of the old.
  Result<Enrollment> Enroll(const std::string& code, const std::string& device);
  // The grant of a token; kNotAllowed, saying whether it is unknown or revoked, when none.
  Result<DeviceGrant> Authenticate(const std::string& token);
  Result<std::vector<EnrolledDevice>> Devices();
  // Stops the device's token from working; refuses a device never enrolled (kInvalid).
  Status Revoke(const std::string& device);
  // The id of this server database, which a laptop keeps to tell it from another.
  const std::string& server_id() const { return server_id_; }

 private:
  DeviceRegistry(std::unique_ptr<sql::Database> db, Clock& clock)
      : db_(std::move(db)), clock_(clock) {}
  Result<std::string> TownshipWithCode(const std::string& code);

  std::unique_ptr<sql::Database> db_;
  Clock& clock_;
  std::string server_id_;
  std::mutex mutex_;  // one statement sequence at a time on the connection
};

// A code as typed, in canonical form: upper case, without spaces or dashes.
std::string NormalizedCode(const std::string& typed);

}  // namespace relay::server
