// relay-server: the county office's sync server.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "audit_log.h"
#include "device_registry.h"
#include "http_server.h"
#include "relay/schema.h"
#include "relay/uuid.h"
#include "relay/validation.h"
#include "sqlite_server_storage.h"
#include "sync_service.h"
#include "tls_identity.h"

namespace {

constexpr const char* kUsage =
    "usage: relay-server serve --db FILE --listen URL [--cert FILE --key FILE]\n"
    "                    [--max-body-bytes N] [--max-drift-seconds N]\n"
    "                    [--head-timeout-seconds N] [--body-timeout-seconds N]\n"
    "                    [--max-connections N] [--max-connections-per-address N]\n"
    "                    URL is http://HOST:PORT, or https://HOST:PORT with --cert (the PEM\n"
    "                    certificate chain, server's first) and --key (its PEM private key)\n"
    "       relay-server admin enroll --db FILE --role clinic|team-lead|county [--sumu CODE]\n"
    "                    [--expires-hours N] [--token-days N]\n"
    "                    print a one-time code for one laptop, whose tokens expire N days\n"
    "                    after each is issued (never without --token-days); it renews them\n"
    "       relay-server admin cancel-code --db FILE CODE  stop an unused code from enrolling\n"
    "       relay-server admin devices --db FILE     list the enrolled devices\n"
    "       relay-server admin revoke --db FILE DEVICE  stop a device's token from working\n"
    "       relay-server admin token-expiry --db FILE --device ID --days N\n"
    "                    the device's token expires N days from now, and each next one N days\n"
    "                    after it is issued (0: never)\n"
    "       relay-server admin history --db FILE --table TABLE --id ID\n"
    "                    every stored change of one record: when, field, value, device, person\n"
    "       relay-server admin audit --db FILE [--limit N] [--device ID]\n"
    "                    the newest audit log entries (20 unless --limit), newest first\n";

int Fail(const std::string& reason) {
  std::cerr << "relay-server: " << reason << "\n";
  return 1;
}

bool ParseCount(const std::string& text, int64_t* value) {
  try {
    size_t used = 0;
    *value = std::stoll(text, &used);
    return used == text.size() && *value > 0;
  } catch (const std::exception&) {
    return false;
  }
}

// Reads a number of days from 0 to a century, as milliseconds; false when it is not one.
bool ParseDays(const std::string& text, int64_t* ms) {
  try {
    size_t used = 0;
    const int64_t days = std::stoll(text, &used);
    if (used != text.size() || days < 0 || days > 36'500) return false;
    *ms = days * 24 * 3600 * 1000;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// The identity to serve https with (nullopt for http), checked before anything is opened:
// --cert and --key go with https:// and only with it.
relay::Result<std::optional<relay::server::TlsIdentity>> TlsFor(const std::string& listen_url,
                                                                const std::string& cert_path,
                                                                const std::string& key_path) {
  if (listen_url.rfind("http://", 0) == 0) {
    for (const auto& [flag, path] : {std::pair{"--cert", &cert_path}, {"--key", &key_path}}) {
      if (!path->empty()) {
        return relay::Status::Error(std::string(flag) +
                                    ": is only for an https:// --listen URL; drop it, or serve "
                                    "https://HOST:PORT");
      }
    }
    return std::optional<relay::server::TlsIdentity>();
  }
  if (listen_url.rfind("https://", 0) != 0) {
    return relay::Status::Error(
        "--listen: must be a URL such as http://127.0.0.1:8787 or https://relay-county.lan:8443");
  }
  for (const auto& [flag, path, what] :
       {std::tuple{"--cert", &cert_path, "the PEM certificate chain"},
        {"--key", &key_path, "the PEM private key"}}) {
    if (path->empty()) {
      return relay::Status::Error(std::string(flag) +
                                  ": is required with an https:// --listen URL (" + what +
                                  " the server presents)");
    }
  }
  auto identity = relay::server::TlsIdentity::Load(cert_path, key_path);
  if (!identity.ok()) return identity.status();
  return std::optional<relay::server::TlsIdentity>(std::move(identity).value());
}

int Serve(const std::vector<std::string>& args) {
  std::string db_path;
  std::string listen_url;
  std::string cert_path;
  std::string key_path;
  relay::server::ServiceLimits limits;
  relay::server::http::Limits connection_limits;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return Fail(flag + ": needs a value\n" + kUsage);
    const std::string& value = args[++i];
    int64_t number = 0;
    if (flag == "--db") {
      db_path = value;
    } else if (flag == "--listen") {
      listen_url = value;
    } else if (flag == "--cert") {
      cert_path = value;
    } else if (flag == "--key") {
      key_path = value;
    } else if (flag == "--max-body-bytes") {
      if (!ParseCount(value, &number)) return Fail("--max-body-bytes: must be a positive integer");
      limits.max_body_bytes = static_cast<size_t>(number);
    } else if (flag == "--max-drift-seconds") {
      if (!ParseCount(value, &number))
        return Fail("--max-drift-seconds: must be a positive integer");
      limits.max_drift_ms = number * 1000;
    } else if (flag == "--head-timeout-seconds" || flag == "--body-timeout-seconds") {
      if (!ParseCount(value, &number)) return Fail(flag + ": must be a positive integer");
      (flag == "--head-timeout-seconds" ? connection_limits.head_timeout
                                        : connection_limits.body_timeout) =
          std::chrono::seconds(number);
    } else if (flag == "--max-connections" || flag == "--max-connections-per-address") {
      if (!ParseCount(value, &number)) return Fail(flag + ": must be a positive integer");
      (flag == "--max-connections" ? connection_limits.max_connections
                                   : connection_limits.max_connections_per_address) =
          static_cast<size_t>(number);
    } else {
      return Fail("unknown option " + flag + "\n" + kUsage);
    }
  }
  if (db_path.empty()) return Fail(std::string("--db: is required\n") + kUsage);
  auto tls = TlsFor(listen_url, cert_path, key_path);
  if (!tls.ok()) return Fail(tls.status().message());
  if (tls.value() && tls.value()->outside_validity()) {
    std::cerr << "relay-server: warning: --cert: " << cert_path
              << ": the certificate is not valid now (valid until " << tls.value()->expires()
              << "); laptops will refuse to sync until it is renewed\n";
  }

  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  relay::SystemClock clock;
  auto storage = relay::server::SqliteServerStorage::Open(db_path, clock);
  if (!storage.ok()) return Fail(storage.status().message());
  auto registry = relay::server::DeviceRegistry::Open(db_path, clock);
  if (!registry.ok()) return Fail(registry.status().message());
  auto audit = relay::server::AuditLog::Open(db_path, clock);
  if (!audit.ok()) return Fail(audit.status().message());
  relay::server::SyncService service(*storage.value(), clock, limits);
  relay::server::HttpServer server(service, *registry.value(), *audit.value(), listen_url,
                                   std::move(tls).value(), connection_limits);
  if (auto status = server.Start(); !status.ok()) return Fail(status.message());
  std::cout << "relay-server: serving " << listen_url << " with " << db_path << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  std::cout << "relay-server: stopping on signal " << received << std::endl;
  server.Stop();
  return 0;
}

// The flags given as --name value pairs, and what is left; nullopt when a flag lacks its value.
std::optional<std::map<std::string, std::string>> Flags(const std::vector<std::string>& args,
                                                        std::vector<std::string>* rest) {
  std::map<std::string, std::string> flags;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) != 0) {
      rest->push_back(args[i]);
      continue;
    }
    if (i + 1 >= args.size()) return std::nullopt;
    flags[args[i]] = args[i + 1];
    ++i;
  }
  return flags;
}

