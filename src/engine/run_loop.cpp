#include "plansim/engine/run_loop.hpp"

#include "plansim/engine/stop_signal.hpp"

namespace plansim::engine {

RunResult run_ticks(Pipeline& pipeline, const Calendar& calendar, Progress& progress,
                    const std::function<bool()>& keep_going) {
  RunResult result;
  for (int tick = 0; tick < calendar.tick_count(); ++tick) {
    if (stop_requested()) {
      result.status = RunStatus::stopped;
      break;
    }
    if (keep_going && !keep_going()) {
      result.status = RunStatus::abandoned;
      break;
    }
    pipeline.run_tick(tick);
    result.ticks_done = tick + 1;
    progress.update(result.ticks_done, calendar.date_of(tick).to_string());
  }
  const int last = result.ticks_done > 0 ? result.ticks_done - 1 : 0;
  progress.finish(result.ticks_done, calendar.date_of(last).to_string());
  return result;
}

} // namespace plansim::engine
