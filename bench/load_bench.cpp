// A county's worth of laptops against one relay-server: township and county laptops enroll,
// push their edits spread over the run and pull every few seconds, each township from its own
// loopback address, while a prober asks /v1/health. Prints request rates, latencies per
// endpoint, errors, the server's memory and open files over time, fairness between laptops
// and whether every laptop converged, and exits non-zero when a target is missed.
// Run: build/bin/relay_load_bench [--laptops N] [--seconds S] ... (--help); bench/README.md.
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <latch>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <semaphore>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "load_link.h"
#include "load_stats.h"
#include "server_process.h"
#include "sim_laptop.h"
#include "temp_dir.h"

namespace relay::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kUsage =
    "usage: relay_load_bench [--laptops N] [--townships T] [--county K]\n"
    "                        [--minutes M | --seconds S] [--changes-per-laptop C]\n"
    "                        [--pull-every-ms P] [--timeout-s S]\n"
    "                        [--sample-every-s S] [--seed N] [--server-bin FILE] [--smoke]\n"
    "                        [--server URL --db FILE [--server-pid PID]]\n"
    "  --laptops N            township clinic laptops, spread evenly over the townships (500)\n"
    "  --townships T          townships, at most 254 (20)\n"
    "  --county K             county office laptops on top of the N (5)\n"
    "  --minutes M            length of the timed run (5); --seconds S for a shorter one\n"
    "  --changes-per-laptop C edits each laptop makes and pushes, spread over the run (20)\n"
    "  --pull-every-ms P      each laptop pulls every P ms, +-25 % at random (3000)\n"
    "  --timeout-s S          a request unanswered after S seconds is an error (30)\n"
    "  --sample-every-s S     a line of the time series every S seconds (5)\n"
    "  --server-bin FILE      the relay-server to start, and to issue codes with\n"
    "  --server URL           use this running server instead of starting one; --db is the\n"
    "                         database it serves (codes are issued on it), --server-pid its\n"
    "                         process for RSS and open files (left out: not sampled)\n"
    "  --smoke                a check of the bench itself: the exit status holds only the\n"
    "                         targets of correctness (no errors, every laptop converged)\n"
    "exit status: 0 every target met, 1 a target missed, 2 the setup failed\n";

struct Options {
  int laptops = 500;
  int townships = 20;
  int county = 5;
  double seconds = 300;
  int changes = 20;
  int pull_every_ms = 3000;
  long timeout_s = 30;
  double sample_every_s = 5;
  unsigned seed = 1;
  std::string server_bin = RELAY_SERVER_BIN;
  std::string server_url;
  std::string db;
  pid_t server_pid = 0;
  bool smoke = false;
};

// The targets of issue 12.
constexpr double kPushPullP99LimitS = 2.0;
constexpr double kHealthP99LimitS = 0.100;
constexpr double kRssGrowthLimit = 0.10;  // growth after warm-up that still counts as flat

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  // What each option sets from its value, a text or a number (not below zero).
  const std::map<std::string, std::function<void(const std::string&)>> texts = {
      {"--server", [&](const std::string& v) { options.server_url = v; }},
      {"--db", [&](const std::string& v) { options.db = v; }},
      {"--server-bin", [&](const std::string& v) { options.server_bin = v; }}};
  const std::map<std::string, std::function<void(double)>> numbers = {
      {"--laptops", [&](double n) { options.laptops = static_cast<int>(n); }},
      {"--townships", [&](double n) { options.townships = static_cast<int>(n); }},
      {"--county", [&](double n) { options.county = static_cast<int>(n); }},
      {"--minutes", [&](double n) { options.seconds = 60 * n; }},
      {"--seconds", [&](double n) { options.seconds = n; }},
      {"--changes-per-laptop", [&](double n) { options.changes = static_cast<int>(n); }},
      {"--pull-every-ms", [&](double n) { options.pull_every_ms = static_cast<int>(n); }},
      {"--timeout-s", [&](double n) { options.timeout_s = static_cast<long>(n); }},
      {"--sample-every-s", [&](double n) { options.sample_every_s = n; }},
      {"--seed", [&](double n) { options.seed = static_cast<unsigned>(n); }},
      {"--server-pid", [&](double n) { options.server_pid = static_cast<pid_t>(n); }}};
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") return std::nullopt;
    if (flag == "--smoke") {
      options.smoke = true;
      continue;
    }
    const auto text = texts.find(flag);
    const auto number = numbers.find(flag);
    if (text == texts.end() && number == numbers.end()) {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return std::nullopt;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s: needs a value\n", flag.c_str());
      return std::nullopt;
    }
    const std::string value = argv[++i];
    if (text != texts.end()) {
      text->second(value);
      continue;
    }
    char* end = nullptr;
    const double parsed = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(parsed >= 0)) {
      std::fprintf(stderr, "%s: %s is not a number I can use here\n", flag.c_str(), value.c_str());
      return std::nullopt;
    }
    number->second(parsed);
  }
  if (options.townships < 1 || options.townships > 254 || options.laptops < 1 ||
      options.seconds <= 0 || options.pull_every_ms < 1 || options.timeout_s < 1 ||
      options.sample_every_s <= 0) {
    std::fprintf(stderr,
                 "--townships must be 1-254; laptops, run length, pull period, timeout "
                 "and sample period above 0\n");
    return std::nullopt;
  }
  if (!options.server_url.empty() && options.db.empty()) {
    std::fprintf(stderr, "--server needs --db, the database that server serves\n");
    return std::nullopt;
  }
  return options;
}