std::string UtcText(int64_t ms) {
  return relay::FormatUtcTime(ms / 1000);
}

// One line per stored change of the record, oldest first: when it was made (its HLC's wall
// time, UTC), the field and value, the device, and the person by name when known.
int History(relay::server::SqliteServerStorage& storage, const std::string& table,
            const std::string& id) {
  if (!relay::FindTable(table)) return Fail("--table: unknown table \"" + table + "\"");
  if (!relay::IsUuidV7(id)) return Fail("--id: must be a record's lowercase UUIDv7");
  auto history = storage.History(table, id);
  if (!history.ok()) return Fail(history.status().message());
  if (history.value().empty()) return Fail("no stored change of " + table + " " + id);
  for (const auto& entry : history.value()) {
    const relay::Change& change = entry.change;
    std::string person = "-";
    if (!change.person.empty()) {
      person = entry.person_name.empty() ? change.person
                                         : entry.person_name + " (" + change.person + ")";
    }
    std::cout << UtcText(change.hlc.wall_ms) << " " << change.field << "="
              << change.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << " device=" << change.device << " person=" << person << "\n";
  }
  return 0;
}

// Records what an admin command did, or why it was refused; a failure to record is printed
// and does not undo the command.
void AuditAdmin(relay::server::AuditLog& audit, const std::string& command,
                const std::string& device, const relay::Status& outcome, const std::string& done) {
  relay::server::AuditEntry entry;
  entry.endpoint = "admin " + command;
  entry.device = device;
  entry.status = outcome.ok() ? 200 : 400;
  entry.error = outcome.ok() ? "" : "refused";
  entry.reason = outcome.ok() ? done : outcome.message();
  if (auto status = audit.Record(entry); !status.ok()) {
    std::cerr << "relay-server: could not write the audit log: " << status.message() << "\n";
  }
}

