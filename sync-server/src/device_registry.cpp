#include "device_registry.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "relay/uuid.h"
#include "relay/validation.h"

namespace relay::server {
namespace {

// No 0/O, 1/I/L: a code is read over a crackling phone line.
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr size_t kCodeLength = 10;  // 31^10 ≈ 2^49.5
constexpr size_t kTokenBytes = 32;  // 256 bits

// The registry's own additions to the tables of SqliteServerStorage's migration 2, numbered
// apart from the storage's migrations (meta key registry_version) so that each grows on its
// own; entry i moves the registry from version i to i+1.
constexpr std::array<const char*, 2> kRegistryMigrations = {
    // Codes the office cancelled, or that refused tries locked, and how long the tokens they
    // give live (0: for ever). Devices: when their token expires (0: never), how long their
    // next one will live, and the next token of a rotation until its first use.
    "ALTER TABLE enrollment_codes ADD COLUMN cancelled_ms INTEGER;"
    "ALTER TABLE enrollment_codes ADD COLUMN refused_tries INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE enrollment_codes ADD COLUMN token_ttl_ms INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE enrolled_devices ADD COLUMN token_ttl_ms INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE enrolled_devices ADD COLUMN token_expires_ms INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE enrolled_devices ADD COLUMN next_token_hash TEXT;"
    "ALTER TABLE enrolled_devices ADD COLUMN next_token_expires_ms INTEGER NOT NULL DEFAULT 0;"
    "CREATE UNIQUE INDEX enrolled_devices_next_token ON enrolled_devices (next_token_hash);",
    // When each device last finished a pull (0: never), and how many changes it reported
    // keeping aside then (NULL: it never said), for the county's data health.
    "ALTER TABLE enrolled_devices ADD COLUMN last_sync_ms INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE enrolled_devices ADD COLUMN set_aside INTEGER;",
};

Result<std::string> RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    return Status::Error("the system's random source failed");
  }
  return bytes;
}

std::string Sha256Hex(const std::string& text) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), hash, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[hash[i] >> 4];
    hex += kHex[hash[i] & 15];
  }
  return hex;
}

std::string Base64Url(const std::string& bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string text;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += kDigits[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) text += kDigits[(buffer << (6 - bits)) & 63];
  return text;
}

// A fresh code; each character drawn without bias by rejecting bytes past the last whole
// multiple of the alphabet's size.
Result<std::string> NewCode() {
  std::string code;
  const unsigned limit = 256 - 256 % kCodeAlphabet.size();
  while (code.size() < kCodeLength) {
    auto bytes = RandomBytes(16);
    if (!bytes.ok()) return bytes.status();
    for (unsigned char byte : bytes.value()) {
      if (byte < limit && code.size() < kCodeLength)
        code += kCodeAlphabet[byte % kCodeAlphabet.size()];
    }
  }
  return code;
}

// A fresh bearer token: 256 random bits as 43 characters of base64url.
Result<std::string> NewToken() {
  auto bytes = RandomBytes(kTokenBytes);
  if (!bytes.ok()) return bytes.status();
  return Base64Url(bytes.value());
}

// When a token issued now expires, for tokens that live ttl_ms (0: never, and so 0).
int64_t ExpiryAfter(int64_t now, int64_t ttl_ms) {
  return ttl_ms > 0 ? now + ttl_ms : 0;
}

bool KnownRole(const std::string& role) {
  return std::find(std::begin(DeviceRegistry::kRoles), std::end(DeviceRegistry::kRoles), role) !=
         std::end(DeviceRegistry::kRoles);
}

}  // namespace

std::string NormalizedCode(const std::string& typed) {
  std::string code;
  for (unsigned char c : typed) {
    if (c == '-' || std::isspace(c)) continue;
    code += static_cast<char>(std::toupper(c));
  }
  return code;
}

Result<std::unique_ptr<DeviceRegistry>> DeviceRegistry::Open(const std::string& path, Clock& clock,
                                                             ThrottleLimits throttle) {
  auto db = sql::Database::Open(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<DeviceRegistry> registry(
      new DeviceRegistry(std::move(db).value(), clock, throttle));
  {
    auto query = registry->db_->Prepare("SELECT value FROM meta WHERE key='server_id'");
    if (!query.ok()) return query.status();
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value())
      return Status::Error(ErrorKind::kInvalid, path + ": is not a relay-server database");
    registry->server_id_ = query.value().Text(0);
  }
  if (Status status = registry->Migrate(); !status.ok()) {
    return Status::Error(status.kind(), "cannot migrate " + path + ": " + status.message());
  }
  return registry;
}