// The relay-server process this one started: its child of that name.
pid_t FindChildServer() {
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  pid_t found = 0;
  while (dirent* entry = readdir(proc)) {
    const pid_t pid = std::atoi(entry->d_name);
    if (pid <= 0) continue;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t open = text.find('('), close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    const std::string name = text.substr(open + 1, close - open - 1);
    pid_t parent = 0;
    char state = 0;
    if (std::sscanf(text.c_str() + close + 1, " %c %d", &state, &parent) != 2) continue;
    if (parent == getpid() && name == "relay-server") found = pid;
  }
  closedir(proc);
  return found;
}

// Who a laptop is: its place in the county and the loopback address it connects from.
struct LaptopPlan {
  int number = 0;               // 0.. over all laptops, townships' first
  int township = kCountyGroup;  // index, or kCountyGroup for a county office laptop
  std::string source_address;
};

// A township's reference data as the county set it up.
struct Township {
  std::string code;
  std::string id;
  std::string gacha_id;
};

std::vector<LaptopPlan> PlanLaptops(const Options& options) {
  std::vector<LaptopPlan> plans;
  for (int i = 0; i < options.laptops; ++i) {
    const int township = i % options.townships;
    plans.push_back({i, township, "127.0.1." + std::to_string(township + 1)});
  }
  for (int i = 0; i < options.county; ++i)
    plans.push_back({options.laptops + i, kCountyGroup, "127.0.2.1"});
  return plans;
}

// The k-th edit of a laptop: every fifth registers a vehicle (seven field changes, five for a
// county vehicle), the others change one field of its newest vehicle. Plates are unique over
// all laptops, so the server's duplicate check finds nothing; a county laptop's vehicles
// belong to no township.
void MakeEdit(SimLaptop& laptop, const LaptopPlan& plan, const Township* township, int k,
              int changes, std::string& vehicle) {
  if (k % 5 == 0 || vehicle.empty()) {
    const int serial = plan.number * (changes / 5 + 1) + k / 5;
    char plate[32], phone[16];
    std::snprintf(plate, sizeof plate, "蒙H·%06d", serial % 1000000);
    std::snprintf(phone, sizeof phone, "139%08d", serial % 100000000);
    nlohmann::json fields = {{"plate", plate},
                             {"owner_category", township ? "gacha_doctor" : "ambulance"},
                             {"phone", phone},
                             {"seats", 5},
                             {"status", "available"}};
    if (township) {
      fields["township_id"] = township->id;
      fields["home_gacha_id"] = township->gacha_id;
    }
    vehicle = laptop.Create("vehicles", fields);
    return;
  }
  switch (k % 5) {
    case 1:
      laptop.Set("vehicles", vehicle, "seats", 1 + k % 12);
      break;
    case 2:
      laptop.Set("vehicles", vehicle, "note", "第" + std::to_string(k) + "次巡检");
      break;
    case 3:
      laptop.Set("vehicles", vehicle, "four_wd", (k / 5) % 2 == 0);
      break;
    default:
      laptop.Set("vehicles", vehicle, "lying_patient", (k / 5) % 2 == 1);
      break;
  }
}

// Everything the laptop threads share.
struct Run {
  const Options& options;
  LoadStats& stats;
  std::vector<std::unique_ptr<SimLaptop>>& laptops;
  const std::vector<LaptopPlan>& plans;
  const std::vector<Township>& townships;
  const std::vector<std::string>& codes;
  std::counting_semaphore<> enrolling{16};  // enrollments at once, before the clock starts
  std::latch enrolled;
  std::latch go{1};
  std::latch flushed;
  SteadyClock::time_point start;
  std::atomic<int> enroll_failures{0};
  std::atomic<int> finished{0};
  std::atomic<int> flush_failures{0};
  std::atomic<int> final_pull_failures{0};
  std::atomic<bool> probing{true};
  std::atomic<Phase> phase{Phase::kSetup};

  Run(const Options& o, LoadStats& s, std::vector<std::unique_ptr<SimLaptop>>& l,
      const std::vector<LaptopPlan>& p, const std::vector<Township>& t,
      const std::vector<std::string>& c)
      : options(o),
        stats(s),
        laptops(l),
        plans(p),
        townships(t),
        codes(c),
        enrolled(static_cast<ptrdiff_t>(l.size())),
        flushed(static_cast<ptrdiff_t>(l.size())) {}
};

double Jitter(std::mt19937& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

SteadyClock::time_point After(SteadyClock::time_point start, double seconds) {
  return start +
         std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(seconds));
}