// relay-server admin enroll|cancel-code|devices|revoke|token-expiry|history|audit: the county
// office's device list and audit log, on the server's database file (also while the server runs).
int Admin(const std::vector<std::string>& args) {
  if (args.empty()) return Fail(std::string("admin: which command?\n") + kUsage);
  std::vector<std::string> rest;
  auto flags = Flags({args.begin() + 1, args.end()}, &rest);
  if (!flags) return Fail(std::string("admin: a flag lacks its value\n") + kUsage);
  const std::string db_path = (*flags)["--db"];
  if (db_path.empty()) return Fail(std::string("--db: is required\n") + kUsage);
  // A mistyped path must not become a new, empty county database.
  if (!std::filesystem::exists(db_path)) {
    return Fail("--db: " + db_path + " does not exist (the server makes it when it first serves)");
  }
  for (const auto& [flag, value] : *flags) {
    if (flag != "--db" && flag != "--role" && flag != "--sumu" && flag != "--expires-hours" &&
        flag != "--token-days" && flag != "--table" && flag != "--id" && flag != "--limit" &&
        flag != "--device" && flag != "--days") {
      return Fail("unknown option " + flag + "\n" + kUsage);
    }
  }
  relay::SystemClock clock;
  // Opening the storage migrates a new or older database before the registry reads it.
  auto storage = relay::server::SqliteServerStorage::Open(db_path, clock);
  if (!storage.ok()) return Fail(storage.status().message());
  auto registry = relay::server::DeviceRegistry::Open(db_path, clock);
  if (!registry.ok()) return Fail(registry.status().message());
  auto audit = relay::server::AuditLog::Open(db_path, clock);
  if (!audit.ok()) return Fail(audit.status().message());
  const std::string& command = args[0];
  if (command == "enroll" && rest.empty()) {
    int64_t hours = 24;
    if (flags->count("--expires-hours") && !ParseCount((*flags)["--expires-hours"], &hours)) {
      return Fail("--expires-hours: must be a positive integer");
    }
    int64_t token_ttl_ms = 0;
    if (flags->count("--token-days") && !ParseDays((*flags)["--token-days"], &token_ttl_ms)) {
      return Fail("--token-days: must be a whole number of days from 0 (never) to 36500");
    }
    auto code = registry.value()->IssueCode((*flags)["--sumu"], (*flags)["--role"],
                                            hours * 3600 * 1000, token_ttl_ms);
    const std::string sumu = (*flags)["--sumu"];
    const std::string tokens =
        token_ttl_ms ? ", tokens for " + (*flags)["--token-days"] + " days" : "";
    AuditAdmin(*audit.value(), command, "", code.status(),
               code.ok() ? "code for a " + (*flags)["--role"] + " laptop" +
                               (sumu.empty() ? "" : " of township " + sumu) + ", valid until " +
                               UtcText(code.value().expires_ms) + tokens
                         : "");
    if (!code.ok()) return Fail(code.status().message());
    std::cout << code.value().code << "\n"
              << "one laptop, role " << (*flags)["--role"] << ", valid until "
              << UtcText(code.value().expires_ms) << tokens << "\n";
    return 0;
  }
  if (command == "cancel-code" && rest.size() == 1) {
    const relay::Status cancelled = registry.value()->CancelCode(rest[0]);
    // Never the code itself: the log keeps no secrets.
    AuditAdmin(*audit.value(), command, "", cancelled, "cancelled an unused code");
    if (!cancelled.ok()) return Fail(cancelled.message());
    std::cout << "cancelled; it enrolls nothing now\n";
    return 0;
  }
  if (command == "token-expiry" && rest.empty()) {
    const std::string device = (*flags)["--device"];
    int64_t token_ttl_ms = 0;
    if (!flags->count("--days") || !ParseDays((*flags)["--days"], &token_ttl_ms)) {
      return Fail("--days: must be a whole number of days from 0 (never) to 36500");
    }
    const relay::Status set = registry.value()->SetTokenLifetime(device, token_ttl_ms);
    const std::string done = token_ttl_ms ? "tokens expire after " + (*flags)["--days"] + " days"
                                          : "tokens never expire";
    AuditAdmin(*audit.value(), command, device, set, done);
    if (!set.ok()) return Fail(set.message());
    std::cout << device << ": " << done << "\n";
    return 0;
  }
  if (command == "devices" && rest.empty()) {
    auto devices = registry.value()->Devices();
    if (!devices.ok()) return Fail(devices.status().message());
    for (const auto& device : devices.value()) {
      std::cout << device.grant.device << " " << device.grant.role << " township="
                << (device.grant.township_id.empty() ? "-" : device.grant.township_id)
                << " enrolled=" << UtcText(device.enrolled_ms)
                << (device.revoked_ms ? " revoked=" + UtcText(device.revoked_ms) : "")
                << (device.token_expires_ms ? " token_expires=" + UtcText(device.token_expires_ms)
                                            : "")
                << " last_sync=" << (device.last_sync_ms ? UtcText(device.last_sync_ms) : "never")
                << (device.set_aside ? " set_aside=" + std::to_string(*device.set_aside) : "")
                << "\n";
    }
    return 0;
  }
  if (command == "revoke" && rest.size() == 1) {
    const relay::Status revoked = registry.value()->Revoke(rest[0]);
    AuditAdmin(*audit.value(), command, rest[0], revoked, "revoked");
    if (!revoked.ok()) return Fail(revoked.message());
    std::cout << "revoked " << rest[0] << "\n";
    return 0;
  }
  if (command == "history" && rest.empty()) {
    return History(*storage.value(), (*flags)["--table"], (*flags)["--id"]);
  }
  if (command == "audit" && rest.empty()) {
    int64_t limit = 20;
    if (flags->count("--limit") && !ParseCount((*flags)["--limit"], &limit)) {
      return Fail("--limit: must be a positive integer");
    }
    auto entries = audit.value()->Recent(limit, (*flags)["--device"]);
    if (!entries.ok()) return Fail(entries.status().message());
    for (const auto& entry : entries.value())
      std::cout << relay::server::FormatAuditEntry(entry) << "\n";
    return 0;
  }
  return Fail("admin: unknown command or wrong arguments: " + command + "\n" + kUsage);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help") {
    std::cout << kUsage;
    return args.empty() ? 1 : 0;
  }
  if (args[0] == "serve") return Serve({args.begin() + 1, args.end()});
  if (args[0] == "admin") return Admin({args.begin() + 1, args.end()});
  return Fail("unknown command " + args[0] + "\n" + kUsage);
}
