#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/engine/progress.hpp"

#include <functional>

namespace plansim::engine {

/// complete: every tick ran; stopped: a signal asked to stop; abandoned: the caller's
/// `keep_going` said no (the output it feeds has failed).
enum class RunStatus { complete, stopped, abandoned };

struct RunResult {
  RunStatus status = RunStatus::complete;
  int ticks_done = 0;
};

/// Runs every tick of the calendar through the pipeline, reporting progress. Checks for a
/// stop request (SIGINT/SIGTERM), and asks `keep_going` when given, between ticks, so a run
/// ends after a whole tick.
RunResult run_ticks(Pipeline& pipeline, const Calendar& calendar, Progress& progress,
                    const std::function<bool()>& keep_going = {});

} // namespace plansim::engine
