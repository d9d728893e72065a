#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "load_link.h"

namespace relay::bench {

enum class Endpoint { kEnroll, kPush, kPull, kHealth };
// Enrollment before the clock starts; the timed run; the last push and pull after it.
enum class Phase { kSetup, kRun, kFinal };

const char* EndpointName(Endpoint endpoint);

// Who sent a request: a township's laptops (its index, 0 on), the county's, or neither.
inline constexpr int kCountyGroup = -1;
inline constexpr int kOtherGroup = -2;  // the health prober, the county's setup laptop

// One request as the bench saw it.
struct Sample {
  Endpoint endpoint = Endpoint::kHealth;
  Phase phase = Phase::kRun;
  int group = kOtherGroup;
  double done_s = 0;   // when it ended, in seconds since the run started (negative in setup)
  double seconds = 0;  // how long it took
  bool ok = false;     // 200 with an answer the bench could read
};

// p50, p99 and the longest of a set of latencies, nearest rank; zeros when it is empty.
struct Latencies {
  size_t count = 0;
  double p50 = 0, p99 = 0, max = 0;
};
Latencies Summarise(std::vector<double> seconds);

// Every request of a run, from all laptop threads at once.
class LoadStats {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LoadStats(Clock::time_point origin) : origin_(origin) {}

  // Times what follows from origin (the start of the timed run).
  void SetOrigin(Clock::time_point origin);

  // Records an exchange; ok is false for any error, and a 200 whose body made no sense is
  // counted as the error kind "bad answer".
  void Record(Endpoint endpoint, Phase phase, int group, const Exchange& exchange, bool ok);
  // What was recorded since the last call: the time series' window.
  std::vector<Sample> TakeWindow();
  std::vector<Sample> All() const;
  // Errors by "endpoint kind" ("push 503", "pull timeout", ...), and the first few distinct
  // failure texts libcurl gave for answers that never came.
  std::map<std::string, int64_t> Errors() const;
  std::vector<std::string> FailureTexts() const;
  int64_t reconnects() const;
  double SecondsSinceOrigin() const;

 private:
  Clock::time_point origin_;
  mutable std::mutex mutex_;
  std::vector<Sample> samples_;
  size_t window_start_ = 0;
  std::map<std::string, int64_t> errors_;
  std::vector<std::string> failure_texts_;
  int64_t reconnects_ = 0;
};

// What /proc says of a process: resident memory, open file descriptors, threads, CPU time.
struct ProcessSample {
  double rss_mib = 0;
  int open_files = 0;
  int threads = 0;
  double cpu_s = 0;  // user + system
  // Time its threads were ready to run but waited for a core (the sum of
  // /proc/PID/task/*/schedstat): what other work on the machine took from it.
  double ready_wait_s = 0;
};
// nullopt when the process is gone (or pid is 0).
std::optional<ProcessSample> SampleProcess(pid_t pid);

// How busy the machine is besides: other work on the same cores stretches every latency.
struct MachineSample {
  double load_1min = 0;      // /proc/loadavg
  double cpu_stalled_s = 0;  // /proc/pressure/cpu "some" total: time a task waited for a core
};
MachineSample SampleMachine();

}  // namespace relay::bench