Status DeviceRegistry::Migrate() {
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  size_t version = 0;
  {
    auto query = db_->Prepare("SELECT value FROM meta WHERE key='registry_version'");
    if (!query.ok()) return query.status();
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (row.value()) {
      const std::string text = query.value().Text(0);
      std::from_chars(text.data(), text.data() + text.size(), version);
    }
  }
  if (version > kRegistryMigrations.size()) {
    return Status::Error(ErrorKind::kStorage,
                         "database is from a newer relay-server (registry "
                         "version " +
                             std::to_string(version) + "); install that release");
  }
  if (version == kRegistryMigrations.size()) return Status::Ok();
  for (size_t next = version; next < kRegistryMigrations.size(); ++next) {
    if (Status status = db_->Execute(kRegistryMigrations[next]); !status.ok()) return status;
  }
  auto store = db_->Prepare(
      "INSERT INTO meta (key, value) VALUES ('registry_version', ?) "
      "ON CONFLICT (key) DO UPDATE SET value=excluded.value");
  if (!store.ok()) return store.status();
  if (Status status = store.value().Bind(1, std::to_string(kRegistryMigrations.size())).Run();
      !status.ok()) {
    return status;
  }
  return transaction.Commit();
}

Result<std::string> DeviceRegistry::TownshipWithCode(const std::string& code) {
  auto query = db_->Prepare(
      "SELECT id FROM townships WHERE code=? AND COALESCE(archived, 0)=0 ORDER BY id LIMIT 2");
  if (!query.ok()) return query.status();
  query.value().Bind(1, code);
  std::vector<std::string> ids;
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    ids.push_back(query.value().Text(0));
  }
  if (ids.empty()) {
    return Status::Error(ErrorKind::kInvalid, "--sumu: no current township has code \"" + code +
                                                  "\" (sync its record to the county first)");
  }
  if (ids.size() > 1) {
    return Status::Error(ErrorKind::kInvalid, "--sumu: two current townships have code \"" + code +
                                                  "\"; merge or archive one first");
  }
  return ids.front();
}

Result<IssuedCode> DeviceRegistry::IssueCode(const std::string& township_code,
                                             const std::string& role, int64_t ttl_ms,
                                             int64_t token_ttl_ms) {
  if (!KnownRole(role)) {
    return Status::Error(ErrorKind::kInvalid,
                         "--role: must be clinic, team-lead or county, not \"" + role + "\"");
  }
  if (ttl_ms <= 0) return Status::Error(ErrorKind::kInvalid, "--expires-hours: must be positive");
  if (token_ttl_ms < 0)
    return Status::Error(ErrorKind::kInvalid, "--token-days: must be 0 (never) or more");
  std::lock_guard lock(mutex_);
  std::string township_id;
  if (!township_code.empty()) {
    auto found = TownshipWithCode(township_code);
    if (!found.ok()) return found.status();
    township_id = found.value();
  } else if (role != "county") {
    return Status::Error(ErrorKind::kInvalid,
                         "--sumu: a " + role + " device belongs to a township; give its code");
  }
  if (role == "county" && !township_id.empty()) {
    return Status::Error(ErrorKind::kInvalid,
                         "--sumu: a county device works for the whole banner; leave it out");
  }
  auto code = NewCode();
  if (!code.ok()) return code.status();
  const int64_t now = clock_.NowMs();
  auto insert = db_->Prepare(
      "INSERT INTO enrollment_codes (code_hash, township_id, role, created_ms, expires_ms, "
      "token_ttl_ms) VALUES (?,?,?,?,?,?)");
  if (!insert.ok()) return insert.status();
  insert.value()
      .Bind(1, Sha256Hex(code.value()))
      .Bind(2, township_id)
      .Bind(3, role)
      .Bind(4, now)
      .Bind(5, now + ttl_ms)
      .Bind(6, token_ttl_ms);
  if (Status status = insert.value().Run(); !status.ok()) return status;
  return IssuedCode{code.value().substr(0, 5) + "-" + code.value().substr(5), now + ttl_ms};
}