// Waits until a random moment within one pull period after from, then tries up to five
// times, a second apart; true when a try succeeded.
bool TryAfterWait(std::mt19937& random, SteadyClock::time_point from, double period_s,
                  const std::function<bool()>& attempt) {
  std::this_thread::sleep_until(After(from, Jitter(random, 0, period_s)));
  for (int tries = 0; tries < 5; ++tries) {
    if (tries > 0) std::this_thread::sleep_for(std::chrono::seconds(1));
    if (attempt()) return true;
  }
  return false;
}

// One laptop's life: enroll, then edits and pulls until the run ends, then push what is left
// and, once every laptop has, pull to the end of the feed. The final push and pull each start
// at a random moment within one pull period, as the laptops' pulls do during the run.
void LaptopThread(Run& run, size_t index) {
  SimLaptop& laptop = *run.laptops[index];
  const LaptopPlan& plan = run.plans[index];
  const Township* township = plan.township >= 0 ? &run.townships[plan.township] : nullptr;
  std::mt19937 random(run.options.seed * 7919u + static_cast<unsigned>(index));
  bool enrolled = false;
  {
    run.enrolling.acquire();
    enrolled = !run.codes[index].empty() && laptop.Enroll(run.codes[index], run.stats);
    run.enrolling.release();
  }
  if (!enrolled) ++run.enroll_failures;
  run.enrolled.count_down();
  run.go.wait();

  const double period_s = run.options.pull_every_ms / 1000.0;
  const auto deadline = After(run.start, run.options.seconds);
  std::vector<SteadyClock::time_point> edits;
  for (int k = 0; k < run.options.changes; ++k)
    edits.push_back(
        After(run.start, (k + Jitter(random, 0, 1)) * run.options.seconds / run.options.changes));
  auto next_pull = After(run.start, Jitter(random, 0, period_s));
  size_t next_edit = 0;
  std::string vehicle;
  bool pushed_last = false;
  while (enrolled) {
    const auto next = next_edit < edits.size() ? std::min(edits[next_edit], next_pull) : next_pull;
    if (next >= deadline) break;
    std::this_thread::sleep_until(next);
    const auto now = SteadyClock::now();
    const bool edit_first = next_edit < edits.size() && edits[next_edit] <= next_pull;
    // Behind on both (slow answers), a laptop takes turns, so its edits do not starve its pulls.
    const bool both_late = next_edit < edits.size() && edits[next_edit] <= now && next_pull <= now;
    if (both_late ? !pushed_last : edit_first) {
      // Every edit due by now goes out in one push, as a laptop's outbox does.
      for (; next_edit < edits.size() && edits[next_edit] <= now; ++next_edit)
        MakeEdit(laptop, plan, township, static_cast<int>(next_edit), run.options.changes, vehicle);
      laptop.Push(run.stats, Phase::kRun);
      pushed_last = true;
    } else {
      // As the reference client: what an earlier failed push left goes before the pull.
      if (!laptop.outbox_empty()) laptop.Push(run.stats, Phase::kRun);
      laptop.Pull(run.stats, Phase::kRun);
      next_pull = After(SteadyClock::now(), period_s * Jitter(random, 0.75, 1.25));
      pushed_last = false;
    }
  }
  // Edits not yet made when the run ended (a laptop held up by slow answers) are made now.
  for (; enrolled && next_edit < edits.size(); ++next_edit)
    MakeEdit(laptop, plan, township, static_cast<int>(next_edit), run.options.changes, vehicle);

  const bool pushed =
      !enrolled || TryAfterWait(random, std::max(deadline, SteadyClock::now()), period_s,
                                [&] { return laptop.Push(run.stats, Phase::kFinal); });
  if (!pushed) ++run.flush_failures;
  run.flushed.arrive_and_wait();
  const bool pulled = !enrolled || TryAfterWait(random, SteadyClock::now(), period_s, [&] {
    return laptop.Pull(run.stats, Phase::kFinal);
  });
  if (!pulled) ++run.final_pull_failures;
  ++run.finished;
}

// Asks GET /v1/health every 200 ms (at once after a slower answer) while the run lasts.
void ProbeThread(Run& run, const std::string& url) {
  LoadLink probe(url, "127.0.3.1", run.options.timeout_s);
  run.go.wait();
  auto next = SteadyClock::now();
  while (run.probing) {
    const Exchange answer = probe.Get("/v1/health");
    run.stats.Record(Endpoint::kHealth, run.phase, kOtherGroup, answer, answer.status == 200);
    next += std::chrono::milliseconds(200);
    next = std::max(next, SteadyClock::now());
    std::this_thread::sleep_until(next);
  }
}

std::vector<double> LatenciesOf(const std::vector<Sample>& samples, Endpoint endpoint,
                                std::optional<Phase> phase = std::nullopt) {
  std::vector<double> seconds;
  for (const Sample& sample : samples) {
    if (sample.endpoint == endpoint && (!phase || sample.phase == *phase))
      seconds.push_back(sample.seconds);
  }
  return seconds;
}

// One line of the time series.
struct SeriesPoint {
  double t = 0;
  std::optional<ProcessSample> server;
  double health_p99 = 0;
  size_t health_count = 0;
};

