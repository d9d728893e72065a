// Measures the field client's store at the size issue 3 asks the screens to stay smooth with:
// N transports (default 100,000) with a handoff each. Run: build/bin/relay_store_bench [N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "relay/edge/local_store.h"
#include "relay/validation.h"
#include "temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Runs `work` `repeats` times and returns the mean in milliseconds.
template <typename Work>
double Mean(int repeats, Work work) {
  const auto start = Clock::now();
  for (int i = 0; i < repeats; ++i)
    work();
  return MillisecondsSince(start) / repeats;
}

}  // namespace

int main(int argc, char** argv) {
  const int transports = argc > 1 ? std::atoi(argv[1]) : 100000;
  relay::testing::TempDir dir;
  relay::SystemClock clock;
  auto store = relay::edge::LocalStore::Open(dir.File("clinic.db"), clock).value();
  const auto gacha = store->Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
  const auto pastoral = store->Put(
      "gachas",
      {{"township_id", gacha.value()}, {"name", "额日和图嘎查"}, {"area_type", "pastoral"}});

  const auto load_start = Clock::now();
  std::string last_transport;
  const int batch = 1000;
  for (int done = 0; done < transports; done += batch) {
    std::vector<nlohmann::json> records;
    for (int i = done; i < done + batch && i < transports; ++i) {
      records.push_back({{"call_received_at", relay::FormatUtcTime(1704067200 + i * 300L)},
                         {"callback_phone", "13800000000"},
                         {"patient_name", "演示" + std::to_string(i)},
                         {"complaint_code", "trauma"},
                         {"acuity", "urgent"},
                         {"pickup_gacha_id", pastoral.value()},
                         {"transport_state", "closed"}});
    }
    auto ids = store->PutAll("transports", records);
    if (!ids.ok()) {
      std::fprintf(stderr, "load failed: %s\n", ids.status().message().c_str());
      return 1;
    }
    std::vector<nlohmann::json> handoffs;
    for (const auto& id : ids.value())
      handoffs.push_back({{"transport_id", id}});
    if (!store->PutAll("handoffs", handoffs).ok()) return 1;
    last_transport = ids.value().back();
  }
  const double load_ms = MillisecondsSince(load_start);

  // What the transports list reads (RecordBrowser): a count of the current records, then the
  // page of 256 rows around what is on screen, newest call first.
  relay::RecordQuery current;
  current.include_archived = false;
  const double count = Mean(20, [&] { store->Count("transports", current); });
  relay::RecordQuery page = current;
  page.limit = 256;
  const double first_page = Mean(20, [&] { store->List("transports", page); });
  page.offset = transports * 9 / 10;
  const double deep_page = Mean(20, [&] { store->List("transports", page); });
  relay::RecordQuery filter = current;
  filter.contains = "演示4242";
  const double filtered_count = Mean(20, [&] { store->Count("transports", filter); });
  filter.limit = 256;
  const double filtered = Mean(20, [&] { store->List("transports", filter); });
  // A time as the list shows it, in Beijing time: every time field is read and shifted.
  filter.contains = "01-05 10:2";
  const double by_time = Mean(20, [&] { store->List("transports", filter); });
  // What a transport picker reads (RecordLabels::Options): up to 2001 records, to learn that
  // the table is too big to list whole.
  relay::RecordQuery options = current;
  options.limit = 2001;
  const double picker = Mean(20, [&] { store->List("transports", options); });
  const double handoffs_of_one =
      Mean(200, [&] { store->ListWhere("handoffs", "transport_id", last_transport); });
  const double one_record = Mean(200, [&] { store->Get("transports", last_transport); });
  int leg = 0;
  const double rule_checked_put = Mean(50, [&] {
    store->Put("handoffs", {{"transport_id", last_transport},
                            {"note", "第" + std::to_string(++leg) + "次对接"}});
  });
  const auto size_mb =
      static_cast<double>(std::filesystem::file_size(dir.File("clinic.db"))) / (1 << 20);

  std::printf("transports (with a handoff each)  %d\n", transports);
  std::printf("load with PutAll, 1000 a batch    %.1f s (%.0f records/s)\n", load_ms / 1000,
              2.0 * transports / (load_ms / 1000));
  std::printf("count of current transports       %.2f ms\n", count);
  std::printf("newest page of 256 transports     %.2f ms\n", first_page);
  std::printf("page of 256 at 90%% down the list  %.2f ms\n", deep_page);
  std::printf("filter: count of matches          %.2f ms\n", filtered_count);
  std::printf("filter: first page of matches     %.2f ms\n", filtered);
  std::printf("filter: first page, a Beijing time %.2f ms\n", by_time);
  std::printf("picker: first 2001 transports     %.2f ms\n", picker);
  std::printf("handoffs of one transport         %.3f ms\n", handoffs_of_one);
  std::printf("one transport by id               %.3f ms\n", one_record);
  std::printf("put of a handoff, rules checked   %.2f ms (durable commit included)\n",
              rule_checked_put);
  std::printf("database file                     %.0f MiB (WAL not counted)\n", size_mb);
  return 0;
}
