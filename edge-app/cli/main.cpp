// relay-cli: headless access to the field client's store, for scripts, tests and operators.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "plan_command.h"
#include "relay/edge/conflict_resolution.h"
#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/event_correction.h"
#include "relay/edge/local_store.h"
#include "relay/edge/record_merge.h"
#include "relay/edge/server_ca.h"
#include "relay/edge/sign_in.h"
#include "relay/edge/sync_client.h"
#include "relay/readiness.h"
#include "report_command.h"

namespace {

constexpr const char* kUsage =
    "usage: relay-cli [--db FILE] [--person STAFF_ID] COMMAND\n"
    "  init                 create the database (default FILE: relay.db)\n"
    "  put TABLE JSON       create a record, or update the fields given when JSON has \"id\";\n"
    "                       prints the record's id on the last line\n"
    "  import TABLE FILE    create every record of a JSON array file, all or none\n"
    "  get TABLE [ID]       print one record, or all of the table as a JSON array\n"
    "  timeline ID          a transport's intervals (seconds) and whether it met its target\n"
    "  readiness ID         a team's posts with A and B held, and members trained, as JSON\n"
    "  enroll URL CODE [--ca FILE]  enroll this laptop with the server at URL using the code\n"
    "                       the county office gave (such as K7QM3-XDPW9); prints role and\n"
    "                       township. For an https:// URL, --ca names the county CA's PEM\n"
    "                       certificate: it is stored, and every later enroll, push and pull\n"
    "                       checks the server against it (without it: the one stored before,\n"
    "                       else the system's CAs)\n"
    "  sync URL             push local changes to the server at URL, then pull\n"
    "  status               print enrollment, server CA, pending and set-aside changes, last\n"
    "                       sync and last error as JSON\n"
    "  set-aside            print the changes the county refused as outside this laptop's\n"
    "                       township or role, with its reasons, as a JSON array\n"
    "  digest               print a hash of the merged data\n"
    "  conflicts            print the open conflicts as a JSON array\n"
    "  resolve ID keep REASON        settle a conflict with the value the merge kept\n"
    "  resolve ID lost REASON        settle it with the value the merge overwrote\n"
    "  resolve ID value JSON REASON  settle it with another value\n"
    "  merge TABLE FROM INTO REASON  merge duplicate record FROM into INTO (vehicles, "
    "volunteers)\n"
    "  correct TABLE ID FIELD JSON REASON  correct a recorded time or handoff: the new value,\n"
    "                       with the one it replaces kept in a corrections record\n"
    "  corrections ID       print a record's corrections, oldest first, as a JSON array\n"
    "  report --period P [--township CODE] [--xlsx FILE] [--csv DIR] [--lang zh|en]\n"
    "                       the county's figures for a period (2024-H1, 2024-Q3, 2024-Q1-Q3,\n"
    "                       2024, or 2024-03-01..2024-05-31), of the banner or one township\n"
    "                       (its code, name or id): JSON on standard output, or an Excel\n"
    "                       workbook and a folder of CSV files (docs/reports.md)\n"
    "  plan GACHA_ID [--season good|winter] [--destination STATION_ID] [--all-vehicles]\n"
    "                       the ways to bring a patient from the gacha, best first: the\n"
    "                       ambulance alone, or a volunteer car meeting it at a rendezvous\n"
    "                       point, with predicted minutes, as a JSON array (docs/planning.md)\n"
    "  coverage [--season good|winter]\n"
    "                       every gacha's best predicted minutes against its target, and\n"
    "                       where one more vehicle or rendezvous point helps most, as JSON\n"
    "  plan-accuracy        how far the planner's minutes were from recorded legs, before\n"
    "                       and after it learnt from them, as JSON\n"
    "  pin set STAFF_ID     set a person's PIN (4 to 8 digits), read from standard input\n"
    "  pin clear STAFF_ID   remove a person's PIN\n"
    "--person STAFF_ID: the staff record of who is working; every change is stamped with it.\n"
    "Their PIN, when they have one, comes from RELAY_PIN or else a line of standard input.\n"
    "Changing a PIN reads the current one first (unless that person or a team lead of their\n"
    "township is --person), then the new one, a line each.\n";

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

nlohmann::json Optional(const std::optional<int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

int Timeline(relay::edge::LocalStore& store, const std::string& transport_id) {
  auto transport = store.Get("transports", transport_id);
  if (!transport.ok()) return Fail(transport.status().message());
  auto handoffs = store.ListWhere("handoffs", "transport_id", transport_id);
  if (!handoffs.ok()) return Fail(handoffs.status().message());
  std::optional<nlohmann::json> gacha;
  if (transport.value().contains("pickup_gacha_id")) {
    auto found = store.Get("gachas", transport.value()["pickup_gacha_id"]);
    if (found.ok()) gacha = found.value();
  }
  const auto timeline = relay::ComputeTimeline(transport.value(), handoffs.value(), gacha);
  nlohmann::json waits = nlohmann::json::array();
  for (const auto& handoff : timeline.handoffs) {
    waits.push_back({{"handoff", handoff.handoff_id},
                     {"carrier_wait_s", Optional(handoff.carrier_wait_s)},
                     {"receiver_wait_s", Optional(handoff.receiver_wait_s)},
                     {"call_to_transfer_s", Optional(handoff.call_to_transfer_s)}});
  }
  std::cout << nlohmann::json{{"call_to_first_contact_s",
                               Optional(timeline.call_to_first_contact_s)},
                              {"call_to_destination_s", Optional(timeline.call_to_destination_s)},
                              {"target_s", Optional(timeline.target_s)},
                              {"met_target", timeline.met_target
                                                 ? nlohmann::json(*timeline.met_target)
                                                 : nlohmann::json()},
                              {"handoffs", waits}}
                   .dump(2)
            << "\n";
  return 0;
}

int Readiness(relay::edge::LocalStore& store, const std::string& team_id) {
  if (auto team = store.Get("teams", team_id); !team.ok()) return Fail(team.status().message());
  auto units = store.ListWhere("units", "team_id", team_id);
  if (!units.ok()) return Fail(units.status().message());
  std::vector<nlohmann::json> posts;
  for (const auto& unit : units.value()) {
    if (unit.value("archived", false)) continue;  // an archived unit's posts are not staffed
    auto unit_posts = store.ListWhere("posts", "unit_id", unit["id"]);
    if (!unit_posts.ok()) return Fail(unit_posts.status().message());
    posts.insert(posts.end(), unit_posts.value().begin(), unit_posts.value().end());
  }
  auto members = store.ListWhere("members", "team_id", team_id);
  if (!members.ok()) return Fail(members.status().message());
  const auto readiness = relay::ComputeReadiness(posts, members.value(), relay::BannerToday());
  std::cout << nlohmann::json{{"posts", readiness.posts},
                              {"posts_filled", readiness.posts_filled},
                              {"members", readiness.members},
                              {"members_trained", readiness.members_trained}}
                   .dump(2)
            << "\n";
  return 0;
}

int Conflicts(relay::edge::LocalStore& store) {
  relay::RecordQuery open;
  open.where_field = "conflict_state";
  open.where_value = "open";
  open.include_archived = false;
  auto conflicts = store.List("conflicts", open);
  if (!conflicts.ok()) return Fail(conflicts.status().message());
  std::cout << nlohmann::json(conflicts.value()).dump(2) << "\n";
  return 0;
}

// args: ID keep|lost REASON, or ID value JSON REASON.
int Resolve(relay::edge::LocalStore& store, const std::vector<std::string>& args) {
  relay::edge::Resolution resolution;
  const std::string& choice = args[2];
  const size_t expected = choice == "value" ? 5 : 4;
  if (args.size() != expected) return Fail(std::string("resolve: wrong arguments\n") + kUsage);
  if (choice == "keep") {
    resolution.choice = relay::edge::Resolution::Choice::kKeep;
  } else if (choice == "lost") {
    resolution.choice = relay::edge::Resolution::Choice::kTakeLost;
  } else if (choice == "value") {
    resolution.choice = relay::edge::Resolution::Choice::kNewValue;
    resolution.new_value = nlohmann::json::parse(args[3], nullptr, false);
    if (resolution.new_value.is_discarded()) return Fail("JSON: is not valid JSON: " + args[3]);
  } else {
    return Fail("choice: must be keep, lost or value, not " + choice);
  }
  resolution.reason = args.back();
  relay::SystemClock clock;
  if (relay::Status status =
          relay::edge::ResolveConflict(store, args[1], resolution, clock.NowMs());
      !status.ok()) {
    return Fail(status.message());
  }
  std::cout << "resolved " << args[1] << "\n";
  return 0;
}

// args: TABLE ID FIELD JSON REASON.
int Correct(relay::edge::LocalStore& store, const std::vector<std::string>& args) {
  auto value = nlohmann::json::parse(args[4], nullptr, false);
  if (value.is_discarded()) return Fail("JSON: is not valid JSON: " + args[4]);
  relay::SystemClock clock;
  if (relay::Status status = relay::edge::CorrectEvent(
          store, {args[1], args[2], args[3], std::move(value), args[5]}, clock.NowMs());
      !status.ok()) {
    return Fail(status.message());
  }
  std::cout << "corrected " << args[1] << " " << args[2] << " " << args[3] << "\n";
  return 0;
}

// The record's corrections in the order they were made (the list shows newest first).
int Corrections(relay::edge::LocalStore& store, const std::string& record_id) {
  auto corrections = store.ListWhere("corrections", "record_id", record_id);
  if (!corrections.ok()) return Fail(corrections.status().message());
  std::reverse(corrections.value().begin(), corrections.value().end());
  std::cout << nlohmann::json(corrections.value()).dump(2) << "\n";
  return 0;
}

// The changes the county refused, with its reasons, so an operator can enter them again where
// they belong or ask the county office to.
int SetAside(relay::edge::LocalStore& store) {
  auto changes = store.SetAsideChanges();
  if (!changes.ok()) return Fail(changes.status().message());
  nlohmann::json shown = nlohmann::json::array();
  for (const auto& [entry, reason, set_aside_ms] : changes.value()) {
    shown.push_back({{"seq", entry.seq},
                     {"table", entry.change.table},
                     {"id", entry.change.record_id},
                     {"field", entry.change.field},
                     {"value", entry.change.value},
                     {"reason", reason},
                     {"set_aside_ms", set_aside_ms}});
  }
  std::cout << shown.dump(2) << "\n";
  return 0;
}

// args: enroll URL CODE [--ca FILE], the flag anywhere after enroll.
int Enroll(relay::edge::LocalStore& store, std::vector<std::string> args) {
  std::string ca_path;
  for (auto flag = std::find(args.begin(), args.end(), "--ca"); flag != args.end();
       flag = std::find(args.begin(), args.end(), "--ca")) {
    if (flag + 1 == args.end()) return Fail("--ca: needs the county CA's certificate file");
    ca_path = *(flag + 1);
    args.erase(flag, flag + 2);
  }
  if (args.size() != 3) return Fail(std::string("enroll: wrong arguments\n") + kUsage);
  auto ca = relay::edge::CaForEnrollment(store, args[1], ca_path, "--ca");
  if (!ca.ok()) return Fail("enroll failed: " + ca.status().message());
  relay::edge::CurlOptions link;
  link.trusted_ca_pem = ca.value();
  relay::edge::CurlTransport transport(args[1], link);
  auto enrollment = relay::edge::Enroll(store, transport, args[2], ca.value());
  if (!enrollment.ok()) return Fail("enroll failed: " + enrollment.status().message());
  std::cout << nlohmann::json{{"role", enrollment.value().role},
                              {"township_id", enrollment.value().township_id}}
                   .dump()
            << "\n";
  return 0;
}

// The enrollment shows its role, township and server CA (public), never its token.
int ShowStatus(relay::edge::LocalStore& store) {
  auto status = store.ReadSyncStatus();
  if (!status.ok()) return Fail(status.status().message());
  auto enrollment = store.ReadEnrollment();
  if (!enrollment.ok()) return Fail(enrollment.status().message());
  nlohmann::json shown = {{"device", store.device_id()},
                          {"enrolled", enrollment.value().has_value()},
                          {"pending_changes", status.value().pending_changes},
                          {"set_aside", status.value().set_aside},
                          {"last_success_ms", status.value().last_success_ms},
                          {"last_error", status.value().last_error}};
  // What the client acts on, by kind; null while the last sync worked.
  shown["last_error_kind"] =
      status.value().last_error.empty()
          ? nlohmann::json(nullptr)
          : nlohmann::json(std::string(relay::ErrorKindName(status.value().last_error_kind)));
  shown["pending_records"] = status.value().pending_records;
  shown["failing_since_ms"] = status.value().failing_since_ms;
  if (enrollment.value()) {
    shown["role"] = enrollment.value()->role;
    shown["township_id"] = enrollment.value()->township_id;
    // null: the server is checked against the system's CAs.
    shown["server_ca"] = nullptr;
    if (const std::string& ca = enrollment.value()->server_ca_pem; !ca.empty()) {
      auto summary = relay::edge::SummariseCa(ca);
      if (!summary.ok()) return Fail(summary.status().message());
      shown["server_ca"] = {{"subject", summary.value().subject},
                            {"sha256", summary.value().sha256}};
    }
  }
  std::cout << shown.dump() << "\n";
  return 0;
}

// One line of standard input, without echo on a terminal; prompt goes to stderr there.
std::optional<std::string> ReadSecretLine(const std::string& prompt) {
  const bool terminal = isatty(STDIN_FILENO);
  termios saved{};
  if (terminal) {
    std::cerr << prompt << ": " << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!read) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Signs the --person in, with their PIN from RELAY_PIN or standard input when they have one.
int SignInPerson(relay::edge::LocalStore& store, const std::string& staff_id) {
  auto has_pin = store.HasPin(staff_id);
  if (!has_pin.ok()) return Fail(has_pin.status().message());
  std::string pin;
  if (has_pin.value()) {
    if (const char* from_env = std::getenv("RELAY_PIN")) {
      pin = from_env;
    } else if (auto line = ReadSecretLine("PIN")) {
      pin = *line;
    } else {
      return Fail("pin: " + staff_id + " has a PIN; give it in RELAY_PIN or on standard input");
    }
  }
  auto signed_in = relay::edge::SignIn(store, staff_id, pin);
  if (!signed_in.ok()) return Fail(signed_in.status().message());
  if (!signed_in.value().ok()) return Fail(signed_in.value().Message(staff_id));
  return 0;
}

// pin set|clear STAFF_ID: the current PIN first when it is asked for, then the new one.
int Pin(relay::edge::LocalStore& store, const std::string& action, const std::string& staff_id) {
  if (action != "set" && action != "clear") return Fail("pin: must be pin set or pin clear");
  auto needs_current = relay::edge::ChangeNeedsCurrentPin(store, staff_id);
  if (!needs_current.ok()) return Fail(needs_current.status().message());
  std::string current;
  if (needs_current.value()) {
    auto line = ReadSecretLine("current PIN");
    if (!line) return Fail("pin: " + staff_id + " has a PIN; give it first on standard input");
    current = *line;
  }
  std::string new_pin;
  if (action == "set") {
    auto line = ReadSecretLine("new PIN");
    if (!line || line->empty()) return Fail("pin: give the new PIN on standard input");
    new_pin = *line;
  }
  auto changed = relay::edge::ChangePin(store, staff_id, current, new_pin);
  if (!changed.ok()) return Fail(changed.status().message());
  if (!changed.value().ok()) return Fail(changed.value().Message(staff_id));
  std::cout << (action == "set" ? "PIN set for " : "PIN cleared for ") << staff_id << "\n";
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
    relay::edge::PutError errors;
    auto id = store.Put(args[1], fields, &errors);
    if (!id.ok()) {
      for (const auto& error : errors.errors) {
        if (error.rule == "recorded_event") {
          return Fail(id.status().message() + "\n(use: relay-cli correct " + args[1] + " ID " +
                      error.field + " JSON REASON)");
        }
      }
      return Fail(id.status().message());
    }
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
  if (command == "timeline" && expect(1, 1)) return Timeline(store, args[1]);
  if (command == "conflicts" && expect(0, 0)) return Conflicts(store);
  if (command == "resolve" && expect(3, 4)) return Resolve(store, args);
  if (command == "merge" && expect(4, 4)) {
    relay::SystemClock clock;
    if (relay::Status status =
            relay::edge::MergeRecords(store, args[1], args[2], args[3], args[4], clock.NowMs());
        !status.ok()) {
      return Fail(status.message());
    }
    std::cout << "merged " << args[2] << " into " << args[3] << "\n";
    return 0;
  }
  if (command == "correct" && expect(5, 5)) return Correct(store, args);
  if (command == "corrections" && expect(1, 1)) return Corrections(store, args[1]);
  if (command == "readiness" && expect(1, 1)) return Readiness(store, args[1]);
  if (command == "sync" && expect(1, 1)) {
    auto trusted_ca = relay::edge::StoredServerCa(store);
    if (!trusted_ca.ok()) return Fail("sync failed: " + trusted_ca.status().message());
    relay::edge::CurlOptions link;
    link.trusted_ca_pem = trusted_ca.value();
    relay::edge::CurlTransport transport(args[1], link);
    relay::edge::SyncClient client(store, transport);
    auto report = client.Run();
    if (!report.ok()) return Fail("sync failed: " + report.status().message());
    std::cout << nlohmann::json{{"pushed", report.value().pushed},
                                {"pulled", report.value().pulled},
                                {"retries", report.value().retries},
                                {"set_aside", report.value().set_aside}}
                     .dump()
              << "\n";
    return 0;
  }
  if (command == "enroll") return Enroll(store, args);
  if (command == "pin" && expect(2, 2)) return Pin(store, args[1], args[2]);
  if (command == "status" && expect(0, 0)) return ShowStatus(store);
  if (command == "set-aside" && expect(0, 0)) return SetAside(store);
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
  std::optional<std::string> person;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db") {
      if (i + 1 >= argc) return Fail("--db: needs a file name");
      db_path = argv[++i];
    } else if (arg == "--person") {
      if (i + 1 >= argc) return Fail("--person: needs a staff record's id");
      person = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      args.push_back(arg);
    }
  }
  if (args.empty()) return Fail(std::string("no command given\n") + kUsage);

  relay::SystemClock clock;
  // A report or plan of a mistyped database would be one of a new, empty one: all zeros, all
  // "met", no gachas.
  const bool reads_only = args[0] == "report" || args[0] == "plan" || args[0] == "coverage" ||
                          args[0] == "plan-accuracy";
  if (reads_only && !std::filesystem::exists(db_path))
    return Fail(args[0] + ": --db " + db_path + ": no such database");
  auto store = relay::edge::LocalStore::Open(db_path, clock);
  if (!store.ok()) return Fail(store.status().message());
  if (person) {
    if (int failed = SignInPerson(*store.value(), *person); failed != 0) return failed;
  }
  if (args[0] == "report") return ReportCommand(*store.value(), db_path, args, clock);
  if (args[0] == "plan" || args[0] == "coverage" || args[0] == "plan-accuracy")
    return PlanCommand(*store.value(), args);
  return Run(*store.value(), args);
}
