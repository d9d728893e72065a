// relay-cli: headless access to the field client's store, for scripts, tests and operators.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "relay/edge/curl_transport.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_client.h"

namespace {

constexpr const char* kUsage =
    "usage: relay-cli [--db FILE] COMMAND\n"
    "  init                 create the database (default FILE: relay.db)\n"
    "  put TABLE JSON       create a record, or update the fields given when JSON has \"id\";\n"
    "                       prints the record's id on the last line\n"
    "  import TABLE FILE    create every record of a JSON array file, all or none\n"
    "  get TABLE [ID]       print one record, or all of the table as a JSON array\n"
    "  sync URL             push local changes to the server at URL, then pull\n"
    "  status               print pending changes, last sync and last error as JSON\n"
    "  digest               print a hash of the merged data\n";

int Fail(const std::string& reason) {
  std::cerr << "relay-cli: " << reason << "\n";
  return 1;
}

// Stores every record of the file in one transaction, or none of them.
int Import(relay::edge::LocalStore& store, const std::string& table, const std::string& path) {
  std::ifstream file(path);
  if (!file) return Fail(path + ": cannot be read");
  auto records = nlohmann::json::parse(file, nullptr, false);
  if (records.is_discarded() || !records.is_array()) {
    return Fail(path + ": must hold a JSON array of records");
  }
  auto ids = store.PutAll(table, records.get<std::vector<nlohmann::json>>());
  if (!ids.ok()) return Fail(path + ": " + ids.status().message());
  std::cout << "imported " << ids.value().size() << " " << table << "\n";
  return 0;
}

int Run(relay::edge::LocalStore& store, const std::vector<std::string>& args) {
  const std::string& command = args[0];
  auto expect = [&](size_t min, size_t max) {
    return args.size() - 1 >= min && args.size() - 1 <= max;
  };
  if (command == "init" && expect(0, 0)) {
    std::cout << store.device_id() << "\n";
    return 0;
  }
  if (command == "put" && expect(2, 2)) {
    auto fields = nlohmann::json::parse(args[2], nullptr, false);
    if (fields.is_discarded()) return Fail("JSON: is not valid JSON: " + args[2]);
    auto id = store.Put(args[1], fields);
    if (!id.ok()) return Fail(id.status().message());
    std::cout << id.value() << "\n";
    return 0;
  }
  if (command == "import" && expect(2, 2)) return Import(store, args[1], args[2]);
  if (command == "get" && expect(1, 2)) {
    if (args.size() == 3) {
      auto record = store.Get(args[1], args[2]);
      if (!record.ok()) return Fail(record.status().message());
      std::cout << record.value().dump(2) << "\n";
      return 0;
    }
    auto records = store.List(args[1]);
    if (!records.ok()) return Fail(records.status().message());
    std::cout << nlohmann::json(records.value()).dump(2) << "\n";
    return 0;
  }
  if (command == "sync" && expect(1, 1)) {
    relay::edge::CurlTransport transport(args[1]);
    relay::edge::SyncClient client(store, transport);
    auto report = client.Run();
    if (!report.ok()) return Fail("sync failed: " + report.status().message());
    std::cout << nlohmann::json{{"pushed", report.value().pushed},
                                {"pulled", report.value().pulled},
                                {"retries", report.value().retries}}
                     .dump()
              << "\n";
    return 0;
  }
  if (command == "status" && expect(0, 0)) {
    auto status = store.ReadSyncStatus();
    if (!status.ok()) return Fail(status.status().message());
    std::cout << nlohmann::json{{"device", store.device_id()},
                                {"pending_changes", status.value().pending_changes},
                                {"last_success_ms", status.value().last_success_ms},
                                {"last_error", status.value().last_error}}
                     .dump()
              << "\n";
    return 0;
  }
  if (command == "digest" && expect(0, 0)) {
    auto digest = store.Digest();
    if (!digest.ok()) return Fail(digest.status().message());
    std::cout << digest.value() << "\n";
    return 0;
  }
  return Fail("unknown command or wrong number of arguments: " + command + "\n" + kUsage);
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path = "relay.db";
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db") {
      if (i + 1 >= argc) return Fail("--db: needs a file name");
      db_path = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      args.push_back(arg);
    }
  }
  if (args.empty()) return Fail(std::string("no command given\n") + kUsage);

  relay::SystemClock clock;
  auto store = relay::edge::LocalStore::Open(db_path, clock);
  if (!store.ok()) return Fail(store.status().message());
  return Run(*store.value(), args);
}