Status DeviceRegistry::CancelCode(const std::string& typed_code) {
  const std::string hash = Sha256Hex(NormalizedCode(typed_code));
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto query = db_->Prepare("SELECT used_by FROM enrollment_codes WHERE code_hash=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, hash);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) {
    return Status::Error(ErrorKind::kInvalid,
                         "code: no such code was issued with this database (check it as printed)");
  }
  if (!query.value().IsNull(0)) {
    return Status::Error(ErrorKind::kInvalid, "code: was used already, by device " +
                                                  query.value().Text(0) +
                                                  "; revoke that device instead");
  }
  auto cancel = db_->Prepare(
      "UPDATE enrollment_codes SET cancelled_ms=COALESCE(cancelled_ms, ?) WHERE code_hash=?");
  if (!cancel.ok()) return cancel.status();
  if (Status status = cancel.value().Bind(1, clock_.NowMs()).Bind(2, hash).Run(); !status.ok())
    return status;
  return transaction.Commit();
}

Result<Enrollment> DeviceRegistry::Enroll(const std::string& typed_code, const std::string& device,
                                          const std::string& remote_address) {
  // A throttled address learns nothing about its code, right or wrong.
  if (Status admitted = throttle_.Admit(remote_address); !admitted.ok()) return admitted;
  auto enrolled = [&] {
    std::lock_guard lock(mutex_);
    return EnrollWithCode(typed_code, device);
  }();
  if (!enrolled.ok() && enrolled.status().kind() == ErrorKind::kNotAllowed)
    throttle_.Refused(remote_address);
  return enrolled;
}

