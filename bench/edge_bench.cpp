// Measures relay-edge on an old laptop's load: a store of N transports (default 100,000), the
// real window opened on the transports screen with a filter typed. Prints frame times idle and
// while scrolling, idle CPU use, cold start to the first frame and peak RSS against the targets
// of bench/README.md. Run under a display (bench/edge-bench runs it under Xvfb with Mesa's
// software renderer): build/bin/relay_edge_bench [--transports N] [--filter TEXT] [--db FILE]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "relay/edge/local_store.h"
#include "relay/validation.h"
#include "temp_dir.h"

namespace {

using SteadyClock = std::chrono::steady_clock;

double MillisecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

struct Args {
  int transports = 100000;
  std::string filter = "2024-03";  // the calls of one month: about 8,900 transports
  std::string db;             // kept between runs when given; filled only when new
};

std::optional<Args> ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--transports") {
      args.transports = std::atoi(argv[i + 1]);
    } else if (flag == "--filter") {
      args.filter = argv[i + 1];
    } else if (flag == "--db") {
      args.db = argv[i + 1];
    } else {
      return std::nullopt;
    }
  }
  if (argc % 2 == 0 || args.transports <= 0) return std::nullopt;
  return args;
}

// Names drawn from 40 surnames and a few hundred given-name characters, so that pages read
// while scrolling bring characters the font has not drawn yet, as real names do.
const char32_t kSurnames[] =
    U"王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
const char32_t kGiven[] =
    U"伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫波斌宇浩凯健俊帆帅旭宁"
    U"龙林欣佳阳晨瑞博文辉力成康星光天达安岩中茂进良海山仁波宝音格日勒巴特尔其木萨那图雅"
    U"乌兰额尔敦苏和朝鲁孟根毕力德吉呼斯琴塔娜阿拉坦高娃包金花满都拉哈森布赫铁木真道尔吉"
    U"春夏秋冬松柏竹菊荷莲雪冰云雨露霜虹彩凤鸾鹤鹏燕鹰雁鸿翔飞腾跃骏驰骋奔逸畅悦怡欢喜庆"
    U"福禄寿禧祥瑞吉利顺泰康宁静和睦善良忠孝仁义礼智信诚勤俭朴素谦让恭敬慈爱温柔刚毅坚韧";

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (c & 0x3F));
  return out;
}

// The i-th person's name: a surname and one or two given-name characters.
std::string Name(int i) {
  const size_t surnames = std::char_traits<char32_t>::length(kSurnames);
  const size_t given = std::char_traits<char32_t>::length(kGiven);
  const auto n = static_cast<size_t>(i);
  std::string name = Utf8(kSurnames[n % surnames]) + Utf8(kGiven[(n / surnames) % given]);
  if (n % 3 != 0) name += Utf8(kGiven[(n * 7919) % given]);
  return name;
}

// Fills a new store the way store_bench does: transports in batches of 1000, a few of them
// active with a vehicle on the way, so the vehicle counts have work to do.
bool Fill(const std::string& path, int transports) {
  relay::SystemClock clock;
  auto store = relay::edge::LocalStore::Open(path, clock);
  if (!store.ok()) return false;
  auto& db = *store.value();
  const auto township = db.Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
  const auto gacha = db.Put(
      "gachas",
      {{"township_id", township.value()}, {"name", "额日和图嘎查"}, {"area_type", "pastoral"}});
  std::vector<nlohmann::json> vehicles;
  for (int i = 0; i < 50; ++i) {
    char plate[32];
    std::snprintf(plate, sizeof plate, "蒙H%05d", 10000 + i);
    vehicles.push_back({{"plate", plate},
                        {"owner_category", "gacha_doctor"},
                        {"phone", "13800000000"},
                        {"home_gacha_id", gacha.value()},
                        {"status", "available"}});
  }
  auto vehicle_ids = db.PutAll("vehicles", vehicles);
  if (!vehicle_ids.ok()) return false;
  const int batch = 1000;
  for (int done = 0; done < transports; done += batch) {
    std::vector<nlohmann::json> records;
    for (int i = done; i < done + batch && i < transports; ++i) {
      const bool active = i >= transports - 10;
      records.push_back({{"call_received_at", relay::FormatUtcTime(1704067200 + i * 300L)},
                         {"callback_phone", "13800000000"},
                         {"patient_name", Name(i)},
                         {"caller_name", Name(i * 31 + 17)},
                         {"complaint_code", "trauma"},
                         {"acuity", "urgent"},
                         {"pickup_gacha_id", gacha.value()},
                         {"transport_state", active ? "active" : "closed"}});
    }
    auto ids = db.PutAll("transports", records);
    if (!ids.ok()) {
      std::fprintf(stderr, "load failed: %s\n", ids.status().message().c_str());
      return false;
    }
    if (done + batch >= transports) {
      std::vector<nlohmann::json> legs;
      for (size_t i = ids.value().size() - 10; i < ids.value().size(); ++i) {
        legs.push_back({{"transport_id", ids.value()[i]},
                        {"vehicle_id", vehicle_ids.value()[i % vehicles.size()]}});
      }
      if (!db.PutAll("transport_legs", legs).ok()) return false;
    }
  }
  return true;
}

