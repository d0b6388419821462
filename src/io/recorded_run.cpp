#include "plansim/io/recorded_run.hpp"

#include "plansim/io/background_writer.hpp"
#include "plansim/io/hdf5.hpp"

#include <exception>
#include <string>

namespace plansim::io {

RecordedRun run_recorded(engine::Pipeline& pipeline, const engine::Calendar& calendar,
                         engine::Recorder& recorder, RunFileWriter& file,
                         engine::Progress& progress,
                         const std::function<std::vector<RunEvent>()>& events) {
  RecordedRun run;
  BackgroundWriter writer(recorder, file);
  // A writer that has failed (a full disk) ends the run at once; finish() reports why.
  run.result = engine::run_ticks(pipeline, calendar, progress, [&] { return !writer.failed(); });
  if (run.result.status == engine::RunStatus::stopped) {
    return run;
  }
  if (run.result.status == engine::RunStatus::abandoned) {
    const std::string when = " (the run stopped after " + std::to_string(run.result.ticks_done) +
                             " of " + std::to_string(calendar.tick_count()) + " ticks)";
    try {
      writer.finish();
    } catch (const std::exception& error) {
      throw hdf5::Error(error.what() + when);
    }
    throw hdf5::Error("writing the run file failed" + when);
  }
  writer.finish();
  run.writer_busy_seconds = writer.busy_seconds();
  if (events) {
    for (auto& event : events()) {
      file.add_event(std::move(event));
    }
  }
  file.finish(pipeline.timings());
  return run;
}

} // namespace plansim::io