void PrintSeriesHeader() {
  std::printf("%7s %7s %9s %9s %9s %9s %6s %8s %5s %7s %5s %6s %6s\n", "time s", "req/s",
              "push p99", "pull p99", "health", "health", "errors", "RSS MiB", "fds", "threads",
              "CPU", "ready", "load");
  std::printf("%7s %7s %9s %9s %9s %9s %6s %8s %5s %7s %5s %6s %6s\n", "", "", "ms", "ms", "p99 ms",
              "max ms", "", "", "", "", "", "wait", "");
}

SeriesPoint PrintSeriesLine(double t, double window_s, const std::vector<Sample>& window,
                            pid_t server_pid, std::optional<ProcessSample>& last_server) {
  SeriesPoint point;
  point.t = t;
  point.server = SampleProcess(server_pid);
  const Latencies push = Summarise(LatenciesOf(window, Endpoint::kPush));
  const Latencies pull = Summarise(LatenciesOf(window, Endpoint::kPull));
  const Latencies health = Summarise(LatenciesOf(window, Endpoint::kHealth));
  point.health_p99 = health.p99;
  point.health_count = health.count;
  const auto errors = std::count_if(window.begin(), window.end(), [](auto& s) { return !s.ok; });
  std::printf("%7.0f %7.1f %9.0f %9.0f %9.1f %9.1f %6ld", t, window.size() / window_s,
              1000 * push.p99, 1000 * pull.p99, 1000 * health.p99, 1000 * health.max,
              static_cast<long>(errors));
  if (point.server) {
    const double cpu = last_server ? (point.server->cpu_s - last_server->cpu_s) / window_s : 0;
    const double wait =
        last_server ? (point.server->ready_wait_s - last_server->ready_wait_s) / window_s : 0;
    std::printf(" %8.1f %5d %7d %4.0f%% %5.0f%%", point.server->rss_mib, point.server->open_files,
                point.server->threads, 100 * cpu, 100 * wait);
  } else {
    std::printf(" %8s %5s %7s %5s %6s", "-", "-", "-", "-", "-");
  }
  std::printf(" %6.1f\n", SampleMachine().load_1min);
  std::fflush(stdout);
  last_server = point.server;
  return point;
}

// Whether each laptop holds the last stamp of every field written by every laptop whose
// records it may read (its township's, or all for the county, plus the reference data), and
// nothing of records it may not read.
struct Convergence {
  int converged = 0;
  std::vector<std::string> failures;
  // Fields pulled of records this run did not make: an earlier run's on a reused database
  // (--server), or the server's own conflicts records. Not held against the laptops.
  int64_t others = 0;
};

Convergence CheckConvergence(const std::vector<std::unique_ptr<SimLaptop>>& laptops,
                             const std::vector<LaptopPlan>& plans, const SimLaptop& setup) {
  // The laptop that made each record: its index, or -1 for the county's reference data.
  std::unordered_map<std::string, int> maker;
  for (const auto& [key, stamp] : setup.written())
    maker[key.substr(0, 36)] = -1;
  for (size_t i = 0; i < laptops.size(); ++i) {
    for (const auto& [key, stamp] : laptops[i]->written())
      maker[key.substr(0, 36)] = static_cast<int>(i);
  }
  const auto may_read = [&](size_t reader, int writer) {
    return writer < 0 || plans[reader].township < 0 ||
           plans[reader].township == plans[static_cast<size_t>(writer)].township;
  };
  Convergence result;
  for (size_t reader = 0; reader < laptops.size(); ++reader) {
    const auto& received = laptops[reader]->received();
    size_t expected = 0, missing = 0, stale = 0, foreign = 0;
    const auto check = [&](const std::unordered_map<std::string, HlcTimestamp>& written) {
      for (const auto& [key, stamp] : written) {
        ++expected;
        const auto it = received.find(key);
        if (it == received.end()) {
          ++missing;
        } else if (it->second != stamp.Packed()) {
          ++stale;
        }
      }
    };
    check(setup.written());
    for (size_t writer = 0; writer < laptops.size(); ++writer) {
      if (writer != reader && may_read(reader, static_cast<int>(writer)))
        check(laptops[writer]->written());
    }
    for (const auto& [key, stamp] : received) {
      const auto it = maker.find(key.substr(0, 36));
      if (it == maker.end()) {
        ++result.others;
      } else if (!may_read(reader, it->second)) {
        ++foreign;
      }
    }
    if (missing == 0 && stale == 0 && foreign == 0) {
      ++result.converged;
    } else {
      char line[200];
      std::snprintf(line, sizeof line,
                    "laptop %zu (%s): of %zu fields %zu missing, %zu not at the last stamp "
                    "written; %zu fields of records it may not read",
                    reader,
                    plans[reader].township < 0
                        ? "county"
                        : ("township " + std::to_string(plans[reader].township + 1)).c_str(),
                    expected, missing, stale, foreign);
      result.failures.push_back(line);
    }
  }
  return result;
}

int Median(std::vector<int> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string Milliseconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f ms", 1000 * seconds);
  return text;
}

// The summary after the run, and the targets it is held to.
struct Report {
  struct Target {
    std::string what, measured;
    bool met = false;
    bool held = true;  // counts in the exit status
  };
  const Options& options;
  std::vector<Sample> samples;
  std::vector<SeriesPoint> series;
  std::optional<ProcessSample> server_at_start;
  std::vector<Target> targets;

