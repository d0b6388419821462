#pragma once

namespace plansim::cli {

/// What plansim's exit status means, for scripts and Slurm.
enum ExitCode : int {
  exit_ok = 0,
  exit_failure = 1,     ///< the work itself failed (a run diverged, a sweep had failed runs)
  exit_bad_input = 2,   ///< usage errors, invalid configuration, unreadable files
  exit_interrupted = 3, ///< stopped by SIGINT/SIGTERM; partial output was removed
};

} // namespace plansim::cli
