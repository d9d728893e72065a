// Times the county's report (issue 13: ≤ 1 s over 100,000 transports): reading the merged
// data, computing every section, and writing the JSON, the workbook and the CSV files.
// Run: build/bin/relay_report_bench [TRANSPORTS] [--db FILE]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "relay/edge/local_store.h"
#include "relay/report/report_builder.h"
#include "relay/report/report_csv.h"
#include "relay/report/report_json.h"
#include "relay/report/report_xlsx.h"
#include "relay/validation.h"
#include "temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kTownships = 20;
constexpr int kGachasPerTownship = 10;
constexpr int kVehiclesPerGacha = 5;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string Digits(int64_t number, int width) {
  std::string text = std::to_string(number);
  return std::string(width > static_cast<int>(text.size()) ? width - text.size() : 0, '0') + text;
}

// Stores the records, 1000 a transaction; their ids, or exits on the first refusal.
std::vector<std::string> PutAll(relay::edge::LocalStore& store, const std::string& table,
                                const std::vector<nlohmann::json>& records) {
  std::vector<std::string> ids;
  for (size_t done = 0; done < records.size(); done += 1000) {
    std::vector<nlohmann::json> batch(
        records.begin() + done, records.begin() + std::min(records.size(), done + 1000));
    auto stored = store.PutAll(table, batch);
    if (!stored.ok()) {
      std::fprintf(stderr, "filling %s failed: %s\n", table.c_str(),
                   stored.status().message().c_str());
      std::exit(2);
    }
    ids.insert(ids.end(), stored.value().begin(), stored.value().end());
  }
  return ids;
}

// A banner of 20 townships with 10 gachas each, 5 volunteer vehicles a gacha and an
// ambulance a township, teams with A/B posts, and `transports` calls over 2024, each with a
// volunteer's leg, the ambulance's leg and a handoff between them.
void Fill(relay::edge::LocalStore& store, int transports) {
  std::mt19937 random(2024);
  std::vector<nlohmann::json> townships, gachas, volunteers, vehicles, teams;
  for (int t = 0; t < kTownships; ++t)
    townships.push_back({{"name", "苏木" + std::to_string(t)},
                         {"township_kind", t % 2 ? "sumu" : "town"},
                         {"code", "1525291" + Digits(t, 2)}});
  const auto township_ids = PutAll(store, "townships", townships);
  for (int t = 0; t < kTownships; ++t) {
    for (int g = 0; g < kGachasPerTownship; ++g) {
      char location[40];
      std::snprintf(location, sizeof location, "%.6f,%.6f", 42.0 + t * 0.05, 114.5 + g * 0.05);
      gachas.push_back({{"township_id", township_ids[t]},
                        {"name", "嘎查" + std::to_string(t) + "-" + std::to_string(g)},
                        {"area_type", g % 3 ? "pastoral" : "farming"},
                        {"location", location}});
    }
  }
  const auto gacha_ids = PutAll(store, "gachas", gachas);
  for (size_t g = 0; g < gacha_ids.size(); ++g) {
    for (int v = 0; v < kVehiclesPerGacha; ++v) {
      const int n = static_cast<int>(g) * kVehiclesPerGacha + v;
      volunteers.push_back({{"name", "司机" + std::to_string(n)},
                            {"phone", "139" + Digits(n, 8)},
                            {"gacha_id", gacha_ids[g]},
                            {"first_aid_expires_on", n % 4 ? "2026-01-01" : "2024-03-01"}});
    }
  }
  const auto driver_ids = PutAll(store, "volunteers", volunteers);
  static const char* kCategories[] = {"gacha_doctor", "mobile_clinic", "gacha_committee",
                                      "police",       "cadre",         "public"};
  for (size_t n = 0; n < driver_ids.size(); ++n) {
    vehicles.push_back({{"plate", "蒙H·" + Digits(static_cast<int64_t>(n), 5)},
                        {"owner_category", kCategories[n % 6]},
                        {"phone", "139" + Digits(static_cast<int64_t>(n), 8)},
                        {"home_gacha_id", gacha_ids[n / kVehiclesPerGacha]},
                        {"driver_id", driver_ids[n]},
                        {"status", "available"}});
  }
  for (int t = 0; t < kTownships; ++t)
    vehicles.push_back({{"plate", "蒙H·A" + Digits(t, 4)},
                        {"owner_category", "ambulance"},
                        {"phone", "138" + Digits(t, 8)},
                        {"township_id", township_ids[t]}});
  const auto vehicle_ids = PutAll(store, "vehicles", vehicles);
  for (int t = 0; t < kTownships; ++t)
    teams.push_back({{"name", "应急队" + std::to_string(t)},
                     {"team_level", "township"},
                     {"township_id", township_ids[t]}});
  PutAll(store, "teams", teams);

  std::vector<nlohmann::json> calls;
  std::vector<int> gacha_of;
  const int64_t year_start_s = 1704038400;  // 2024-01-01 00:00 in Beijing
  for (int i = 0; i < transports; ++i) {
    const int g = static_cast<int>(random() % gacha_ids.size());
    const int64_t call_s = year_start_s + static_cast<int64_t>(i) * (366LL * 86400 / transports);
    const int contact_min = 10 + static_cast<int>(random() % 70);
    calls.push_back({{"call_received_at", relay::FormatUtcTime(call_s)},
                     {"pickup_gacha_id", gacha_ids[g]},
                     {"first_contact_at", relay::FormatUtcTime(call_s + contact_min * 60)},
                     {"arrived_destination_at", relay::FormatUtcTime(call_s + 100 * 60)},
                     {"transport_state", "closed"}});
    gacha_of.push_back(g);
  }
  const auto transport_ids = PutAll(store, "transports", calls);
  std::vector<nlohmann::json> legs, handoffs;
  for (int i = 0; i < transports; ++i) {
    const int64_t call_s = *relay::ParseTimeSeconds(calls[i]["call_received_at"]);
    const int g = gacha_of[i];
    const int volunteer = g * kVehiclesPerGacha + static_cast<int>(random() % kVehiclesPerGacha);
    legs.push_back({{"transport_id", transport_ids[i]},
                    {"vehicle_id", vehicle_ids[volunteer]},
                    {"driver_id", driver_ids[volunteer]},
                    {"departed_at", relay::FormatUtcTime(call_s + 5 * 60)},
                    {"arrived_at", relay::FormatUtcTime(call_s + 30 * 60)}});
    legs.push_back({{"transport_id", transport_ids[i]},
                    {"vehicle_id", vehicle_ids[driver_ids.size() + g / kGachasPerTownship]},
                    {"departed_at", relay::FormatUtcTime(call_s + 32 * 60)},
                    {"arrived_at", relay::FormatUtcTime(call_s + 100 * 60)}});
    handoffs.push_back({{"transport_id", transport_ids[i]},
                        {"carrier_arrived_at", relay::FormatUtcTime(call_s + 30 * 60)},
                        {"receiver_arrived_at", relay::FormatUtcTime(call_s + 28 * 60)},
                        {"transfer_at", relay::FormatUtcTime(call_s + 32 * 60)},
                        {"delay_reason", i % 7 ? "" : "路况差"}});
  }
  PutAll(store, "transport_legs", legs);
  PutAll(store, "handoffs", handoffs);
}

}  // namespace