  // A target of speed, memory or fairness, which --smoke does not hold the run to.
  void Check(const std::string& what, const std::string& measured, bool met) {
    targets.push_back({what, measured, met, !options.smoke});
  }
  // A target of correctness, always held.
  void CheckCorrect(const std::string& what, const std::string& measured, bool met) {
    targets.push_back({what, measured, met, true});
  }

  // Rates, latencies per endpoint and phase, errors by kind.
  void PrintRequests(const LoadStats& stats) {
    const auto in_run = std::count_if(samples.begin(), samples.end(),
                                      [](const Sample& s) { return s.phase == Phase::kRun; });
    const auto after = std::count_if(samples.begin(), samples.end(),
                                     [](const Sample& s) { return s.phase == Phase::kFinal; });
    std::printf("requests: %ld in the %.0f s run (%.1f/s), %ld in the final push and pull\n",
                static_cast<long>(in_run), options.seconds, in_run / options.seconds,
                static_cast<long>(after));
    std::printf("%-8s %-6s %7s %7s %9s %9s %9s\n", "endpoint", "phase", "count", "errors", "p50 ms",
                "p99 ms", "max ms");
    const std::pair<Endpoint, Phase> rows[] = {
        {Endpoint::kEnroll, Phase::kSetup}, {Endpoint::kPush, Phase::kRun},
        {Endpoint::kPush, Phase::kFinal},   {Endpoint::kPull, Phase::kRun},
        {Endpoint::kPull, Phase::kFinal},   {Endpoint::kHealth, Phase::kRun},
        {Endpoint::kHealth, Phase::kFinal}};
    for (const auto& [endpoint, phase] : rows) {
      const Latencies latencies = Summarise(LatenciesOf(samples, endpoint, phase));
      if (latencies.count == 0) continue;
      const auto errors = std::count_if(samples.begin(), samples.end(), [&](const Sample& s) {
        return s.endpoint == endpoint && s.phase == phase && !s.ok;
      });
      std::printf("%-8s %-6s %7zu %7ld %9.1f %9.1f %9.1f\n", EndpointName(endpoint),
                  phase == Phase::kSetup ? "setup"
                  : phase == Phase::kRun ? "run"
                                         : "final",
                  latencies.count, static_cast<long>(errors), 1000 * latencies.p50,
                  1000 * latencies.p99, 1000 * latencies.max);
    }
    int64_t errors = 0;
    std::printf("errors by kind:");
    for (const auto& [kind, count] : stats.Errors()) {
      std::printf(" %s: %lld;", kind.c_str(), static_cast<long long>(count));
      errors += count;
    }
    std::printf("%s\n", errors == 0 ? " none" : "");
    for (const auto& text : stats.FailureTexts())
      std::printf("  no answer: %s\n", text.c_str());
    std::printf("new connections opened: %lld (each laptop keeps one alive)\n",
                static_cast<long long>(stats.reconnects()));

    CheckCorrect("0 errors", std::to_string(errors), errors == 0);
    for (const Endpoint endpoint : {Endpoint::kPush, Endpoint::kPull}) {
      const double p99 = Summarise(LatenciesOf(samples, endpoint)).p99;
      Check(std::string(EndpointName(endpoint)) + " p99 <= 2 s", Milliseconds(p99),
            p99 <= kPushPullP99LimitS);
    }
    double worst = 0, worst_t = 0;
    for (const SeriesPoint& point : series) {
      if (point.health_count > 0 && point.health_p99 > worst) {
        worst = point.health_p99;
        worst_t = point.t;
      }
    }
    char measured[64];
    std::snprintf(measured, sizeof measured, "worst %.0f ms (window to %.0f s)", 1000 * worst,
                  worst_t);
    Check("health p99 <= 100 ms in every window", measured, worst <= kHealthP99LimitS);
  }

