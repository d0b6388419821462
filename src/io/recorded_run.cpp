#include "plansim/io/recorded_run.hpp"

#include "plansim/io/background_writer.hpp"

namespace plansim::io {

RecordedRun run_recorded(engine::Pipeline& pipeline, const engine::Calendar& calendar,
                         engine::Recorder& recorder, RunFileWriter& file,
                         engine::Progress& progress,
                         const std::function<std::vector<RunEvent>()>& events) {
  RecordedRun run;
  BackgroundWriter writer(recorder, file);
  run.result = engine::run_ticks(pipeline, calendar, progress);
  if (run.result.status == engine::RunStatus::stopped) {
    return run;
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
