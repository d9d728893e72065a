#include "ui/model/overview_worker.h"

#include <exception>

#include "relay/report/period.h"
#include "relay/report/report_builder.h"
#include "relay/report/report_data.h"
#include "relay/sqlite.h"

namespace relay::edge::ui {

Result<Overview> ComputeOverview(const OverviewRequest& request) {
  if (request.db_path.empty()) return Status::Error("no database file to compute from");
  auto db = sql::Database::Open(request.db_path);
  if (!db.ok()) return db.status();
  auto data = report::LoadReportData(*db.value());
  if (!data.ok()) return data.status();
  Overview overview;
  overview.years = YearsWithTransports(data.value());
  overview.year = request.year.value_or(DefaultYear(overview.years, request.now_ms));
  overview.cadence = request.cadence;
  auto period = report::ParsePeriod(PeriodKey(overview.year, overview.cadence));
  if (!period.ok()) return period.status();
  auto scope = report::ResolveScope(data.value(), request.township_id);
  if (!scope.ok()) return scope.status();
  overview.report =
      report::BuildReport(data.value(), period.value(), scope.value(), request.now_ms);
  overview.map = BuildSchematicMap(data.value(), overview.report);
  return overview;
}

OverviewWorker::OverviewWorker() : thread_([this] { Loop(); }) {}

OverviewWorker::~OverviewWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void OverviewWorker::Request(OverviewRequest request) {
  {
    std::lock_guard lock(mutex_);
    pending_ = std::move(request);
  }
  wake_.notify_all();
}

bool OverviewWorker::busy() const {
  std::lock_guard lock(mutex_);
  // A result not yet taken counts: the window must wake for it, not sleep until the next input.
  return running_ || pending_.has_value() || !results_.empty();
}

std::optional<Result<Overview>> OverviewWorker::TakeResult() {
  std::lock_guard lock(mutex_);
  if (results_.empty()) return std::nullopt;
  auto result = std::move(results_.front());
  results_.pop_front();
  return result;
}

void OverviewWorker::Loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || pending_; });
    if (stopping_) return;
    const OverviewRequest request = std::move(*pending_);
    pending_.reset();
    running_ = true;
    lock.unlock();
    Result<Overview> result = Status::Error("not computed");
    try {
      result = ComputeOverview(request);
    } catch (const std::exception& error) {  // never past the thread
      result = Status::Error(std::string("computing the overview failed: ") + error.what());
    }
    lock.lock();
    running_ = false;
    results_.push_back(std::move(result));
  }
}

}  // namespace relay::edge::ui