  // The server's memory, open files and threads. RSS moves by a few MiB from one sample to the
  // next (allocator arenas of the server's thread pool), so flatness compares two means: of
  // the samples in the fifth of the run after warm-up (a fifth of the run, at most a minute),
  // and of those in the run's last fifth.
  void PrintServer(const std::string& db, testing::ServerProcess* own) {
    const double warm_up_s = std::min(60.0, options.seconds / 5);
    const double fifth_s = options.seconds / 5;
    double warm_sum = 0, end_sum = 0, peak = 0;
    int warm_count = 0, end_count = 0, files = 0, threads = 0;
    const SeriesPoint *last = nullptr, *first_warm = nullptr;
    for (const SeriesPoint& point : series) {
      if (!point.server) continue;
      const double rss = point.server->rss_mib;
      if (point.t >= warm_up_s && point.t <= warm_up_s + fifth_s) {
        warm_sum += rss;
        ++warm_count;
      }
      if (point.t > options.seconds - fifth_s && point.t <= options.seconds + 1e-6) {
        end_sum += rss;
        ++end_count;
      }
      if (point.t <= options.seconds + 1e-6) {
        if (!first_warm && point.t >= warm_up_s) first_warm = &point;
        last = &point;
      }
      peak = std::max(peak, rss);
      files = std::max(files, point.server->open_files);
      threads = std::max(threads, point.server->threads);
    }
    // A run shorter than a few samples has no sample in a window: its one sample stands for it.
    if (warm_count == 0 && first_warm) {
      warm_sum = first_warm->server->rss_mib;
      warm_count = 1;
    }
    if (end_count == 0 && last) {
      end_sum = last->server->rss_mib;
      end_count = 1;
    }
    if (!last || warm_count == 0) {
      std::printf("server: not sampled (%s)\n", series.empty() || !series.front().server
                                                    ? "give --server-pid with --server"
                                                    : "the run is shorter than a sample");
    } else {
      const double warm = warm_sum / warm_count, end = end_sum / end_count;
      const double growth = end / warm - 1;
      const double cpu =
          server_at_start ? (last->server->cpu_s - server_at_start->cpu_s) / last->t : 0;
      const double wait =
          server_at_start ? (last->server->ready_wait_s - server_at_start->ready_wait_s) / last->t
                          : 0;
      std::printf(
          "server RSS: %.1f MiB after warm-up (mean of %.0f-%.0f s), %.1f MiB at the end (mean "
          "of %.0f-%.0f s), %+.1f %%; peak %.1f MiB; open files at most %d; threads at most %d; "
          "CPU %.0f %% of a core on average, and its threads waited ready for a core %.0f %% of "
          "a core\n",
          warm, warm_up_s, warm_up_s + fifth_s, end, options.seconds - fifth_s, options.seconds,
          100 * growth, peak, files, threads, 100 * cpu, 100 * wait);
      char measured[64];
      std::snprintf(measured, sizeof measured, "%+.1f %% (%.1f -> %.1f MiB)", 100 * growth, warm,
                    end);
      Check("RSS flat after warm-up (<= +10 %)", measured, growth <= kRssGrowthLimit);
    }
    std::error_code error;
    const double db_mib = static_cast<double>(std::filesystem::file_size(db, error)) / 1048576;
    const double wal_mib =
        static_cast<double>(std::filesystem::file_size(db + "-wal", error)) / 1048576;
    std::printf("server database: %.1f MiB (+ %.1f MiB write-ahead log)\n", db_mib,
                error ? 0.0 : wal_mib);
    if (own) std::printf("server stopped (SIGTERM): exit status %d\n", own->Stop());
  }

  // Successful requests per laptop: a laptop starves when it got no push or pull through, or
  // fewer than half the pulls of the median laptop.
  void PrintFairness(const std::vector<std::unique_ptr<SimLaptop>>& laptops,
                     const std::vector<LaptopPlan>& plans) {
    std::vector<int> pulls, pushes;
    for (const auto& laptop : laptops) {
      pulls.push_back(laptop->pulls_ok());
      pushes.push_back(laptop->pushes_ok());
    }
    const int pull_median = Median(pulls);
    int no_pull = 0, no_push = 0, starved = 0;
    for (size_t i = 0; i < laptops.size(); ++i) {
      no_pull += pulls[i] == 0;
      no_push += options.changes > 0 && pushes[i] == 0;
      starved +=
          pulls[i] == 0 || (options.changes > 0 && pushes[i] == 0) || 2 * pulls[i] < pull_median;
    }
    std::printf(
        "fairness: pulls to the end of the feed per laptop min/median/max %d/%d/%d, pushes of "
        "the outbox "
        "%d/%d/%d; no successful pull %d laptops, no successful push %d\n",
        *std::min_element(pulls.begin(), pulls.end()), pull_median,
        *std::max_element(pulls.begin(), pulls.end()),
        *std::min_element(pushes.begin(), pushes.end()), Median(pushes),
        *std::max_element(pushes.begin(), pushes.end()), no_pull, no_push);
    PrintAddresses(pulls, plans);
    Check("no laptop starves", std::to_string(starved) + " starved", starved == 0);
  }