Result<Enrollment> DeviceRegistry::EnrollWithCode(const std::string& typed_code,
                                                  const std::string& device) {
  if (!IsUuidV7(device))
    return Status::Error(ErrorKind::kInvalid, "device: must be a lowercase UUIDv7");
  const std::string code_hash = Sha256Hex(NormalizedCode(typed_code));
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  const int64_t now = clock_.NowMs();
  auto query = db_->Prepare(
      "SELECT township_id, role, token_ttl_ms, cancelled_ms, refused_tries FROM enrollment_codes "
      "WHERE code_hash=? AND used_by IS NULL AND expires_ms > ?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, code_hash).Bind(2, now);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  // One answer for every refusal: a guesser learns nothing about which codes exist. Only the
  // holder of a valid code hears more.
  if (!row.value())
    return Status::Error(ErrorKind::kNotAllowed, "code: is unknown, used or expired");
  if (!query.value().IsNull(3)) {
    return Status::Error(ErrorKind::kNotAllowed,
                         "code: was cancelled by the county office; ask it for a new code");
  }
  const int64_t refused_tries = query.value().Int(4);
  if (refused_tries >= kRefusalsThatLockACode) {
    return Status::Error(ErrorKind::kNotAllowed,
                         "code: is locked after " + std::to_string(kRefusalsThatLockACode) +
                             " refused tries; ask the county office for a new code");
  }
  Enrollment enrollment;
  enrollment.grant = DeviceGrant{device, query.value().Text(0), query.value().Text(1)};
  const int64_t token_ttl_ms = query.value().Int(2);
  // A code must not take over a laptop whose token works: the office revokes it first.
  auto active = db_->Prepare(
      "SELECT 1 FROM enrolled_devices WHERE device=?1 AND revoked_ms IS NULL AND ("
      "token_expires_ms=0 OR token_expires_ms > ?2 OR (next_token_hash IS NOT NULL AND "
      "(next_token_expires_ms=0 OR next_token_expires_ms > ?2)))");
  if (!active.ok()) return active.status();
  active.value().Bind(1, device).Bind(2, now);
  auto taken = active.value().Step();
  if (!taken.ok()) return taken.status();
  if (taken.value()) {
    // The code stays unspent, but each such try counts towards locking it.
    auto count = db_->Prepare(
        "UPDATE enrollment_codes SET refused_tries=refused_tries + 1 WHERE code_hash=?");
    if (!count.ok()) return count.status();
    if (Status status = count.value().Bind(1, code_hash).Run(); !status.ok()) return status;
    if (Status status = transaction.Commit(); !status.ok()) return status;
    const int64_t left = kRefusalsThatLockACode - refused_tries - 1;
    return Status::Error(
        ErrorKind::kNotAllowed,
        "device: " + device +
            " is enrolled already; the county office revokes it before it enrolls "
            "again (" +
            (left > 0 ? "this code locks after " + std::to_string(left) + " more such tries"
                      : "this code is locked now") +
            ")");
  }
  auto token = NewToken();
  if (!token.ok()) return token.status();
  enrollment.token = token.value();

  auto spend = db_->Prepare("UPDATE enrollment_codes SET used_by=? WHERE code_hash=?");
  if (!spend.ok()) return spend.status();
  if (Status status = spend.value().Bind(1, device).Bind(2, code_hash).Run(); !status.ok())
    return status;
  auto store = db_->Prepare(
      "INSERT INTO enrolled_devices (device, token_hash, township_id, role, enrolled_ms, "
      "revoked_ms, token_ttl_ms, token_expires_ms, next_token_hash, next_token_expires_ms) "
      "VALUES (?,?,?,?,?,NULL,?,?,NULL,0) ON CONFLICT (device) DO UPDATE SET "
      "token_hash=excluded.token_hash, township_id=excluded.township_id, role=excluded.role, "
      "enrolled_ms=excluded.enrolled_ms, revoked_ms=NULL, token_ttl_ms=excluded.token_ttl_ms, "
      "token_expires_ms=excluded.token_expires_ms, next_token_hash=NULL, "
      "next_token_expires_ms=0");
  if (!store.ok()) return store.status();
  store.value()
      .Bind(1, device)
      .Bind(2, Sha256Hex(enrollment.token))
      .Bind(3, enrollment.grant.township_id)
      .Bind(4, enrollment.grant.role)
      .Bind(5, now)
      .Bind(6, token_ttl_ms)
      .Bind(7, ExpiryAfter(now, token_ttl_ms));
  if (Status status = store.value().Run(); !status.ok()) return status;
  if (Status status = transaction.Commit(); !status.ok()) return status;
  return enrollment;
}

Result<DeviceGrant> DeviceRegistry::Authenticate(const std::string& token,
                                                 std::string* refused_device) {
  const std::string hash = Sha256Hex(token);
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT device, township_id, role, revoked_ms, token_hash=?1, token_expires_ms, "
      "next_token_expires_ms, token_ttl_ms FROM enrolled_devices "
      "WHERE token_hash=?1 OR next_token_hash=?1");
  if (!query.ok()) return query.status();
  query.value().Bind(1, hash);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value())
    return Status::Error(ErrorKind::kNotAllowed, "token: is not one this server issued");
  const sql::Statement& found = query.value();
  const std::string device = found.Text(0);
  auto refuse = [&](const std::string& message) {
    if (refused_device) *refused_device = device;
    return Status::Error(ErrorKind::kNotAllowed, message);
  };
  if (!found.IsNull(3))
    return refuse("token: this laptop's enrollment was revoked by the county office");
  const bool working = found.Int(4) != 0;  // else the next token of a rotation
  const int64_t expires_ms = working ? found.Int(5) : found.Int(6);
  const int64_t now = clock_.NowMs();
  if (expires_ms != 0 && expires_ms <= now) {
    return refuse("token: expired at " + FormatUtcTime(expires_ms / 1000) +
                  "; the county office gives this laptop a new code");
  }
  DeviceGrant grant{device, found.Text(1), found.Text(2)};
  const int64_t ttl_ms = found.Int(7);
  grant.rotate_token = expires_ms != 0 && ttl_ms > 0 && (expires_ms - now) * 3 < ttl_ms;
  if (!working) {
    // The first use of the next token retires the one it replaces.
    auto promote = db_->Prepare(
        "UPDATE enrolled_devices SET token_hash=next_token_hash, "
        "token_expires_ms=next_token_expires_ms, next_token_hash=NULL, next_token_expires_ms=0 "
        "WHERE device=? AND next_token_hash=?");
    if (!promote.ok()) return promote.status();
    if (Status status = promote.value().Bind(1, device).Bind(2, hash).Run(); !status.ok())
      return status;
  }
  return grant;
}

