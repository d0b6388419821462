#pragma once

#include "plansim/engine/metrics.hpp"
#include "plansim/io/run_file_writer.hpp"

#include <atomic>
#include <exception>
#include <thread>

namespace plansim::io {

/// The one thread that writes a run's frames to its file, so HDF5 calls never run inside the
/// simulation's parallel loops. It waits on the recorder's queue and appends what it drains
/// in batches of 64 ticks.
/// If writing fails (a full disk), it keeps draining without writing so the simulation is never
/// blocked, and failed()/finish() report the error.
class BackgroundWriter {
public:
  BackgroundWriter(engine::Recorder& recorder, RunFileWriter& writer);
  /// Stops the thread if finish() was not called (the run failed or was stopped).
  ~BackgroundWriter();
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  /// True once writing has failed; the simulation can stop early.
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  /// Closes the recorder, waits for the remaining frames to be written and rethrows the
  /// writer's error, if any.
  void finish();
  /// Seconds the thread spent writing (not waiting).
  double busy_seconds() const { return busy_seconds_; }

private:
  void drain_until_closed();

  engine::Recorder& recorder_;
  RunFileWriter& writer_;
  std::atomic<bool> failed_{false};
  std::exception_ptr error_;
  double busy_seconds_ = 0.0;
  std::thread thread_;
};

} // namespace plansim::io