  // Each source address (a township's laptops, the county's) in the timed run: successful
  // pulls per laptop and push and pull latencies, the townships' range against the county's.
  void PrintAddresses(const std::vector<int>& pulls, const std::vector<LaptopPlan>& plans) {
    struct Figures {
      double pulls = 0;
      int laptops = 0;
      std::vector<double> push, pull;
    };
    std::map<int, Figures> groups;
    for (size_t i = 0; i < plans.size(); ++i) {
      groups[plans[i].township].pulls += pulls[i];
      ++groups[plans[i].township].laptops;
    }
    for (const Sample& sample : samples) {
      if (sample.phase != Phase::kRun || !groups.count(sample.group)) continue;
      auto& figures = groups[sample.group];
      if (sample.endpoint == Endpoint::kPush) figures.push.push_back(sample.seconds);
      if (sample.endpoint == Endpoint::kPull) figures.pull.push_back(sample.seconds);
    }
    const std::pair<const char*, std::function<double(const Figures&)>> columns[] = {
        {"pulls per laptop", [](const Figures& f) { return f.pulls / f.laptops; }},
        {"push p50 ms", [](const Figures& f) { return 1000 * Summarise(f.push).p50; }},
        {"push p99 ms", [](const Figures& f) { return 1000 * Summarise(f.push).p99; }},
        {"pull p50 ms", [](const Figures& f) { return 1000 * Summarise(f.pull).p50; }},
        {"pull p99 ms", [](const Figures& f) { return 1000 * Summarise(f.pull).p99; }}};
    std::printf("  by address: %-18s %-28s %s\n", "", "townships (lowest - highest)", "county");
    for (const auto& [name, figure] : columns) {
      double low = 1e18, high = -1;
      int low_at = 0, high_at = 0;
      for (const auto& [group, figures] : groups) {
        if (group == kCountyGroup) continue;
        const double value = figure(figures);
        if (value < low) std::tie(low, low_at) = std::pair(value, group + 1);
        if (value > high) std::tie(high, high_at) = std::pair(value, group + 1);
      }
      char townships[64];
      std::snprintf(townships, sizeof townships, "%.1f (%d) - %.1f (%d)", low, low_at, high,
                    high_at);
      const auto county = groups.find(kCountyGroup);
      char county_text[32] = "-";
      if (county != groups.end())
        std::snprintf(county_text, sizeof county_text, "%.1f", figure(county->second));
      std::printf("              %-18s %-28s %s\n", name, high < 0 ? "-" : townships, county_text);
    }
  }

  // The targets, met or missed; the exit status.
  int PrintVerdict() const {
    std::printf("\ntargets\n");
    int missed = 0, held = 0;
    for (const Target& target : targets) {
      std::printf("  %-40s %-34s %s\n", target.what.c_str(), target.measured.c_str(),
                  target.met    ? "met"
                  : target.held ? "MISSED"
                                : "missed (not held: --smoke)");
      held += target.held;
      missed += target.held && !target.met;
    }
    if (missed == 0) {
      std::printf("result: PASS%s\n", options.smoke ? " (--smoke: correctness only)" : "");
    } else {
      std::printf("result: FAIL (%d of %d targets missed)\n", missed, held);
    }
    return missed == 0 ? 0 : 1;
  }
};

// Issues one enrollment code for each laptop with `relay-server admin enroll`, four at a time.
std::vector<std::string> IssueCodes(const testing::ServerProcess& admin,
                                    const std::vector<LaptopPlan>& plans,
                                    const std::vector<Township>& townships) {
  std::vector<std::string> codes(plans.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < plans.size(); i = next++) {
        const bool county = plans[i].township < 0;
        for (int attempt = 0; attempt < 3 && codes[i].empty(); ++attempt) {
          codes[i] = county ? admin.IssueCode("county")
                            : admin.IssueCode("clinic", townships[plans[i].township].code);
        }
      }
    });
  }
  for (auto& worker : workers)
    worker.join();
  return codes;
}

