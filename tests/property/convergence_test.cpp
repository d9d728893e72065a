// The convergence property: however 2–6 laptops interleave creates, edits, archives, merges
// and settlements of overlapping vehicles, volunteers, transports and their legs, recordings
// and corrections of the transports' and legs' times, with syncs broken off before a push or
// pull request or after the server acted on it, wall clocks skewed up to 4 minutes either way
// that sometimes jump back, and laptops restarted from their database files, once all sync to
// quiescence every laptop's digest equals the county server's, and no write was lost: each is
// the final value, was overwritten by someone who had seen it, or is kept in a conflict
// record; and each problem is reported by one conflict record, not two. Recorded times change
// only by corrections: each correction is kept unchanged everywhere, each changed time has the
// correction holding its new value, and the county flags no time overwritten without one.
// Seeded; a failure prints its seed.
// RELAY_PROPERTY_SCHEDULES sets how many schedules run (scripts/property-long runs many);
// RELAY_PROPERTY_TRACE prints each step of a replayed seed and the writes of a lost field.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "in_process_transport.h"
#include "relay/conflicts.h"
#include "relay/edge/conflict_resolution.h"
#include "relay/edge/event_correction.h"
#include "relay/edge/local_store.h"
#include "relay/edge/record_merge.h"
#include "relay/edge/sync_client.h"
#include "relay/schema.h"
#include "relay/sqlite.h"
#include "relay/validation.h"
#include "sqlite_server_storage.h"
#include "sync_service.h"

namespace relay {
namespace {

using edge::LocalStore;

// How far a laptop's wall clock may be off the county's: below the 5 minutes of drift the
// server allows, so every push is accepted and a refusal would be a bug.
constexpr int kMaxSkewMs = 4 * 60 * 1000;

// What the schedules did, printed at the end so a run shows it exercised what it claims to.
struct Tally {
  int64_t writes = 0;
  int64_t transport_writes = 0;  // of them, to transports and transport_legs
  int64_t skewed_stamps = 0;     // of them, stamped more than a second off the county's clock
  int64_t merges = 0;
  int64_t settlements = 0;
  int64_t corrections = 0;           // corrections records made
  int64_t settling_corrections = 0;  // of them, by settling a conflict over a time
  int64_t event_fills = 0;           // times recorded by an edit after their record was created
  int64_t restarts = 0;
  int64_t clock_jumps_back = 0;
  int64_t conflicts = 0;
  int64_t vehicle_busy = 0;    // of them, a vehicle found on two active transports
  int64_t time_conflicts = 0;  // of them, concurrent edits of a recorded time
  int64_t failed_syncs = 0;
  int64_t requests_dropped = 0;   // before they reached the county
  int64_t push_answers_lost = 0;  // after the county stored the batch
  int64_t pull_answers_lost = 0;
  int64_t protocol1_syncs = 0;  // by a laptop that found a county from before protocol 2
};

// A laptop's wall clock: the county's time plus the laptop's own error, which may jump.
class LaptopClock final : public Clock {
 public:
  LaptopClock(Clock& county, int64_t offset_ms) : county_(county), offset_ms_(offset_ms) {}
  int64_t NowMs() override { return county_.NowMs() + offset_ms_; }
  int64_t offset_ms() const { return offset_ms_; }
  void set_offset_ms(int64_t offset_ms) { offset_ms_ = offset_ms; }

 private:
  Clock& county_;
  int64_t offset_ms_;
};

struct Laptop {
  std::string path;                    // its database file, reopened by a restart
  std::unique_ptr<LaptopClock> clock;  // outlives every store opened on it
  std::unique_ptr<LocalStore> store;
  int64_t recorded_seq = 0;  // outbox entries up to here are in the oracle's list
  HlcTimestamp last_stamp;   // of its newest outbox entry: the next must be later
  std::string last_record;   // ... or the same, for another field of the same save
};

// The link to the county, broken on purpose at a chosen request of a sync: after some push
// (or pull) requests went through, the next few never reach the county, or reach it and
// their answers are lost after it acted, so a sync stops mid-push or mid-pull.
class FaultyLink final : public edge::HttpTransport {
 public:
  struct Fault {
    std::string endpoint;  // "/push" or "/pull", of either protocol
    int requests_passing = 0;
    int requests_failing = 0;
    bool answer_lost = false;  // else the request is
  };

  FaultyLink(server::SyncService& county, Tally& tally) : county_(county), tally_(tally) {}
  void Plan(const Fault& fault) { fault_ = fault; }
  // Makes the county answer as one from before protocol 2, so the laptop falls back to 1.
  void SpeakProtocol1Only(bool only) { county_.before_protocol_2 = only; }

  Result<edge::HttpResponse> Send(const edge::HttpRequest& request) override {
    if (fault_.requests_failing == 0 || request.path.find(fault_.endpoint) == std::string::npos) {
      return county_.Send(request);
    }
    if (fault_.requests_passing > 0) {
      --fault_.requests_passing;
      return county_.Send(request);
    }
    --fault_.requests_failing;
    if (!fault_.answer_lost) {
      ++tally_.requests_dropped;
      return Status::Error(ErrorKind::kUnreachable, "link down before the request");
    }
    county_.Send(request);
    ++(fault_.endpoint == "/push" ? tally_.push_answers_lost : tally_.pull_answers_lost);
    return Status::Error(ErrorKind::kUnreachable, "link dropped before the answer arrived");
  }

