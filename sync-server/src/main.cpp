// relay-server: the county office's sync server.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "http_server.h"
#include "sqlite_server_storage.h"
#include "sync_service.h"

namespace {

constexpr const char* kUsage =
    "usage: relay-server serve --db FILE --listen URL [--max-body-bytes N] "
    "[--max-drift-seconds N]\n";

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

int Serve(const std::vector<std::string>& args) {
  std::string db_path;
  std::string listen_url;
  relay::server::ServiceLimits limits;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return Fail(flag + ": needs a value\n" + kUsage);
    const std::string& value = args[++i];
    int64_t number = 0;
    if (flag == "--db") {
      db_path = value;
    } else if (flag == "--listen") {
      listen_url = value;
    } else if (flag == "--max-body-bytes") {
      if (!ParseCount(value, &number)) return Fail("--max-body-bytes: must be a positive integer");
      limits.max_body_bytes = static_cast<size_t>(number);
    } else if (flag == "--max-drift-seconds") {
      if (!ParseCount(value, &number))
        return Fail("--max-drift-seconds: must be a positive integer");
      limits.max_drift_ms = number * 1000;
    } else {
      return Fail("unknown option " + flag + "\n" + kUsage);
    }
  }
  if (db_path.empty()) return Fail(std::string("--db: is required\n") + kUsage);
  if (listen_url.rfind("http://", 0) != 0) {
    return Fail("--listen: must be a URL such as http://127.0.0.1:8787");
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
  relay::server::SyncService service(*storage.value(), clock, limits);
  relay::server::HttpServer server(service, listen_url);
  if (auto status = server.Start(); !status.ok()) return Fail(status.message());
  std::cout << "relay-server: serving " << listen_url << " with " << db_path << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  std::cout << "relay-server: stopping on signal " << received << std::endl;
  server.Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help") {
    std::cout << kUsage;
    return args.empty() ? 1 : 0;
  }
  if (args[0] == "serve") return Serve({args.begin() + 1, args.end()});
  return Fail("unknown command " + args[0] + "\n" + kUsage);
}
