// Steppe Relay on a bench/peer workload, through a byte-counting proxy: the Relay half of the
// side-by-side comparison with PouchDB that bench/peer/run prints.
//   build/bin/relay_peer_bench WORKLOAD.jsonl PROXY.js
// Starts relay-server on loopback and the proxy (node PROXY.js) in front of it, enrolls one
// laptop store per device of the workload, applies each device's ops offline, then syncs all
// laptops at once through the proxy, twice (the first round's early pullers miss the later
// pushes), and checks every laptop's digest against the server's. Prints one JSON line.
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "server_process.h"
#include "temp_dir.h"

extern char** environ;

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Op {
  bool create = true;
  std::string table;
  std::string id;  // the workload's id, mapped to the one the laptop gives the record
  nlohmann::json fields;
};

// The workload's ops by device, in file order; empty when the file cannot be read.
std::map<int, std::vector<Op>> ReadWorkload(const std::string& path) {
  std::map<int, std::vector<Op>> devices;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    const auto op = nlohmann::json::parse(line, nullptr, false);
    if (!op.is_object()) return {};
    devices[op["device"].get<int>()].push_back(
        {op["op"] == "create", op["table"], op["id"], op["fields"]});
  }
  return devices;
}

// The node proxy in front of the server, stopped (SIGTERM, so it writes its counts) at scope end.
class Proxy {
 public:
  Proxy(const std::string& script, int listen_port, int target_port, std::string count_file)
      : count_file_(std::move(count_file)) {
    std::vector<std::string> args = {"node", script, std::to_string(listen_port),
                                     std::to_string(target_port), count_file_};
    std::vector<char*> argv;
    for (auto& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "node", nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~Proxy() { Stop(); }
  // Waits until the proxy listens (it writes its counts once listening); false after 10 s.
  bool WaitListening() const {
    for (int i = 0; i < 100; ++i) {
      if (std::ifstream(count_file_).good()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  // Stops the proxy and returns its counts; null when it never ran.
  nlohmann::json Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    std::ifstream file(count_file_);
    std::stringstream text;
    text << file.rdbuf();
    return nlohmann::json::parse(text.str(), nullptr, false);
  }

 private:
  std::string count_file_;
  pid_t pid_ = -1;
};

// The CPU time this process (every laptop) has used so far, user and system, in seconds.
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Runs f(i) for each laptop i on its own thread and waits for all.
template <typename F>
void OnEachLaptop(size_t laptops, F f) {
  std::vector<std::thread> threads;
  for (size_t i = 0; i < laptops; ++i)
    threads.emplace_back([&f, i] { f(i); });
  for (auto& thread : threads)
    thread.join();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: relay_peer_bench WORKLOAD.jsonl PROXY.js\n");
    return 2;
  }
  const auto workload = ReadWorkload(argv[1]);
  if (workload.empty()) {
    std::fprintf(stderr, "relay_peer_bench: %s: not a workload (JSON lines)\n", argv[1]);
    return 2;
  }
  relay::testing::TempDir dir;
  relay::SystemClock clock;
  relay::testing::ServerProcess server(RELAY_SERVER_BIN, dir.File("county.db"));
  if (!server.Start()) {
    std::fprintf(stderr, "relay_peer_bench: relay-server did not start\n");
    return 1;
  }
  const int proxy_port = relay::testing::FreeLoopbackPort();
  Proxy proxy(argv[2], proxy_port, server.port(), dir.File("counts.json"));
  if (!proxy.WaitListening()) {
    std::fprintf(stderr, "relay_peer_bench: the proxy (node %s) did not start\n", argv[2]);
    return 1;
  }
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy_port);

  std::vector<std::unique_ptr<relay::edge::LocalStore>> laptops;
  std::vector<const std::vector<Op>*> ops;
  size_t records = 0;
  for (const auto& [device, device_ops] : workload) {
    laptops.push_back(
        relay::edge::LocalStore::Open(dir.File("laptop" + std::to_string(device) + ".db"), clock)
            .value());
    relay::edge::CurlTransport direct(server.url());  // enrollment is not what is compared
    if (!relay::edge::Enroll(*laptops.back(), direct, server.IssueCode()).ok()) {
      std::fprintf(stderr, "relay_peer_bench: enrollment failed\n");
      return 1;
    }
    ops.push_back(&device_ops);
    for (const auto& op : device_ops)
      records += op.create ? 1 : 0;
  }

  // Offline: each laptop makes its records, then updates some.
  const auto offline_start = SteadyClock::now();
  std::atomic<int> failed_puts = 0;
  OnEachLaptop(laptops.size(), [&](size_t i) {
    std::map<std::string, std::string> ids;  // workload id -> the laptop's
    for (const Op& op : *ops[i]) {
      nlohmann::json fields = op.fields;
      for (auto& [name, value] : fields.items()) {
        if (value.is_string() && ids.count(value.get<std::string>()))
          value = ids[value.get<std::string>()];
      }
      if (!op.create) fields["id"] = ids[op.id];
      auto put = laptops[i]->Put(op.table, fields);
      if (!put.ok()) {
        if (failed_puts++ == 0)
          std::fprintf(stderr, "put refused: %s\n", put.status().message().c_str());
        continue;
      }
      if (op.create) ids[op.id] = put.value();
    }
  });
  if (failed_puts > 0) return 1;
  std::fprintf(stderr, "offline puts: %.2f s\n",
               std::chrono::duration<double>(SteadyClock::now() - offline_start).count());

  const auto start = SteadyClock::now();
  const double server_cpu_start = server.CpuSeconds();
  const double laptops_cpu_start = ProcessCpuSeconds();
  std::atomic<int> failed_syncs = 0;
  for (int round = 0; round < 2; ++round) {
    const auto round_start = SteadyClock::now();
    std::mutex timeline_mutex;
    double last_push = 0, first_pull = -1;  // seconds into the round
    OnEachLaptop(laptops.size(), [&](size_t i) {
      relay::edge::CurlTransport link(proxy_url);
      relay::edge::SyncOptions options;
      int64_t pushed = 0;  // so far in this run: a progress report with more is a push's
      options.progress = [&](const relay::edge::SyncReport& report) {
        const double at = std::chrono::duration<double>(SteadyClock::now() - round_start).count();
        std::lock_guard lock(timeline_mutex);
        if (report.pushed > pushed) last_push = std::max(last_push, at);
        if (report.pulled > 0 && first_pull < 0) first_pull = at;
        pushed = report.pushed;
      };
      if (!relay::edge::SyncClient(*laptops[i], link, options).Run().ok()) ++failed_syncs;
    });
    std::fprintf(stderr,
                 "round %d: %.2f s (last push batch acknowledged at %.2f s, first pull page "
                 "applied at %.2f s)\n",
                 round + 1, std::chrono::duration<double>(SteadyClock::now() - round_start).count(),
                 last_push, first_pull);
  }
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  std::fprintf(stderr, "CPU during the sync: relay-server %.2f s, the laptops %.2f s\n",
               server.CpuSeconds() - server_cpu_start, ProcessCpuSeconds() - laptops_cpu_start);
  const nlohmann::json counts = proxy.Stop();

  relay::edge::CurlTransport direct(server.url());
  auto answer = direct.Send({"GET", "/v1/digest", ""});
  const std::string county =
      answer.ok() ? nlohmann::json::parse(answer.value().body, nullptr, false).value("digest", "")
                  : "";
  bool converged = failed_syncs == 0 && !county.empty();
  for (const auto& laptop : laptops)
    converged = converged && laptop->Digest().value() == county;
  std::printf("%s\n", nlohmann::json{{"system", "Steppe Relay"},
                                     {"devices", laptops.size()},
                                     {"records", records},
                                     {"converge_seconds", seconds},
                                     {"converged", converged},
                                     {"bytes_up", counts.value("up", 0)},
                                     {"bytes_down", counts.value("down", 0)},
                                     {"connections", counts.value("connections", 0)},
                                     {"requests", counts.value("requests", 0)}}
                          .dump()
                          .c_str());
  return converged ? 0 : 1;
}
