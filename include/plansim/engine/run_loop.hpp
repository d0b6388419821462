#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/engine/progress.hpp"

namespace plansim::engine {

enum class RunStatus { complete, stopped };

struct RunResult {
  RunStatus status = RunStatus::complete;
  int ticks_done = 0;
};

/// Runs every tick of the calendar through the pipeline, reporting progress. Checks for a
/// stop request (SIGINT/SIGTERM) between ticks, so a stopped run ends after a whole tick.
RunResult run_ticks(Pipeline& pipeline, const Calendar& calendar, Progress& progress);

} // namespace plansim::engine