Result<Rotation> DeviceRegistry::Rotate(const std::string& device) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto query = db_->Prepare("SELECT revoked_ms, token_ttl_ms FROM enrolled_devices WHERE device=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, device);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value())
    return Status::Error(ErrorKind::kNotAllowed, "device: " + device + " is not enrolled here");
  if (!query.value().IsNull(0)) {
    return Status::Error(ErrorKind::kNotAllowed,
                         "token: this laptop's enrollment was revoked by the county office");
  }
  auto token = NewToken();
  if (!token.ok()) return token.status();
  const Rotation rotation{token.value(), ExpiryAfter(clock_.NowMs(), query.value().Int(1))};
  auto store = db_->Prepare(
      "UPDATE enrolled_devices SET next_token_hash=?, next_token_expires_ms=? WHERE device=?");
  if (!store.ok()) return store.status();
  store.value().Bind(1, Sha256Hex(rotation.token)).Bind(2, rotation.expires_ms).Bind(3, device);
  if (Status status = store.value().Run(); !status.ok()) return status;
  if (Status status = transaction.Commit(); !status.ok()) return status;
  return rotation;
}

Status DeviceRegistry::SetTokenLifetime(const std::string& device, int64_t token_ttl_ms) {
  if (token_ttl_ms < 0)
    return Status::Error(ErrorKind::kInvalid, "--days: must be 0 (never) or more");
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  if (Status known = EverEnrolled(device); !known.ok()) return known;
  // Counted from now, not from the token's issue, so the change itself cuts no laptop off.
  const int64_t expires_ms = ExpiryAfter(clock_.NowMs(), token_ttl_ms);
  auto update = db_->Prepare(
      "UPDATE enrolled_devices SET token_ttl_ms=?, token_expires_ms=?, next_token_expires_ms=? "
      "WHERE device=?");
  if (!update.ok()) return update.status();
  update.value().Bind(1, token_ttl_ms).Bind(2, expires_ms).Bind(3, expires_ms).Bind(4, device);
  if (Status status = update.value().Run(); !status.ok()) return status;
  return transaction.Commit();
}

Status DeviceRegistry::EverEnrolled(const std::string& device) {
  auto query = db_->Prepare("SELECT 1 FROM enrolled_devices WHERE device=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, device);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value())
    return Status::Error(ErrorKind::kInvalid, "device: " + device + " was never enrolled here");
  return Status::Ok();
}

Status DeviceRegistry::NoteSync(const std::string& device, std::optional<int64_t> set_aside) {
  const int64_t now = clock_.NowMs();
  std::lock_guard lock(mutex_);
  auto noted = noted_syncs_.find(device);
  if (noted != noted_syncs_.end() && now - noted->second.written_ms < kSyncNoteIntervalMs &&
      (!set_aside || set_aside == noted->second.set_aside)) {
    return Status::Ok();
  }
  auto update = db_->Prepare(
      "UPDATE enrolled_devices SET last_sync_ms=MAX(last_sync_ms, ?), "
      "set_aside=COALESCE(?, set_aside) WHERE device=?");
  if (!update.ok()) return update.status();
  update.value().Bind(1, now).Bind(3, device);
  if (set_aside)
    update.value().Bind(2, *set_aside);
  else
    update.value().BindNull(2);
  if (Status status = update.value().Run(); !status.ok()) return status;
  NotedSync& entry = noted_syncs_[device];
  entry.written_ms = now;
  if (set_aside) entry.set_aside = set_aside;
  return Status::Ok();
}

Result<std::vector<EnrolledDevice>> DeviceRegistry::Devices() {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT device, township_id, role, enrolled_ms, COALESCE(revoked_ms, 0), token_expires_ms, "
      "last_sync_ms, set_aside FROM enrolled_devices ORDER BY enrolled_ms, device");
  if (!query.ok()) return query.status();
  std::vector<EnrolledDevice> devices;
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    const sql::Statement& found = query.value();
    EnrolledDevice device{{found.Text(0), found.Text(1), found.Text(2)},
                          found.Int(3),
                          found.Int(4),
                          found.Int(5),
                          found.Int(6),
                          found.IsNull(7) ? std::nullopt : std::optional(found.Int(7))};
    devices.push_back(std::move(device));
  }
  return devices;
}

Status DeviceRegistry::Revoke(const std::string& device) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  if (Status known = EverEnrolled(device); !known.ok()) return known;
  auto revoke =
      db_->Prepare("UPDATE enrolled_devices SET revoked_ms=COALESCE(revoked_ms, ?) WHERE device=?");
  if (!revoke.ok()) return revoke.status();
  if (Status status = revoke.value().Bind(1, clock_.NowMs()).Bind(2, device).Run(); !status.ok())
    return status;
  return transaction.Commit();
}

}  // namespace relay::server
