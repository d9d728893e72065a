// Measures the foundation's sync path: local writes, push and pull over loopback HTTP against
// a real relay-server, and the bytes on the wire. Run: build/bin/relay_sync_bench [VEHICLES]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "relay/gzip.h"
#include "server_process.h"
#include "temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A vehicle registered in the township and home gacha of these ids.
nlohmann::json Vehicle(int n, const std::string& township_id, const std::string& gacha_id) {
  char plate[32];
  std::snprintf(plate, sizeof plate, "蒙H·%05d", n % 100000);
  return {{"plate", plate},
          {"owner_category", "gacha_doctor"},
          {"phone", "13800000000"},
          {"township_id", township_id},
          {"home_gacha_id", gacha_id},
          {"seats", 5},
          {"status", "available"},
          {"note", "演示数据"}};
}

// User and system CPU time of this process so far: unlike wall time, it hardly moves with how
// long the disk takes to flush each commit.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  const int vehicles = argc > 1 ? std::atoi(argv[1]) : 5000;
  relay::testing::TempDir dir;
  relay::SystemClock clock;
  relay::testing::ServerProcess server(RELAY_SERVER_BIN, dir.File("county.db"));
  if (!server.Start()) {
    std::fprintf(stderr, "relay-server did not start\n");
    return 1;
  }
  auto writer = relay::edge::LocalStore::Open(dir.File("a.db"), clock).value();
  auto reader = relay::edge::LocalStore::Open(dir.File("b.db"), clock).value();

  // The vehicles refer to a township and a gacha, which must be stored first.
  const std::string township_id =
      writer->Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}}).value();
  const std::string gacha_id =
      writer
          ->Put("gachas",
                {{"township_id", township_id}, {"name", "额日和图嘎查"}, {"area_type", "pastoral"}})
          .value();

  auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  for (int i = 0; i < vehicles; ++i)
    writer->Put("vehicles", Vehicle(i, township_id, gacha_id));
  const double put_s = SecondsSince(start);
  const double put_cpu_s = CpuSeconds() - cpu_start;
  const auto changes = writer->ReadSyncStatus().value().pending_changes;

  // One push batch as relay-edge sends it, in each protocol.
  const size_t batch_size = relay::edge::SyncOptions{}.push_batch;
  relay::PushRequest sample{relay::kProtocolVersion, relay::kSchemaVersion, writer->device_id(),
                            writer->PendingChanges(batch_size).value()};
  const std::string body_v1 = relay::EncodePushRequest(sample);
  const std::string body_v2 = relay::EncodePushRequestV2(sample);

  relay::edge::CurlTransport push_link(server.url());
  relay::edge::CurlTransport pull_link(server.url());
  for (auto* laptop : {writer.get(), reader.get()}) {
    if (!relay::edge::Enroll(*laptop, push_link, server.IssueCode()).ok()) {
      std::fprintf(stderr, "enrollment failed\n");
      return 1;
    }
  }
  start = Clock::now();
  double server_cpu_start = server.CpuSeconds();
  auto pushed = relay::edge::SyncClient(*writer, push_link).Run();
  const double push_s = SecondsSince(start);
  const double push_server_cpu_s = server.CpuSeconds() - server_cpu_start;

  start = Clock::now();
  server_cpu_start = server.CpuSeconds();
  auto pulled = relay::edge::SyncClient(*reader, pull_link).Run();
  const double pull_s = SecondsSince(start);
  const double pull_server_cpu_s = server.CpuSeconds() - server_cpu_start;
  if (!pushed.ok() || !pulled.ok()) {
    std::fprintf(stderr, "sync failed: %s\n",
                 (pushed.ok() ? pulled.status() : pushed.status()).message().c_str());
    return 1;
  }
  const bool converged = writer->Digest().value() == reader->Digest().value();

  std::printf("vehicles                 %d (%lld field changes)\n", vehicles,
              static_cast<long long>(changes));
  std::printf("local put (durable)      %.0f records/s (%.2f ms each, %.2f ms of it CPU)\n",
              vehicles / put_s, 1000 * put_s / vehicles, 1000 * put_cpu_s / vehicles);
  std::printf("push over loopback       %.0f changes/s (%.2f s, %.2f s of server CPU)\n",
              changes / push_s, push_s, push_server_cpu_s);
  std::printf("pull over loopback       %.0f changes/s (%.2f s, %.2f s of server CPU)\n",
              pulled.value().pulled / pull_s, pull_s, pull_server_cpu_s);
  for (const auto& [protocol, body] : {std::pair{1, &body_v1}, std::pair{2, &body_v2}}) {
    const size_t gzipped = relay::GzipCompress(*body).size();
    std::printf("push of %zu, protocol %d %zu bytes JSON, %zu gzipped (%.1f B per change)\n",
                sample.changes.size(), protocol, body->size(), gzipped,
                static_cast<double>(gzipped) / static_cast<double>(sample.changes.size()));
  }
  std::printf("replicas converged       %s\n", converged ? "yes" : "NO");
  return converged ? 0 : 1;
}
