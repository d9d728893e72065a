#include "load_stats.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace relay::bench {

const char* EndpointName(Endpoint endpoint) {
  static constexpr const char* kNames[] = {"enroll", "push", "pull", "health"};
  return kNames[static_cast<int>(endpoint)];
}

Latencies Summarise(std::vector<double> seconds) {
  Latencies summary;
  summary.count = seconds.size();
  if (seconds.empty()) return summary;
  std::sort(seconds.begin(), seconds.end());
  const auto rank = [&](double q) {
    const auto index = static_cast<size_t>(std::ceil(q * static_cast<double>(seconds.size())));
    return seconds[std::clamp<size_t>(index, 1, seconds.size()) - 1];
  };
  summary.p50 = rank(0.50);
  summary.p99 = rank(0.99);
  summary.max = seconds.back();
  return summary;
}

void LoadStats::SetOrigin(Clock::time_point origin) {
  std::lock_guard lock(mutex_);
  origin_ = origin;
}

void LoadStats::Record(Endpoint endpoint, Phase phase, int group, const Exchange& exchange,
                       bool ok) {
  std::lock_guard lock(mutex_);
  const double done_s = std::chrono::duration<double>(Clock::now() - origin_).count();
  samples_.push_back({endpoint, phase, group, done_s, exchange.seconds, ok});
  if (exchange.reconnected) ++reconnects_;
  if (ok) return;
  const std::string kind = exchange.status == 200 ? "bad answer" : exchange.outcome;
  ++errors_[std::string(EndpointName(endpoint)) + " " + kind];
  if (!exchange.failure.empty() && failure_texts_.size() < 5 &&
      std::find(failure_texts_.begin(), failure_texts_.end(), exchange.failure) ==
          failure_texts_.end()) {
    failure_texts_.push_back(exchange.failure);
  }
}

std::vector<Sample> LoadStats::TakeWindow() {
  std::lock_guard lock(mutex_);
  std::vector<Sample> window(samples_.begin() + static_cast<ptrdiff_t>(window_start_),
                             samples_.end());
  window_start_ = samples_.size();
  return window;
}

std::vector<Sample> LoadStats::All() const {
  std::lock_guard lock(mutex_);
  return samples_;
}

std::map<std::string, int64_t> LoadStats::Errors() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

std::vector<std::string> LoadStats::FailureTexts() const {
  std::lock_guard lock(mutex_);
  return failure_texts_;
}

int64_t LoadStats::reconnects() const {
  std::lock_guard lock(mutex_);
  return reconnects_;
}

double LoadStats::SecondsSinceOrigin() const {
  std::lock_guard lock(mutex_);
  return std::chrono::duration<double>(Clock::now() - origin_).count();
}

std::optional<ProcessSample> SampleProcess(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  const std::string dir = "/proc/" + std::to_string(pid);
  std::ifstream status(dir + "/status");
  if (!status) return std::nullopt;
  ProcessSample sample;
  std::string line;
  while (std::getline(status, line)) {
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "VmRSS:") {
      double kib = 0;
      words >> kib;
      sample.rss_mib = kib / 1024;
    } else if (key == "Threads:") {
      words >> sample.threads;
    }
  }
  std::error_code error;
  for (auto it = std::filesystem::directory_iterator(dir + "/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++sample.open_files;
  }
  // Fields 14 and 15 of /proc/PID/stat, counted after the command name's closing bracket.
  std::ifstream stat(dir + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int number = 3; number <= 15 && fields >> field; ++number) {
    if (number >= 14) ticks += std::stod(field);
  }
  sample.cpu_s = ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
  for (auto it = std::filesystem::directory_iterator(dir + "/task", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    double on_cpu_ns = 0, waiting_ns = 0;
    std::ifstream(it->path() / "schedstat") >> on_cpu_ns >> waiting_ns;
    sample.ready_wait_s += waiting_ns / 1e9;
  }
  return sample;
}

MachineSample SampleMachine() {
  MachineSample sample;
  std::ifstream("/proc/loadavg") >> sample.load_1min;
  std::ifstream pressure("/proc/pressure/cpu");
  std::string line;
  if (std::getline(pressure, line)) {  // some avg10=… avg60=… avg300=… total=MICROSECONDS
    const size_t total = line.find("total=");
    if (total != std::string::npos) sample.cpu_stalled_s = std::stod(line.substr(total + 6)) / 1e6;
  }
  return sample;
}

}  // namespace relay::bench