int main(int argc, char** argv) {
  int transports = 100000;
  std::string db_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      db_path = argv[++i];
    } else if (std::atoi(arg.c_str()) > 0) {
      transports = std::atoi(arg.c_str());
    } else {
      std::fprintf(stderr, "usage: relay_report_bench [TRANSPORTS] [--db FILE]\n");
      return 2;
    }
  }
  relay::testing::TempDir dir;
  if (db_path.empty()) db_path = dir.File("county.db");
  const bool fill = !std::filesystem::exists(db_path);
  relay::SystemClock clock;
  {
    auto store = relay::edge::LocalStore::Open(db_path, clock);
    if (!store.ok()) {
      std::fprintf(stderr, "%s\n", store.status().message().c_str());
      return 2;
    }
    if (fill) {
      const auto start = Clock::now();
      Fill(*store.value(), transports);
      std::printf("filled %d transports (2 legs and a handoff each) in %.0f s\n", transports,
                  MillisecondsSince(start) / 1000);
    }
  }

  auto db = relay::sql::Database::Open(db_path).value();
  const auto year = relay::report::ParsePeriod("2024").value();
  const auto half = relay::report::ParsePeriod("2024-H1").value();
  double load_ms = 0, build_year_ms = 0, build_half_ms = 0, build_township_ms = 0;
  constexpr int kRepeats = 5;
  relay::report::Report report;
  for (int i = 0; i < kRepeats; ++i) {
    auto start = Clock::now();
    auto data = relay::report::LoadReportData(*db);
    load_ms += MillisecondsSince(start);
    if (!data.ok()) {
      std::fprintf(stderr, "%s\n", data.status().message().c_str());
      return 2;
    }
    start = Clock::now();
    report = relay::report::BuildReport(data.value(), year, {}, clock.NowMs());
    build_year_ms += MillisecondsSince(start);
    start = Clock::now();
    relay::report::BuildReport(data.value(), half, {}, clock.NowMs());
    build_half_ms += MillisecondsSince(start);
    const auto township = relay::report::ResolveScope(data.value(), "152529100").value();
    start = Clock::now();
    relay::report::BuildReport(data.value(), half, township, clock.NowMs());
    build_township_ms += MillisecondsSince(start);
  }
  auto start = Clock::now();
  const std::string json = relay::report::ReportJson(report).dump();
  const double json_ms = MillisecondsSince(start);
  start = Clock::now();
  const bool xlsx_ok = relay::report::WriteReportXlsx(report, dir.File("year.xlsx"), "zh").ok();
  const double xlsx_ms = MillisecondsSince(start);
  start = Clock::now();
  const bool csv_ok = relay::report::WriteReportCsv(report, dir.File("year-csv"), "zh").ok();
  const double csv_ms = MillisecondsSince(start);

  const double whole_ms = (load_ms + build_year_ms) / kRepeats;
  std::printf("transports in the year            %.0f\n",
              report.sections[0].figures[0].value.value_or(-1));
  std::printf("read the merged data              %.0f ms (mean of %d)\n", load_ms / kRepeats,
              kRepeats);
  std::printf("compute the year, banner          %.0f ms\n", build_year_ms / kRepeats);
  std::printf("compute the half-year, banner     %.0f ms\n", build_half_ms / kRepeats);
  std::printf("compute the half-year, a township %.0f ms\n", build_township_ms / kRepeats);
  std::printf("JSON of the year                  %.0f ms (%zu bytes)\n", json_ms, json.size());
  std::printf("workbook of the year              %.0f ms%s\n", xlsx_ms, xlsx_ok ? "" : " FAILED");
  std::printf("CSV files of the year             %.0f ms%s\n", csv_ms, csv_ok ? "" : " FAILED");
  std::printf("read + compute the year           %.0f ms: %s (target <= 1000 ms)\n", whole_ms,
              whole_ms <= 1000 ? "met" : "NOT MET");
  return whole_ms <= 1000 && xlsx_ok && csv_ok ? 0 : 1;
}
