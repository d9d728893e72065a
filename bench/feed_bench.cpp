// Measures the county's pulls by township: fills a server store with ENTRIES feed entries of
// 20 townships (their vehicles, pushed a township at a time), then times township pulls as
// laptops make them, in process with no HTTP. Run: build/bin/relay_feed_bench [ENTRIES]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "relay/schema.h"
#include "relay/uuid.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;
using relay::server::SqliteServerStorage;

constexpr int kTownships = 20;
constexpr int kChangesPerPush = 500;
constexpr int kPulls = 1000;
constexpr size_t kPullBatch = 1000;  // what a laptop asks for (SyncOptions::pull_batch)

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Pushes as the county, so every change is stored whatever township it names.
class Filler {
 public:
  Filler(SqliteServerStorage& storage, int64_t now_ms) : storage_(storage), now_ms_(now_ms) {}

  std::string Id() { return ids_.Next(now_ms_); }

  void Add(const std::string& table, const std::string& id, const nlohmann::json& fields) {
    for (const auto& [field, value] : fields.items()) {
      request_.changes.push_back({++seq_, relay::Change{table,
                                                        id,
                                                        field,
                                                        value,
                                                        relay::HlcTimestamp{++stamp_ms_, 0},
                                                        request_.device,
                                                        {},
                                                        ""}});
    }
  }

  bool Push() {
    auto pushed = storage_.ApplyPush(request_, relay::AccessScope::County());
    request_.changes.clear();
    return pushed.ok() && !pushed.value().out_of_scope && !pushed.value().reused;
  }

  size_t pending() const { return request_.changes.size(); }

 private:
  SqliteServerStorage& storage_;
  int64_t now_ms_;
  int64_t stamp_ms_ = now_ms_ - 10'000'000;
  int64_t seq_ = 0;
  relay::UuidV7Generator ids_;
  relay::PushRequest request_{
      relay::kProtocolVersion, relay::kSchemaVersion, "01890a5d-0000-7000-8000-000000000001", {}};
};

// User and system CPU time of this process so far: on a machine shared with other work it moves
// far less than wall time does.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Figures {
  double seconds = 0;
  double cpu_seconds = 0;
  size_t entries = 0;
  int64_t steps = 0;
};

void Print(const char* what, const Figures& figures, int pulls) {
  std::printf("%-28s %9.3f ms (%.3f ms CPU) %6.0f entries %10.0f SQLite VM steps\n", what,
              1000 * figures.seconds / pulls, 1000 * figures.cpu_seconds / pulls,
              static_cast<double>(figures.entries) / pulls,
              static_cast<double>(figures.steps) / pulls);
}

}  // namespace

int main(int argc, char** argv) {
  const int entries = argc > 1 ? std::atoi(argv[1]) : 100'000;
  relay::testing::TempDir dir;
  relay::SystemClock clock;
  auto opened = SqliteServerStorage::Open(dir.File("county.db"), clock);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().message().c_str());
    return 1;
  }
  auto& storage = *opened.value();
  Filler filler(storage, clock.NowMs());
  std::vector<std::string> townships;
  for (int t = 0; t < kTownships; ++t) {
    townships.push_back(filler.Id());
    filler.Add("townships", townships.back(),
               {{"name", "镇" + std::to_string(t)}, {"township_kind", "town"}});
    filler.Add("gachas", filler.Id(),
               {{"township_id", townships.back()},
                {"name", "嘎查" + std::to_string(t)},
                {"area_type", "pastoral"}});
  }
  const auto start = Clock::now();
  const double fill_cpu = CpuSeconds();
  bool filled = filler.Push();
  // Each push is one township's vehicles, four fields each, as a clinic's push would be.
  for (int n = 0, push = 0; filled && n * 4 < entries; ++n) {
    char plate[32];
    std::snprintf(plate, sizeof plate, "蒙H·%05d", n % 100000);
    filler.Add("vehicles", filler.Id(),
               {{"plate", plate},
                {"owner_category", "public"},
                {"phone", "13800000000"},
                {"township_id", townships[push % kTownships]}});
    if (filler.pending() >= kChangesPerPush) {
      filled = filler.Push();
      ++push;
    }
  }
  if (filled && filler.pending()) filled = filler.Push();
  if (!filled) {
    std::fprintf(stderr, "filling the feed failed\n");
    return 1;
  }
  const double fill_s = SecondsSince(start);
  const double fill_cpu_s = CpuSeconds() - fill_cpu;

  // The cursor 2,000 entries before the feed's end: a laptop some minutes behind.
  std::vector<int64_t> cursors;
  for (int64_t after = 0;;) {
    auto page = storage.ReadFeed(after, 5000, "", relay::AccessScope::County()).value();
    for (const auto& entry : page.changes)
      cursors.push_back(entry.cursor);
    after = page.next_cursor;
    if (!page.more) break;
  }
  const int64_t behind = cursors.size() > 2000 ? cursors[cursors.size() - 2001] : 0;

  auto pulls = [&](int64_t after, int count) {
    Figures figures;
    const int64_t steps = storage.VmSteps();
    const double cpu = CpuSeconds();
    const auto begin = Clock::now();
    for (int i = 0; i < count; ++i) {
      const relay::AccessScope scope{"clinic", townships[i % kTownships]};
      auto page = storage.ReadFeed(after, kPullBatch, "", scope);
      if (!page.ok()) std::exit(1);
      figures.entries += page.value().changes.size();
    }
    figures.seconds = SecondsSince(begin);
    figures.cpu_seconds = CpuSeconds() - cpu;
    figures.steps = storage.VmSteps() - steps;
    return figures;
  };
  const Figures first_pages = pulls(0, kPulls);
  const Figures recent = pulls(behind, kPulls);
  // A new laptop of each township pulls the whole feed, page by page.
  Figures catch_up;
  int pages = 0;
  const int64_t steps = storage.VmSteps();
  const double cpu = CpuSeconds();
  const auto begin = Clock::now();
  for (const auto& township : townships) {
    for (int64_t after = 0;;) {
      auto page = storage.ReadFeed(after, kPullBatch, "", {"clinic", township}).value();
      ++pages;
      catch_up.entries += page.changes.size();
      after = page.next_cursor;
      if (!page.more) break;
    }
  }
  catch_up.seconds = SecondsSince(begin);
  catch_up.cpu_seconds = CpuSeconds() - cpu;
  catch_up.steps = storage.VmSteps() - steps;

  std::printf("feed: %zu entries of %d townships, pushed in %.1f s (%.1f s CPU)\n", cursors.size(),
              kTownships, fill_s, fill_cpu_s);
  std::printf("township pulls of up to %zu, each:\n", kPullBatch);
  Print("first page of a new laptop", first_pages, kPulls);
  Print("2,000 entries behind", recent, kPulls);
  std::printf("a new laptop's whole feed (%d pages for the %d townships), each township:\n", pages,
              kTownships);
  Print("page by page", catch_up, kTownships);
  return 0;
}
