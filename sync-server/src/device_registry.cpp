#include "device_registry.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>

#include "relay/uuid.h"

namespace relay::server {
namespace {

// No 0/O, 1/I/L: a code is read over a crackling phone line.
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr size_t kCodeLength = 10;  // 31^10 ≈ 2^49.5
constexpr size_t kTokenBytes = 32;  // 256 bits

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

Result<std::unique_ptr<DeviceRegistry>> DeviceRegistry::Open(const std::string& path,
                                                             Clock& clock) {
  auto db = sql::Database::Open(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<DeviceRegistry> registry(new DeviceRegistry(std::move(db).value(), clock));
  auto query = registry->db_->Prepare("SELECT value FROM meta WHERE key='server_id'");
  if (!query.ok()) return query.status();
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value())
    return Status::Error(ErrorKind::kInvalid, path + ": is not a relay-server database");
  registry->server_id_ = query.value().Text(0);
  return registry;
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
                                             const std::string& role, int64_t ttl_ms) {
  if (!KnownRole(role)) {
    return Status::Error(ErrorKind::kInvalid,
                         "--role: must be clinic, team-lead or county, not \"" + role + "\"");
  }
  if (ttl_ms <= 0) return Status::Error(ErrorKind::kInvalid, "--expires-hours: must be positive");
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
      "INSERT INTO enrollment_codes (code_hash, township_id, role, created_ms, expires_ms) "
      "VALUES (?,?,?,?,?)");
  if (!insert.ok()) return insert.status();
  insert.value()
      .Bind(1, Sha256Hex(code.value()))
      .Bind(2, township_id)
      .Bind(3, role)
      .Bind(4, now)
      .Bind(5, now + ttl_ms);
  if (Status status = insert.value().Run(); !status.ok()) return status;
  return IssuedCode{code.value().substr(0, 5) + "-" + code.value().substr(5), now + ttl_ms};
}

Result<Enrollment> DeviceRegistry::Enroll(const std::string& typed_code,
                                          const std::string& device) {
  if (!IsUuidV7(device))
    return Status::Error(ErrorKind::kInvalid, "device: must be a lowercase UUIDv7");
  const std::string code = NormalizedCode(typed_code);
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  const int64_t now = clock_.NowMs();
  auto query = db_->Prepare(
      "SELECT township_id, role FROM enrollment_codes "
      "WHERE code_hash=? AND used_by IS NULL AND expires_ms > ?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, Sha256Hex(code)).Bind(2, now);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  // One answer for every refusal: a guesser learns nothing about which codes exist.
  if (!row.value())
    return Status::Error(ErrorKind::kNotAllowed, "code: is unknown, used or expired");
  Enrollment enrollment;
  enrollment.grant = DeviceGrant{device, query.value().Text(0), query.value().Text(1)};
  // A code must not take over a laptop that is enrolled: the office revokes it first.
  auto active =
      db_->Prepare("SELECT 1 FROM enrolled_devices WHERE device=? AND revoked_ms IS NULL");
  if (!active.ok()) return active.status();
  active.value().Bind(1, device);
  auto taken = active.value().Step();
  if (!taken.ok()) return taken.status();
  if (taken.value()) {
    return Status::Error(ErrorKind::kNotAllowed,
                         "device: " + device +
                             " is enrolled already; the county office revokes it before it enrolls "
                             "again");
  }
  auto bytes = RandomBytes(kTokenBytes);
  if (!bytes.ok()) return bytes.status();
  enrollment.token = Base64Url(bytes.value());

  auto spend = db_->Prepare("UPDATE enrollment_codes SET used_by=? WHERE code_hash=?");
  if (!spend.ok()) return spend.status();
  if (Status status = spend.value().Bind(1, device).Bind(2, Sha256Hex(code)).Run(); !status.ok())
    return status;
  auto store = db_->Prepare(
      "INSERT INTO enrolled_devices (device, token_hash, township_id, role, enrolled_ms, "
      "revoked_ms) VALUES (?,?,?,?,?,NULL) ON CONFLICT (device) DO UPDATE SET "
      "token_hash=excluded.token_hash, township_id=excluded.township_id, role=excluded.role, "
      "enrolled_ms=excluded.enrolled_ms, revoked_ms=NULL");
  if (!store.ok()) return store.status();
  store.value()
      .Bind(1, device)
      .Bind(2, Sha256Hex(enrollment.token))
      .Bind(3, enrollment.grant.township_id)
      .Bind(4, enrollment.grant.role)
      .Bind(5, now);
  if (Status status = store.value().Run(); !status.ok()) return status;
  if (Status status = transaction.Commit(); !status.ok()) return status;
  return enrollment;
}

Result<DeviceGrant> DeviceRegistry::Authenticate(const std::string& token) {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT device, township_id, role, revoked_ms FROM enrolled_devices WHERE token_hash=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, Sha256Hex(token));
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value())
    return Status::Error(ErrorKind::kNotAllowed, "token: is not one this server issued");
  if (!query.value().IsNull(3)) {
    return Status::Error(ErrorKind::kNotAllowed,
                         "token: this laptop's enrollment was revoked by the county office");
  }
  return DeviceGrant{query.value().Text(0), query.value().Text(1), query.value().Text(2)};
}

Result<std::vector<EnrolledDevice>> DeviceRegistry::Devices() {
  std::lock_guard lock(mutex_);
  auto query = db_->Prepare(
      "SELECT device, township_id, role, enrolled_ms, COALESCE(revoked_ms, 0) "
      "FROM enrolled_devices ORDER BY enrolled_ms, device");
  if (!query.ok()) return query.status();
  std::vector<EnrolledDevice> devices;
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    devices.push_back({{query.value().Text(0), query.value().Text(1), query.value().Text(2)},
                       query.value().Int(3),
                       query.value().Int(4)});
  }
  return devices;
}

Status DeviceRegistry::Revoke(const std::string& device) {
  std::lock_guard lock(mutex_);
  sql::Transaction transaction(*db_);
  if (!transaction.begun().ok()) return transaction.begun();
  auto query = db_->Prepare("SELECT 1 FROM enrolled_devices WHERE device=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, device);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value())
    return Status::Error(ErrorKind::kInvalid, "device: " + device + " was never enrolled here");
  auto revoke =
      db_->Prepare("UPDATE enrolled_devices SET revoked_ms=COALESCE(revoked_ms, ?) WHERE device=?");
  if (!revoke.ok()) return revoke.status();
  if (Status status = revoke.value().Bind(1, clock_.NowMs()).Bind(2, device).Run(); !status.ok())
    return status;
  return transaction.Commit();
}

}  // namespace relay::server