// User plus system CPU time the process has used, in seconds (/proc/PID/stat fields 14, 15).
double CpuSeconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // The command name may hold spaces; the fields after it are counted from its closing ')'.
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string field;
  long ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stol(field);
  }
  return static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The process's peak resident set (VmHWM), in MiB.
double PeakRssMiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024;
  }
  return -1;
}

const char* Verdict(bool met) {
  return met ? "ok" : "OVER TARGET";
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = ParseArgs(argc, argv);
  if (!args) {
    std::fprintf(stderr, "usage: relay_edge_bench [--transports N] [--filter TEXT] [--db FILE]\n");
    return 2;
  }
  relay::testing::TempDir dir;
  const std::string db = args->db.empty() ? dir.File("clinic.db") : args->db;
  if (!std::filesystem::exists(db)) {
    const auto fill_start = SteadyClock::now();
    if (!Fill(db, args->transports)) {
      std::fprintf(stderr, "relay_edge_bench: cannot fill %s\n", db.c_str());
      return 1;
    }
    std::printf("filled %d transports in %.1f s\n", args->transports,
                MillisecondsSince(fill_start) / 1000);
  }

  int out[2];
  if (pipe(out) != 0) return 1;
  const auto start = SteadyClock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    setenv("RELAY_EDGE_BENCH", args->filter.c_str(), 1);
    execl(RELAY_EDGE_BIN, RELAY_EDGE_BIN, "--db", db.c_str(), "--screen", "transports",
          "--idle-lock-minutes", "0", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* lines = fdopen(out[0], "r");
  double cold_start_ms = -1;
  std::string idle, scroll;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, lines)) {
    const std::string line(buffer);
    if (line.rfind("first_frame", 0) == 0) cold_start_ms = MillisecondsSince(start);
    if (line.rfind("idle ", 0) == 0) idle = line.substr(5);
    if (line.rfind("scroll ", 0) == 0) scroll = line.substr(7);
    if (line.rfind("timed", 0) == 0) break;
  }
  if (idle.empty() || scroll.empty()) {
    std::fprintf(stderr, "relay_edge_bench: relay-edge stopped before its frames were timed\n");
    waitpid(pid, nullptr, 0);
    return 1;
  }
  // The window is left alone now, as on a desk: whatever CPU it takes is idle cost.
  constexpr double kIdleSeconds = 10;
  const double cpu_before = CpuSeconds(pid);
  const auto idle_start = SteadyClock::now();
  sleep(static_cast<unsigned>(kIdleSeconds));
  const double idle_cpu_percent =
      100 * (CpuSeconds(pid) - cpu_before) / (MillisecondsSince(idle_start) / 1000);
  const double rss = PeakRssMiB(pid);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);

  double idle_p50, idle_p99, idle_max, scroll_p50, scroll_p99, scroll_max;
  std::sscanf(idle.c_str(), "%lf %lf %lf", &idle_p50, &idle_p99, &idle_max);
  std::sscanf(scroll.c_str(), "%lf %lf %lf", &scroll_p50, &scroll_p99, &scroll_max);
  std::printf("transports %d, filter \"%s\"\n", args->transports, args->filter.c_str());
  std::printf("frame idle      p50 %6.2f  p99 %6.2f  max %6.2f ms  %s (p99 <= 33 ms)\n", idle_p50,
              idle_p99, idle_max, Verdict(idle_p99 <= 33));
  std::printf("frame scrolling p50 %6.2f  p99 %6.2f  max %6.2f ms  %s (p99 <= 33 ms)\n", scroll_p50,
              scroll_p99, scroll_max, Verdict(scroll_p99 <= 33));
  std::printf("idle CPU        %.2f%% of a core over %.0f s  %s (< 1%%)\n", idle_cpu_percent,
              kIdleSeconds, Verdict(idle_cpu_percent < 1));
  std::printf("cold start      %.0f ms to the first frame  %s (<= 1000 ms)\n", cold_start_ms,
              Verdict(cold_start_ms <= 1000));
  std::printf("peak RSS        %.1f MiB  %s (<= 150 MB)\n", rss,
              Verdict(rss <= 150 * 1e6 / (1 << 20)));
  return 0;
}