 private:
  testing::InProcessTransport county_;
  Tally& tally_;
  Fault fault_;
};

// A directory for database files, removed with them at its end. The test's own lives on
// tmpfs when the machine has one: every commit is fsynced, free on tmpfs but milliseconds on
// a disk, and the schedules commit a few hundred thousand times.
class ScratchDir {
 public:
  ScratchDir() {
    std::filesystem::path base = std::filesystem::temp_directory_path();
    if (access("/dev/shm", W_OK) == 0) base = "/dev/shm";
    std::string pattern = (base / "relay-property-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make " + pattern);
    path_ = pattern;
  }
  ScratchDir(const ScratchDir& parent, const std::string& name) : path_(parent.path_ / name) {
    std::filesystem::create_directory(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

constexpr int kMostLaptops = 6;

// Migrated laptop databases, one for each laptop of a schedule, copied for every schedule:
// creating the schema costs more than the rest of a schedule. Each holds a device id of its
// own, made from a fixed seed rather than by the store, so a replay has the same ids and the
// merge breaks ties between equal stamps (the greater device id wins) the same way.
Result<std::vector<std::string>> EnrolledLaptopDatabases(const ScratchDir& scratch) {
  std::mt19937_64 random(1);
  UuidV7Generator device_ids([&random] { return random(); });
  ManualClock clock{1'700'000'000'000};
  std::vector<std::string> paths;
  for (int i = 0; i < kMostLaptops; ++i) {
    paths.push_back(scratch.File("enrolled-laptop-" + std::to_string(i) + ".db"));
    if (auto store = LocalStore::Open(paths.back(), clock); !store.ok()) return store.status();
    auto db = sql::Database::Open(paths.back());
    if (!db.ok()) return db.status();
    const std::string device = device_ids.Next(clock.NowMs());
    {
      // The statement is handed back to its connection when it ends: before the connection.
      auto enroll = db.value()->Prepare("UPDATE meta SET value=? WHERE key='device_id'");
      if (!enroll.ok()) return enroll.status();
      if (Status enrolled = enroll.value().Bind(1, device).Run(); !enrolled.ok()) return enrolled;
    }
    db.value().reset();
    auto store = LocalStore::Open(paths.back(), clock);
    if (!store.ok()) return store.status();
    if (store.value()->device_id() != device) {
      return Status::Error("a laptop database kept device id " + store.value()->device_id() +
                           " instead of " + device);
    }
  }
  return paths;
}

class Schedule {
 public:
  Schedule(uint64_t seed, const ScratchDir& scratch, const std::vector<std::string>& enrolled,
           Tally& tally)
      : random_(seed),
        tally_(tally),
        tracing_(std::getenv("RELAY_PROPERTY_TRACE") != nullptr),
        files_(scratch, "seed-" + std::to_string(seed)),
        enrolled_(enrolled) {}

  // Runs one schedule; an empty string means the property held, else what broke.
  std::string Run() {
    auto storage = server::SqliteServerStorage::Open(":memory:", clock_);
    if (!storage.ok()) return "server: " + storage.status().message();
    storage_ = std::move(storage).value();
    service_ = std::make_unique<server::SyncService>(*storage_, clock_, server::ServiceLimits{});
    link_ = std::make_unique<FaultyLink>(*service_, tally_);
    const int laptops = Between(2, kMostLaptops);
    // Which laptop has which device id varies, and with it who wins a tie.
    std::vector<std::string> databases = enrolled_;
    std::shuffle(databases.begin(), databases.end(), random_);
    for (int i = 0; i < laptops; ++i) {
      Laptop laptop;
      laptop.path = files_.File("laptop-" + std::to_string(i) + ".db");
      std::error_code failed;
      std::filesystem::copy_file(databases[static_cast<size_t>(i)], laptop.path, failed);
      if (failed) return "cannot copy an enrolled laptop database: " + failed.message();
      laptop.clock = std::make_unique<LaptopClock>(clock_, ClockError());
      auto store = LocalStore::Open(laptop.path, *laptop.clock);
      if (!store.ok()) return "laptop: " + store.status().message();
      laptop.store = std::move(store).value();
      laptops_.push_back(std::move(laptop));
    }
    // Records every laptop holds before the schedule starts, for it to overlap on.
    Trace(0, "registers what every laptop starts with");
    for (int i = Between(1, 3); i > 0; --i)
      CreateVehicle(laptops_.front());
    for (int i = Between(0, 2); i > 0; --i)
      CreateTransport(laptops_.front());
    if (std::string broken = Record(laptops_.front()); !broken.empty()) return broken;
    for (auto& laptop : laptops_) {
      auto report = edge::SyncClient(*laptop.store, *link_, Quick(64)).Run();
      if (!report.ok()) return "first sync: " + report.status().message();
    }
    const int steps = Between(8, 30);
    for (int step = 0; step < steps; ++step) {
      clock_.Advance(Between(1, 5000));
      const size_t index = static_cast<size_t>(Between(0, laptops - 1));
      Laptop& laptop = laptops_[index];
      const int action = Between(0, 99);
      std::string broken;
      if (action < 8) {
        Trace(index, "creates a vehicle or volunteer");
        Between(0, 3) == 0 ? CreateVolunteer(laptop) : CreateVehicle(laptop);
      } else if (action < 12) {
        Trace(index, "creates a transport");
        CreateTransport(laptop);
      } else if (action < 19) {
        Trace(index, "sends a vehicle on a transport");
        CreateLeg(laptop);
      } else if (action < 28) {
        Trace(index, "edits a vehicle");
        EditVehicle(laptop);
      } else if (action < 36) {
        Trace(index, "edits a transport or leg");
        Between(0, 1) == 0 ? EditTransport(laptop) : EditLeg(laptop);
      } else if (action < 41) {
        Trace(index, "archives or restores a record");
        Archive(laptop);
      } else if (action < 48) {
        Trace(index, "settles a conflict");
        Settle(laptop);
      } else if (action < 54) {
        Trace(index, "merges two records");
        Merge(laptop);
      } else if (action < 57) {
        Trace(index, "restarts");
        broken = Restart(laptop);
      } else if (action < 60) {
        Trace(index, "has its wall clock set");
        SetWallClock(laptop);
      } else if (action < 69) {
        Trace(index, "corrects a recorded time");
        CorrectTime(laptop);
      } else if (action < 72) {
        Trace(index, "records a time not recorded yet");
        FillTime(laptop);
      } else {
        Trace(index, "syncs");
        SyncWithFaults(laptop);
      }
      if (broken.empty()) broken = Record(laptop);
      if (!broken.empty()) return broken;
    }
    // Quiescence: every laptop pushes what it has, then every laptop pulls everything. Small
    // batches, where syncs break off, are the schedule's business.
    for (int round = 0; round < 2; ++round) {
      for (auto& laptop : laptops_) {
        clock_.Advance(10);
        auto report = edge::SyncClient(*laptop.store, *link_, Quick(64)).Run();
        if (!report.ok()) return "final sync: " + report.status().message();
      }
    }
    return Check();
  }

 private:
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Between(0, static_cast<int>(items.size()) - 1))];
  }