int Main(const Options& options) {
  SystemClock clock;
  testing::TempDir dir;
  std::unique_ptr<testing::ServerProcess> own;
  std::string url = options.server_url;
  std::string db = options.db;
  pid_t server_pid = options.server_pid;
  if (url.empty()) {
    db = dir.File("county.db");
    own = std::make_unique<testing::ServerProcess>(options.server_bin, db);
    if (!own->Start()) {
      std::fprintf(stderr, "relay-server did not start\n");
      return 2;
    }
    url = own->url();
    server_pid = FindChildServer();
  }
  // Codes are issued on the database with the admin command, server started or not.
  const testing::ServerProcess admin(options.server_bin, db);
  const auto plans = PlanLaptops(options);
  std::printf(
      "server %s (pid %d), %d township laptops in %d townships + %d county laptops, "
      "%.0f s, %d edits each, pull every %d ms\n",
      url.c_str(), static_cast<int>(server_pid), options.laptops, options.townships, options.county,
      options.seconds, options.changes, options.pull_every_ms);
  std::fflush(stdout);

  // The county sets up the townships, each with one gacha; their codes are new in every run,
  // so a server's database can be used again.
  const auto setup_started = SteadyClock::now();
  LoadStats stats(setup_started);
  SimLaptop setup(url, "127.0.0.1", kOtherGroup, options.timeout_s, clock);
  if (!setup.Enroll(admin.IssueCode("county"), stats)) {
    std::fprintf(stderr, "the county's setup laptop could not enroll\n");
    return 2;
  }
  std::vector<Township> townships(static_cast<size_t>(options.townships));
  const long long nonce = clock.NowMs() / 1000 % 1000000;
  for (int t = 0; t < options.townships; ++t) {
    char code[32], name[64];
    std::snprintf(code, sizeof code, "lb%06lld-%03d", nonce, t + 1);
    std::snprintf(name, sizeof name, "压测%03d镇", t + 1);
    auto& township = townships[static_cast<size_t>(t)];
    township.code = code;
    township.id = setup.Create(
        "townships",
        {{"name", name}, {"township_kind", "town"}, {"code", code}, {"banner", "压测旗"}});
    township.gacha_id = setup.Create("gachas", {{"township_id", township.id},
                                                {"name", std::string(name) + "一嘎查"},
                                                {"area_type", t % 2 ? "farming" : "pastoral"}});
  }
  if (!setup.Push(stats, Phase::kSetup)) {
    std::fprintf(stderr, "the county's townships were not accepted\n");
    return 2;
  }
  const auto codes = IssueCodes(admin, plans, townships);
  const double codes_s = std::chrono::duration<double>(SteadyClock::now() - setup_started).count();

  std::vector<std::unique_ptr<SimLaptop>> laptops;
  for (const auto& plan : plans)
    laptops.push_back(std::make_unique<SimLaptop>(url, plan.source_address, plan.township,
                                                  options.timeout_s, clock));
  Run run(options, stats, laptops, plans, townships, codes);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < laptops.size(); ++i)
    threads.emplace_back(LaptopThread, std::ref(run), i);
  std::thread prober(ProbeThread, std::ref(run), std::cref(url));
  run.enrolled.wait();
  const double enrolled_s =
      std::chrono::duration<double>(SteadyClock::now() - setup_started).count() - codes_s;
  std::printf(
      "setup: townships and %zu codes in %.1f s, %zu laptops enrolled in %.1f s "
      "(%d refused)\n\n",
      codes.size(), codes_s, laptops.size() - run.enroll_failures, enrolled_s,
      run.enroll_failures.load());

  // The timed run; this thread prints the time series meanwhile.
  run.start = SteadyClock::now();
  const auto client_before = SampleProcess(getpid());
  const MachineSample machine_before = SampleMachine();
  stats.SetOrigin(run.start);
  stats.TakeWindow();
  run.phase = Phase::kRun;
  run.go.count_down();
  PrintSeriesHeader();
  std::vector<SeriesPoint> series;
  const std::optional<ProcessSample> server_at_start = SampleProcess(server_pid);
  std::optional<ProcessSample> last_server = server_at_start;
  double last_t = 0;
  for (int tick = 1; run.finished < static_cast<int>(laptops.size()); ++tick) {
    const double t = tick * options.sample_every_s;
    std::this_thread::sleep_until(After(run.start, t));
    if (t >= options.seconds) run.phase = Phase::kFinal;
    series.push_back(PrintSeriesLine(t, t - last_t, stats.TakeWindow(), server_pid, last_server));
    last_t = t;
  }
  run.probing = false;
  prober.join();
  for (auto& thread : threads)
    thread.join();
  // The probes after the last laptop finished, when there were some.
  if (const double t = stats.SecondsSinceOrigin(); t - last_t >= 1)
    series.push_back(PrintSeriesLine(t, t - last_t, stats.TakeWindow(), server_pid, last_server));
  // Other work on the machine's cores: with a task waiting for a core much of the time, every
  // latency above is stretched by the wait, the server's as much as the bench's.
  const double elapsed_s = stats.SecondsSinceOrigin();
  const MachineSample machine_after = SampleMachine();
  const auto client_after = SampleProcess(getpid());
  std::printf(
      "\nmachine: %u cores, load average %.1f at the start and %.1f at the end; a task "
      "waited for a core %.0f %% of the time (/proc/pressure/cpu); the bench's own CPU "
      "%.0f %% of a core\n",
      std::thread::hardware_concurrency(), machine_before.load_1min, machine_after.load_1min,
      100 * (machine_after.cpu_stalled_s - machine_before.cpu_stalled_s) / elapsed_s,
      client_before && client_after ? 100 * (client_after->cpu_s - client_before->cpu_s) / elapsed_s
                                    : 0.0);
  Report report{options, stats.All(), series, server_at_start, {}};
  report.PrintRequests(stats);
  report.PrintServer(db, own.get());
  report.PrintFairness(laptops, plans);
  const Convergence convergence = CheckConvergence(laptops, plans, setup);
  std::printf("converged: %d/%zu", convergence.converged, laptops.size());
  if (run.enroll_failures || run.flush_failures || run.final_pull_failures) {
    std::printf(" (not enrolled %d, outbox not emptied at the end %d, final pull failed %d)",
                run.enroll_failures.load(), run.flush_failures.load(),
                run.final_pull_failures.load());
  }
  std::printf("\n");
  if (convergence.others > 0) {
    std::printf(
        "  (the laptops also pulled %lld fields of records this run did not make: an "
        "earlier run's, or the server's conflicts records)\n",
        static_cast<long long>(convergence.others));
  }
  for (size_t i = 0; i < convergence.failures.size() && i < 10; ++i)
    std::printf("  %s\n", convergence.failures[i].c_str());
  if (convergence.failures.size() > 10)
    std::printf("  ... and %zu more\n", convergence.failures.size() - 10);
  report.CheckCorrect("every laptop converged",
                      std::to_string(convergence.converged) + "/" + std::to_string(laptops.size()),
                      convergence.converged == static_cast<int>(laptops.size()));
  return report.PrintVerdict();
}

}  // namespace
}  // namespace relay::bench

int main(int argc, char** argv) {
  const auto options = relay::bench::ParseOptions(argc, argv);
  if (!options) {
    std::fputs(relay::bench::kUsage, stderr);
    return 2;
  }
  return relay::bench::Main(*options);
}
