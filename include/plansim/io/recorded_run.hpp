#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/metrics.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/engine/progress.hpp"
#include "plansim/engine/run_loop.hpp"
#include "plansim/io/run_file_writer.hpp"

#include <functional>
#include <vector>

namespace plansim::io {

struct RecordedRun {
  engine::RunResult result;
  double writer_busy_seconds = 0.0; ///< time the writer thread spent in HDF5 calls
};

/// Runs every tick through the pipeline while a writer thread drains the recorder into
/// `file`. A completed run's file gets its events (from `events`, called once at the end) and
/// phase profile and is finished: complete and renamed. A run stopped by SIGINT/SIGTERM is
/// returned unfinished, and an exception (a NaN metric, a failed write) propagates; either way
/// the caller's RunFileWriter removes the partial file when it is destroyed.
RecordedRun run_recorded(engine::Pipeline& pipeline, const engine::Calendar& calendar,
                         engine::Recorder& recorder, RunFileWriter& file,
                         engine::Progress& progress,
                         const std::function<std::vector<RunEvent>()>& events = {});

} // namespace plansim::io