  // Right, a little off, or as far off as the county allows.
  int ClockError() {
    switch (Between(0, 2)) {
      case 0:
        return 0;
      case 1:
        return Between(-5000, 5000);
      default:
        return Between(-kMaxSkewMs, kMaxSkewMs);
    }
  }

  // The tail of a UUIDv7: its head is the time it was made, the same for every laptop.
  static std::string Short(const std::string& id) {
    return id.size() > 8 ? id.substr(id.size() - 8) : id;
  }

  void Trace(size_t laptop, const char* action) {
    if (!tracing_) return;
    std::printf("laptop %zu (%s, clock %+.3f s) %s\n", laptop,
                Short(laptops_[laptop].store->device_id()).c_str(),
                static_cast<double>(laptops_[laptop].clock->offset_ms()) / 1000, action);
  }

  edge::SyncOptions Quick(int largest_batch) {
    edge::SyncOptions options;
    options.push_batch = static_cast<size_t>(Between(1, largest_batch));
    options.pull_batch = static_cast<size_t>(Between(1, largest_batch));
    options.sleep = [](std::chrono::milliseconds) {};
    return options;
  }

  // A table's records in an order a replay repeats: lists break ties by id, and ids are
  // random, so laptops' records go in the order they were made and conflicts by what they say.
  std::vector<nlohmann::json> Records(Laptop& laptop, const std::string& table) {
    auto listed = laptop.store->List(table);
    if (!listed.ok()) return {};
    std::vector<std::pair<std::string, nlohmann::json>> keyed;
    for (auto& record : listed.value()) {
      std::string key = table == "conflicts" ? ConflictKey(record) : Serial(record["id"]);
      keyed.emplace_back(std::move(key), std::move(record));
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<nlohmann::json> records;
    for (auto& [key, record] : keyed)
      records.push_back(std::move(record));
    return records;
  }

  // Where a laptop's record comes in the order records were made, as sortable text.
  std::string Serial(const std::string& id) {
    const auto found = serials_.find(id);
    char text[16];
    std::snprintf(text, sizeof text, "%09zu", found == serials_.end() ? 0 : found->second);
    return text;
  }

  // What a conflict record says, its records by their serials (a duplicate's either way).
  std::string ConflictKey(const nlohmann::json& conflict) {
    std::string record = Serial(conflict.value("record_id", ""));
    std::string other = Serial(conflict.value("other_record_id", ""));
    if (conflict.value("conflict_kind", "") == "duplicate" && other < record)
      std::swap(record, other);
    std::string key = record + "/" + other;
    for (const char* field :
         {"conflict_kind", "table_name", "field_name", "rule", "kept_stamp", "kept_device",
          "lost_stamp", "lost_device", "detected_at", "conflict_state"}) {
      key.push_back('/');
      key += conflict.value(field, "");
    }
    return key;
  }

  std::vector<std::string> Ids(Laptop& laptop, const std::string& table) {
    std::vector<std::string> ids;
    for (const auto& record : Records(laptop, table))
      ids.push_back(record["id"]);
    return ids;
  }

  // Few plates and phones, so two laptops often register the same vehicle or volunteer.
  void CreateVehicle(Laptop& laptop) {
    const std::string plate = "蒙H·1000" + std::to_string(Between(0, 5));
    laptop.store->Put("vehicles",
                      {{"plate", plate}, {"owner_category", "public"}, {"phone", "13800000000"}});
  }

  void CreateVolunteer(Laptop& laptop) {
    laptop.store->Put("volunteers", {{"name", Pick(std::vector<std::string>{"巴特尔", "其其格"})},
                                     {"phone", "1370000000" + std::to_string(Between(0, 2))}});
  }

  // Times are set only here: a recorded time is an event, later corrected, not edited.
  void CreateTransport(Laptop& laptop) {
    laptop.store->Put(
        "transports",
        {{"call_received_at", FormatUtcTime(laptop.clock->NowMs() / 1000)},
         {"complaint_code", Pick(std::vector<std::string>{"chest_pain", "trauma", "childbirth"})},
         {"acuity", Pick(std::vector<std::string>{"critical", "urgent", "non_urgent"})},
         {"transport_state", "active"}});
  }

  // A vehicle sent on an active transport, dispatched after the call; refused (no write) when
  // the vehicle is on another active transport this laptop knows of.
  void CreateLeg(Laptop& laptop) {
    std::vector<nlohmann::json> active;
    for (auto& transport : Records(laptop, "transports")) {
      if (transport.value("transport_state", "") == "active" &&
          !transport.value("archived", false)) {
        active.push_back(std::move(transport));
      }
    }
    const auto vehicles = Ids(laptop, "vehicles");
    if (active.empty()) return CreateTransport(laptop);
    if (vehicles.empty()) return CreateVehicle(laptop);
    const nlohmann::json& transport = Pick(active);
    const auto call = ParseTimeSeconds(transport.value("call_received_at", ""));
    if (!call) return;  // only part of the record has arrived yet
    const int64_t dispatched = *call + Between(0, 300);
    nlohmann::json leg = {{"transport_id", transport["id"]},
                          {"vehicle_id", Pick(vehicles)},
                          {"dispatched_at", FormatUtcTime(dispatched)}};
    if (Between(0, 1) == 0) leg["departed_at"] = FormatUtcTime(dispatched + Between(0, 900));
    if (const auto drivers = Ids(laptop, "volunteers"); !drivers.empty() && Between(0, 1) == 0) {
      leg["driver_id"] = Pick(drivers);
    }
    laptop.store->Put("transport_legs", leg);
  }

  void EditVehicle(Laptop& laptop) {
    const auto ids = Ids(laptop, "vehicles");
    if (ids.empty()) return CreateVehicle(laptop);
    nlohmann::json fields = {{"id", Pick(ids)}};
    switch (Between(0, 3)) {
      case 0:
        fields["seats"] = Between(1, 9);
        break;
      case 1:
        fields["note"] = Pick(std::vector<std::string>{"换了新轮胎", "后排可放担架", "司机换人"});
        break;
      case 2:
        fields["status"] = Pick(std::vector<std::string>{"available", "on_task", "unavailable"});
        break;
      default:
        fields["phone"] = "1390000000" + std::to_string(Between(0, 9));
        break;
    }
    laptop.store->Put("vehicles", fields);
  }

  // Closing and reopening exercise vehicle_busy from the transport's side: a reopened
  // transport may find its vehicle gone elsewhere meanwhile.
  void EditTransport(Laptop& laptop) {
    const auto ids = Ids(laptop, "transports");
    if (ids.empty()) return CreateTransport(laptop);
    nlohmann::json fields = {{"id", Pick(ids)}};
    switch (Between(0, 3)) {
      case 0:
        fields["transport_state"] = "closed";
        fields["disposition"] = Pick(std::vector<std::string>{"delivered", "treated_on_scene"});
        break;
      case 1:
        fields["transport_state"] = "active";
        break;
      case 2:
        fields["acuity"] = Pick(std::vector<std::string>{"critical", "urgent", "non_urgent"});
        break;
      default:
        fields["pickup_point"] = Pick(std::vector<std::string>{"嘎查委员会门口", "草场东边"});
        break;
    }
    laptop.store->Put("transports", fields);
  }

  void EditLeg(Laptop& laptop) {
    const auto ids = Ids(laptop, "transport_legs");
    if (ids.empty()) return CreateLeg(laptop);
    nlohmann::json fields = {{"id", Pick(ids)}};
    const auto vehicles = Ids(laptop, "vehicles");
    const auto drivers = Ids(laptop, "volunteers");
    switch (Between(0, 3)) {
      case 0:  // another car sent instead
        fields["vehicle_id"] = Pick(vehicles);
        break;
      case 1:
        if (drivers.empty()) return;
        fields["driver_id"] = Pick(drivers);
        break;
      case 2:
        fields["crew"] = Pick(std::vector<std::string>{"医生一名", "医生和护士各一名"});
        break;
      default:
        fields["to_place"] = Pick(std::vector<std::string>{"旗医院", "苏木卫生院"});
        break;
    }
    laptop.store->Put("transport_legs", fields);
  }

  // The recorded times of a transport or leg, in the order the registry keeps them.
  static const std::vector<std::string>& TimesOf(const std::string& table) {
    static const std::vector<std::string> transport = {"call_received_at", "first_contact_at",
                                                       "arrived_destination_at"};
    static const std::vector<std::string> leg = {"dispatched_at", "departed_at", "arrived_at"};
    return table == "transports" ? transport : leg;
  }

  static std::optional<int64_t> TimeOf(const nlohmann::json& record, const std::string& field) {
    const auto found = record.find(field);
    if (found == record.end() || !found->is_string()) return std::nullopt;
    return ParseTimeSeconds(found->get<std::string>());
  }

  // The earliest and latest second a time may take as far as the laptop knows: not before
  // the times before it in its record (a leg's, not before its call), not after the times
  // after it (a call, not after its legs' times). Laptops that know less may still break the
  // order together; the county flags that, as with any concurrent edits.
  std::pair<int64_t, int64_t> TimeBounds(Laptop& laptop, const std::string& table,
                                         const nlohmann::json& record, const std::string& field) {
    int64_t low = std::numeric_limits<int64_t>::min();
    int64_t high = std::numeric_limits<int64_t>::max();
    const auto& times = TimesOf(table);
    const auto at = std::find(times.begin(), times.end(), field);
    for (auto other = times.begin(); other != times.end(); ++other) {
      const auto time = other == at ? std::nullopt : TimeOf(record, *other);
      if (!time) continue;
      if (other < at) {
        low = std::max(low, *time);
      } else {
        high = std::min(high, *time);
      }
    }
    if (table == "transport_legs") {
      auto transport = laptop.store->Get("transports", record.value("transport_id", ""));
      if (transport.ok()) {
        if (const auto call = TimeOf(transport.value(), "call_received_at")) {
          low = std::max(low, *call);
        }
      }
    } else if (field == "call_received_at") {
      auto legs = laptop.store->ListWhere("transport_legs", "transport_id", record["id"]);
      for (const auto& leg : legs.ok() ? legs.value() : std::vector<nlohmann::json>{}) {
        if (leg.value("archived", false)) continue;  // the rule skips archived legs
        for (const auto& leg_field : TimesOf("transport_legs")) {
          if (const auto time = TimeOf(leg, leg_field)) high = std::min(high, *time);
        }
      }
    }
    return {low, high};
  }

  // A recorded time of a transport or leg set right by up to a quarter hour either way,
  // within what the registry's rules allow; a refused correction stores nothing.
  void CorrectTime(Laptop& laptop) {
    const std::string table = Between(0, 1) == 0 ? "transports" : "transport_legs";
    auto records = Records(laptop, table);
    if (records.empty()) return;
    // Half the time the oldest record's first time, which every laptop has had longest, so
    // that laptops correct one time unaware of each other often enough to settle it.
    const bool oldest = Between(0, 1) == 0;
    if (oldest) records.resize(1);
    const nlohmann::json& record = Pick(records);
    std::vector<std::string> recorded;
    for (const auto& field : TimesOf(table)) {
      if (TimeOf(record, field)) recorded.push_back(field);
    }
    if (recorded.empty()) return;  // only part of the record has arrived yet
    if (oldest) recorded.resize(1);
    const std::string& field = Pick(recorded);
    const int64_t was = *TimeOf(record, field);
    const auto [low, high] = TimeBounds(laptop, table, record, field);
    if (low > high) return;  // concurrent edits left the record out of order
    const int64_t time = std::clamp(was + Between(-900, 900), low, high);
    if (time == was) return;
    const std::string reason =
        Pick(std::vector<std::string>{"核对了电台记录", "调度员记错了", "司机补报的时间"});
    const Status corrected =
        edge::CorrectEvent(*laptop.store, {table, record["id"], field, FormatUtcTime(time), reason},
                           laptop.clock->NowMs());
    if (tracing_) {
      std::printf("  %s %s.%s %s -> %s\n", corrected.ok() ? "corrected" : "refused to correct",
                  table.c_str(), field.c_str(), FormatUtcTime(was).c_str(),
                  corrected.ok() ? FormatUtcTime(time).c_str() : corrected.message().c_str());
    }
  }

  // A time not recorded yet (first contact, arrival, a leg's departure or arrival) recorded
  // by an ordinary edit, as a form fills in while the transport goes on.
  void FillTime(Laptop& laptop) {
    const std::string table = Between(0, 1) == 0 ? "transports" : "transport_legs";
    std::vector<std::pair<nlohmann::json, std::string>> empty;
    for (auto& record : Records(laptop, table)) {
      const auto& times = TimesOf(table);
      for (auto field = times.begin() + 1; field != times.end(); ++field) {
        if (!TimeOf(record, *field)) empty.emplace_back(record, *field);
      }
    }
    if (empty.empty()) return;
    const auto& [record, field] = Pick(empty);
    const auto [low, high] = TimeBounds(laptop, table, record, field);
    if (low == std::numeric_limits<int64_t>::min() || low > high) return;
    const int64_t time = std::min(low + Between(0, 1800), high);
    if (laptop.store->Put(table, {{"id", record["id"]}, {field, FormatUtcTime(time)}}).ok()) {
      ++tally_.event_fills;
    }
  }

  void Archive(Laptop& laptop) {
    const std::string table = Pick(std::vector<std::string>{"vehicles", "vehicles", "volunteers",
                                                            "transports", "transport_legs"});
    const auto ids = Ids(laptop, table);
    if (ids.empty()) return;
    laptop.store->Put(table, {{"id", Pick(ids)}, {"archived", Between(0, 3) != 0}});
  }

  // Merges one record into another, as the county does with a duplicate registration; the
  // legs (and vehicles) pointing at the one merged away move.
  void Merge(Laptop& laptop) {
    const std::string table = Between(0, 3) == 0 ? "volunteers" : "vehicles";
    const auto ids = Ids(laptop, table);
    if (ids.size() < 2) return;
    const std::string& from = Pick(ids);
    const std::string& into = Pick(ids);
    const std::string reason = table == "vehicles" ? "同一辆车" : "同一个人";
    if (edge::MergeRecords(*laptop.store, table, from, into, reason, laptop.clock->NowMs()).ok()) {
      ++tally_.merges;
    }
  }

  void Settle(Laptop& laptop) {
    std::vector<nlohmann::json> open;
    for (auto& conflict : Records(laptop, "conflicts")) {
      if (conflict.value("conflict_state", "") == "open") open.push_back(std::move(conflict));
    }
    if (open.empty()) return;
    // Taking back a time lost to a concurrent correction is itself a correction; those
    // conflicts are few, so half the settlements go to them when there are any.
    std::vector<nlohmann::json> over_times;
    for (const auto& conflict : open) {
      if (IsEvent(conflict.value("table_name", ""), conflict.value("field_name", ""))) {
        over_times.push_back(conflict);
      }
    }
    if (!over_times.empty() && Between(0, 1) == 0) open = std::move(over_times);
    edge::Resolution resolution;
    resolution.choice =
        Between(0, 1) == 0 ? edge::Resolution::Choice::kKeep : edge::Resolution::Choice::kTakeLost;
    resolution.reason = "核实过";
    const auto corrections_before = laptop.store->Count("corrections");
    if (edge::ResolveConflict(*laptop.store, Pick(open)["id"], resolution, laptop.clock->NowMs())
            .ok()) {
      ++tally_.settlements;
      const auto corrections_after = laptop.store->Count("corrections");
      if (corrections_before.ok() && corrections_after.ok()) {
        tally_.settling_corrections += corrections_after.value() - corrections_before.value();
      }
    }
  }

  // The laptop is switched off and on: its store reopens from the file with everything it
  // had stored, the outbox included, as the same device.
  std::string Restart(Laptop& laptop) {
    auto digest = laptop.store->Digest();
    auto outbox = laptop.store->PendingChanges(1'000'000);
    auto cursor = laptop.store->PullCursor();
    auto highest_seq = laptop.store->HighestSeqIssued();
    if (!digest.ok() || !outbox.ok() || !cursor.ok() || !highest_seq.ok()) {
      return "before a restart: cannot read the store";
    }
    const std::string device = laptop.store->device_id();
    laptop.store.reset();
    auto reopened = LocalStore::Open(laptop.path, *laptop.clock);
    if (!reopened.ok()) return "restart: " + reopened.status().message();
    laptop.store = std::move(reopened).value();
    ++tally_.restarts;
    if (laptop.store->device_id() != device) return "restart: the device id changed";
    auto digest_after = laptop.store->Digest();
    if (!digest_after.ok() || digest_after.value() != digest.value()) {
      return "restart: the stored data changed";
    }
    auto cursor_after = laptop.store->PullCursor();
    auto highest_seq_after = laptop.store->HighestSeqIssued();
    if (!cursor_after.ok() || cursor_after.value() != cursor.value() || !highest_seq_after.ok() ||
        highest_seq_after.value() != highest_seq.value()) {
      return "restart: the pull cursor or the outbox sequence changed";
    }
    auto after = laptop.store->PendingChanges(1'000'000);
    if (!after.ok() || after.value().size() != outbox.value().size()) {
      return "restart: the outbox changed";
    }
    for (size_t i = 0; i < after.value().size(); ++i) {
      const OutboxChange& was = outbox.value()[i];
      const OutboxChange& is = after.value()[i];
      if (is.seq != was.seq || is.change.table != was.change.table ||
          is.change.record_id != was.change.record_id || is.change.field != was.change.field ||
          is.change.value != was.change.value || is.change.hlc != was.change.hlc ||
          is.change.seen != was.change.seen) {
        return "restart: outbox entry " + std::to_string(was.seq) + " changed";
      }
    }
    return "";
  }

  // Someone sets the laptop's clock, mostly back (the HLC must not follow it), within the
  // skew the county allows.
  void SetWallClock(Laptop& laptop) {
    const int offset = static_cast<int>(laptop.clock->offset_ms());
    if (Between(0, 2) != 0 && offset > -kMaxSkewMs) {
      laptop.clock->set_offset_ms(Between(-kMaxSkewMs, offset - 1));
      ++tally_.clock_jumps_back;
    } else {
      laptop.clock->set_offset_ms(Between(offset, kMaxSkewMs));
    }
  }

  // A sync that may break off mid-push or mid-pull: requests that never reach the server, or
  // answers lost after it acted (a push batch stored but not acknowledged).
  void SyncWithFaults(Laptop& laptop) {
    FaultyLink::Fault fault;
    if (Between(0, 1) == 0) {
      fault.endpoint = Between(0, 1) == 0 ? "/push" : "/pull";
      fault.requests_passing = Between(0, 3);
      fault.requests_failing = Between(1, 3);
      fault.answer_lost = Between(0, 1) == 0;
    }
    link_->Plan(fault);
    // Laptops of both protocols push and pull the same records.
    const bool protocol1 = Between(0, 3) == 0;
    link_->SpeakProtocol1Only(protocol1);
    if (protocol1) ++tally_.protocol1_syncs;
    edge::SyncOptions options = Quick(fault.requests_failing > 0 ? 8 : 32);
    options.max_attempts = Between(1, 3);
    auto report = edge::SyncClient(*laptop.store, *link_, options).Run();
    if (!report.ok()) ++tally_.failed_syncs;
    link_->Plan({});
    if (tracing_ && fault.requests_failing > 0) {
      std::printf("  after %d %s requests, %d %s: %s\n", fault.requests_passing,
                  fault.endpoint.c_str(), fault.requests_failing,
                  fault.answer_lost ? "lose their answers" : "never arrive",
                  report.ok() ? "synced" : report.status().message().c_str());
    }
  }

  // Adds the laptop's new outbox entries to the oracle's list of writes, checking that its
  // clock never went back: each entry is stamped after the one before.
  std::string Record(Laptop& laptop) {
    auto pending = laptop.store->PendingChanges(1'000'000);
    if (!pending.ok()) return "outbox: " + pending.status().message();
    for (auto& entry : pending.value()) {
      if (entry.seq <= laptop.recorded_seq) continue;
      const bool same_save =
          entry.change.hlc == laptop.last_stamp && entry.change.record_id == laptop.last_record;
      if (!(laptop.last_stamp < entry.change.hlc) && !same_save) {
        return "the HLC went back: outbox entry " + std::to_string(entry.seq) + " stamped " +
               entry.change.hlc.ToText() + " after " + laptop.last_stamp.ToText();
      }
      laptop.recorded_seq = entry.seq;
      laptop.last_stamp = entry.change.hlc;
      laptop.last_record = entry.change.record_id;
      serials_.emplace(entry.change.record_id, serials_.size() + 1);
      entry.change.device = laptop.store->device_id();
      if (tracing_) {
        std::printf("  record %zu %s.%s = %s at %s\n", serials_[entry.change.record_id],
                    entry.change.table.c_str(), entry.change.field.c_str(),
                    entry.change.value.dump().c_str(), entry.change.hlc.ToText().c_str());
      }
      if (std::llabs(entry.change.hlc.wall_ms - clock_.NowMs()) > 1000) ++tally_.skewed_stamps;
      if (entry.change.table == "transports" || entry.change.table == "transport_legs") {
        ++tally_.transport_writes;
      }
      // A corrections record is written once, whole, by the laptop that made it.
      if (entry.change.table == "corrections") {
        nlohmann::json& made = corrections_made_[entry.change.record_id];
        if (made.empty()) ++tally_.corrections;
        if (made.contains(entry.change.field)) {
          return "corrections record " + entry.change.record_id + " changed on the laptop that " +
                 "made it: " + entry.change.field + " " + made[entry.change.field].dump() + " -> " +
                 entry.change.value.dump();
        }
        made[entry.change.field] = entry.change.value;
      }
      writes_.push_back(entry.change);
      ++tally_.writes;
    }
    return "";
  }

  // Digests equal, every write accounted for, and no problem reported twice.
  std::string Check() {
    auto server_digest = storage_->Digest();
    if (!server_digest.ok()) return "server digest: " + server_digest.status().message();
    for (size_t i = 0; i < laptops_.size(); ++i) {
      auto digest = laptops_[i].store->Digest();
      if (!digest.ok() || digest.value() != server_digest.value()) {
        return "laptop " + std::to_string(i) + " did not converge with the server";
      }
    }
    // Stamps the final state shows, stamps kept by conflict records, and stamps someone
    // overwrote having seen them.
    LocalStore& any = *laptops_.front().store;
    std::set<std::string> kept;
    auto conflicts = any.List("conflicts");
    if (!conflicts.ok()) return "conflicts: " + conflicts.status().message();
    tally_.conflicts += static_cast<int64_t>(conflicts.value().size());
    for (const auto& conflict : conflicts.value()) {
      if (conflict.value("rule", "") == "vehicle_busy") ++tally_.vehicle_busy;
      for (const char* side : {"lost", "kept"}) {
        kept.insert(conflict.value("record_id", "") + "/" + conflict.value("field_name", "") + "/" +
                    conflict.value(std::string(side) + "_stamp", "") + "/" +
                    conflict.value(std::string(side) + "_device", ""));
      }
    }
    std::set<std::string> seen;
    for (const Change& c : writes_)
      seen.insert(c.record_id + "/" + c.field + "/" + c.seen.ToText());
    // A write is accounted for when its value stands, someone replaced it having seen it, or a
    // conflict record keeps it; or when another write of the same value to the same field is
    // (two people typing the same thing is no conflict, and either write carries the value).
    std::set<std::string> accounted_values;
    std::vector<const Change*> unaccounted;
    for (const Change& c : writes_) {
      if (!TracksConcurrentWrites(c.table, c.field)) continue;  // who settled and when
      const std::string key = c.record_id + "/" + c.field;
      auto record = any.Get(c.table, c.record_id);
      if (!record.ok()) return "write to an unknown record: " + key;
      const auto found = record.value().find(c.field);
      const bool stands = found != record.value().end() ? *found == c.value : c.value.is_null();
      if (stands || seen.count(key + "/" + c.hlc.ToText()) ||
          kept.count(key + "/" + c.hlc.ToText() + "/" + c.device)) {
        accounted_values.insert(key + "/" + c.value.dump());
      } else {
        unaccounted.push_back(&c);
      }
    }
    for (const Change* c : unaccounted) {
      const std::string key = c->record_id + "/" + c->field;
      if (accounted_values.count(key + "/" + c->value.dump())) continue;
      if (tracing_) TraceField(key);
      return "lost write: " + c->table + "." + c->field + " = " + c->value.dump() + " by " +
             c->device + " at " + c->hlc.ToText();
    }
    if (std::string broken = ReportedOnce(conflicts.value()); !broken.empty()) return broken;
    return CorrectionsKept(conflicts.value());
  }

  static bool IsEvent(const std::string& table, const std::string& field) {
    const TableSpec* spec = FindTable(table);
    const FieldSpec* found = spec ? spec->Field(field) : nullptr;
    return found && found->event;
  }

  // Recorded times change only by corrections: each correction made is on every laptop and
  // the county as it was made; each change of a time its writer saw recorded has the
  // correction that keeps what it replaced; each time stands as first recorded or as a
  // correction set it; and the county never found a time overwritten without a correction.
  std::string CorrectionsKept(const std::vector<nlohmann::json>& conflicts) {
    for (const auto& conflict : conflicts) {
      if (conflict.value("rule", "") == "recorded_event") {
        if (tracing_)
          TraceField(conflict.value("record_id", "") + "/" + conflict.value("field_name", ""));
        return "the county flagged a recorded time overwritten without a correction: " +
               conflict.value("table_name", "") + "." + conflict.value("field_name", "") + " of " +
               conflict.value("record_id", "") + " (" + conflict.value("note", "") + ")";
      }
      if (conflict.value("conflict_kind", "") == "concurrent_edit" &&
          IsEvent(conflict.value("table_name", ""), conflict.value("field_name", ""))) {
        ++tally_.time_conflicts;
      }
    }
    for (size_t i = 0; i < laptops_.size(); ++i) {
      auto listed = laptops_[i].store->List("corrections");
      if (!listed.ok()) return "corrections: " + listed.status().message();
      std::map<std::string, nlohmann::json> held;
      for (auto& record : listed.value()) {
        const std::string id = record["id"];
        record.erase("id");
        held[id] = std::move(record);
      }
      if (std::string broken = SameCorrections("laptop " + std::to_string(i), held);
          !broken.empty()) {
        return broken;
      }
    }
    // The county's feed holds each field it stored once, so a second entry is a change.
    std::map<std::string, nlohmann::json> county;
    for (int64_t after = 0;;) {
      auto page = storage_->ReadFeed(after, 4096, "", AccessScope::County());
      if (!page.ok()) return "county feed: " + page.status().message();
      for (const auto& entry : page.value().changes) {
        const Change& c = entry.change;
        if (c.table != "corrections") continue;
        nlohmann::json& fields = county[c.record_id];
        if (fields.contains(c.field)) {
          return "the county changed corrections record " + c.record_id + ": " + c.field + " " +
                 fields[c.field].dump() + " -> " + c.value.dump();
        }
        fields[c.field] = c.value;
      }
      after = page.value().next_cursor;
      if (!page.value().more) break;
    }
    if (std::string broken = SameCorrections("the county", county); !broken.empty()) return broken;

    std::map<std::string, std::vector<const Change*>> by_stamp;  // record/field/stamp
    std::set<std::string> first_recorded;  // record/field/value written over an empty field
    for (const Change& c : writes_) {
      by_stamp[c.record_id + "/" + c.field + "/" + c.hlc.ToText()].push_back(&c);
      if (c.seen.IsZero())
        first_recorded.insert(c.record_id + "/" + c.field + "/" + c.value.dump());
    }
    const auto corrected = [&](const Change& c, const std::vector<const Change*>& replaced) {
      for (const auto& [id, note] : corrections_made_) {
        if (note.value("table_name", "") != c.table || note.value("record_id", "") != c.record_id ||
            note.value("field_name", "") != c.field || note.value("value", "") != c.value.dump() ||
            note.value("corrected_by", "") != c.device) {
          continue;
        }
        for (const Change* was : replaced) {
          if (note.value("corrected_value", "") == was->value.dump()) return true;
        }
      }
      return false;
    };
    for (const Change& c : writes_) {
      if (c.seen.IsZero() || !IsEvent(c.table, c.field)) continue;
      const std::string key = c.record_id + "/" + c.field;
      const auto replaced = by_stamp.find(key + "/" + c.seen.ToText());
      if (replaced == by_stamp.end()) {
        return "a write to " + c.table + "." + c.field + " saw stamp " + c.seen.ToText() +
               " that no laptop wrote";
      }
      if (std::any_of(replaced->second.begin(), replaced->second.end(),
                      [&](const Change* was) { return was->value == c.value; })) {
        continue;  // the same time written again
      }
      if (!corrected(c, replaced->second)) {
        if (tracing_) TraceField(key);
        return "recorded time overwritten without a correction: " + c.table + "." + c.field +
               " of " + c.record_id + " " + replaced->second.front()->value.dump() + " -> " +
               c.value.dump() + " by " + c.device + " at " + c.hlc.ToText();
      }
    }
    LocalStore& any = *laptops_.front().store;
    for (const std::string table : {"transports", "transport_legs"}) {
      auto records = any.List(table);
      if (!records.ok()) return table + ": " + records.status().message();
      for (const auto& record : records.value()) {
        for (const auto& field : TimesOf(table)) {
          const auto time = record.find(field);
          if (time == record.end() || time->is_null()) continue;
          const std::string key = record.value("id", "") + "/" + field;
          if (first_recorded.count(key + "/" + time->dump())) continue;
          const bool by_correction = std::any_of(
              corrections_made_.begin(), corrections_made_.end(), [&](const auto& made) {
                const nlohmann::json& note = made.second;
                return note.value("record_id", "") + "/" + note.value("field_name", "") == key &&
                       note.value("value", "") == time->dump();
              });
          if (!by_correction) {
            if (tracing_) TraceField(key);
            return "a recorded time changed with no correction holding it: " + table + "." + field +
                   " of " + record.value("id", "") + " = " + time->dump();
          }
        }
      }
    }
    return "";
  }

  // The corrections records one replica holds are exactly those laptops made, field for field.
  std::string SameCorrections(const std::string& who,
                              const std::map<std::string, nlohmann::json>& held) {
    for (const auto& [id, made] : corrections_made_) {
      const auto found = held.find(id);
      if (found == held.end()) return who + " lacks corrections record " + id;
      if (found->second != made) {
        return who + " holds corrections record " + id + " as " + found->second.dump() +
               ", made as " + made.dump();
      }
    }
    if (held.size() != corrections_made_.size()) {
      for (const auto& [id, fields] : held) {
        if (!corrections_made_.count(id)) {
          return who + " holds corrections record " + id + " that no laptop made";
        }
      }
    }
    return "";
  }

  // Each problem has one conflict record, so no one settles it twice: one per overwritten
  // value, one open per duplicate pair either way round, one open per broken rule of a record.
  std::string ReportedOnce(const std::vector<nlohmann::json>& conflicts) {
    std::set<std::string> problems;
    for (const auto& conflict : conflicts) {
      const std::string kind = conflict.value("conflict_kind", "");
      const bool open = conflict.value("conflict_state", "") == "open";
      const std::string table = conflict.value("table_name", "");
      const std::string record = conflict.value("record_id", "");
      const std::string other = conflict.value("other_record_id", "");
      std::string problem;
      if (kind == "concurrent_edit") {
        problem = table + "/" + record + "/" + conflict.value("field_name", "") + " lost " +
                  conflict.value("lost_device", "") + "@" + conflict.value("lost_stamp", "");
      } else if (kind == "duplicate" && open) {
        problem = table + "/" + std::min(record, other) + "=" + std::max(record, other);
      } else if (kind == "broken_rule" && open) {
        problem = table + "/" + record + " breaks " + conflict.value("rule", "") + " with " + other;
      } else {
        continue;
      }
      if (problems.insert(kind + ": " + problem).second) continue;
      if (tracing_) {
        for (const auto& each : conflicts)
          std::printf("conflict %s\n", each.dump().c_str());
      }
      return "reported twice: " + kind + " " + problem;
    }
    return "";
  }

  // Prints every write of one field and every conflict record, to debug a failing seed.
  void TraceField(const std::string& key) {
    for (const Change& c : writes_) {
      if (c.record_id + "/" + c.field != key) continue;
      std::printf("write %s by %s at %s seen %s\n", c.value.dump().c_str(), Short(c.device).c_str(),
                  c.hlc.ToText().c_str(), c.seen.ToText().c_str());
    }
    auto conflicts = laptops_.front().store->List("conflicts");
    for (const auto& conflict : conflicts.value())
      std::printf("conflict %s\n", conflict.dump().c_str());
  }

  std::mt19937_64 random_;
  Tally& tally_;
  const bool tracing_;
  ManualClock clock_{1'700'000'000'000};  // the county's; laptops' clocks are off it
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<FaultyLink> link_;
  ScratchDir files_;  // the laptops' databases, removed after the laptops close them
  const std::vector<std::string>& enrolled_;  // a laptop database for each device id
  std::vector<Laptop> laptops_;
  std::vector<Change> writes_;             // every write any laptop made, as its outbox held it
  std::map<std::string, size_t> serials_;  // the order laptops made their records in
  std::map<std::string, nlohmann::json> corrections_made_;  // id → fields, as the outbox held them
};

int SchedulesToRun() {
  const char* text = std::getenv("RELAY_PROPERTY_SCHEDULES");
  const int count = text ? std::atoi(text) : 0;
  return count > 0 ? count : 1000;
}

uint64_t FirstSeed() {
  const char* text = std::getenv("RELAY_PROPERTY_SEED");
  return text ? std::strtoull(text, nullptr, 10) : 20261122;
}

TEST(ConvergenceProperty, EveryScheduleConvergesAndLosesNoWrite) {
  const int schedules = SchedulesToRun();
  const uint64_t first = FirstSeed();
  const ScratchDir scratch;
  const auto enrolled = EnrolledLaptopDatabases(scratch);
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
  Tally tally;
  for (int i = 0; i < schedules; ++i) {
    const uint64_t seed = first + static_cast<uint64_t>(i);
    const std::string broken = Schedule(seed, scratch, enrolled.value(), tally).Run();
    ASSERT_EQ(broken, "") << "seed " << seed << " (rerun: RELAY_PROPERTY_SEED=" << seed
                          << " RELAY_PROPERTY_SCHEDULES=1 RELAY_PROPERTY_TRACE=1)";
  }
  std::printf(
      "%d schedules from seed %llu: %lld writes (%lld to transports and legs, %lld stamped "
      "by a skewed clock), %lld merges, %lld settlements, %lld corrections (%lld by "
      "settlements), %lld times recorded after their record, %lld restarts, %lld clocks set "
      "back, %lld conflict records (%lld vehicle_busy, %lld over recorded times), %lld syncs "
      "broken off by faults (%lld requests dropped, %lld push answers lost after the county "
      "stored the batch, %lld pull answers lost), %lld syncs in protocol 1\n",
      schedules, static_cast<unsigned long long>(first), static_cast<long long>(tally.writes),
      static_cast<long long>(tally.transport_writes), static_cast<long long>(tally.skewed_stamps),
      static_cast<long long>(tally.merges), static_cast<long long>(tally.settlements),
      static_cast<long long>(tally.corrections), static_cast<long long>(tally.settling_corrections),
      static_cast<long long>(tally.event_fills), static_cast<long long>(tally.restarts),
      static_cast<long long>(tally.clock_jumps_back), static_cast<long long>(tally.conflicts),
      static_cast<long long>(tally.vehicle_busy), static_cast<long long>(tally.time_conflicts),
      static_cast<long long>(tally.failed_syncs), static_cast<long long>(tally.requests_dropped),
      static_cast<long long>(tally.push_answers_lost),
      static_cast<long long>(tally.pull_answers_lost),
      static_cast<long long>(tally.protocol1_syncs));
  if (schedules >= 100) {  // a replay of one seed need not do everything
    EXPECT_GT(tally.transport_writes, 0);
    EXPECT_GT(tally.skewed_stamps, 0);
    EXPECT_GT(tally.merges, 0);
    EXPECT_GT(tally.settlements, 0);
    EXPECT_GT(tally.corrections, 0);
    EXPECT_GT(tally.event_fills, 0);
    EXPECT_GT(tally.time_conflicts, 0);
    EXPECT_GT(tally.restarts, 0);
    EXPECT_GT(tally.clock_jumps_back, 0);
    EXPECT_GT(tally.conflicts, 0);
    EXPECT_GT(tally.vehicle_busy, 0);
    EXPECT_GT(tally.push_answers_lost, 0);
    EXPECT_GT(tally.protocol1_syncs, 0);
  }
}

}  // namespace
}  // namespace relay
