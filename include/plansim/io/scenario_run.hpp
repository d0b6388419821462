#pragma once

#include "plansim/engine/progress.hpp"
#include "plansim/engine/run_loop.hpp"
#include "plansim/io/config.hpp"
#include "plansim/io/output_error.hpp"

#include <cstdint>
#include <iosfwd>
#include <string>

namespace plansim::io {

/// What a scenario run did.
struct ScenarioRun {
  engine::RunStatus status = engine::RunStatus::complete;
  int ticks_done = 0;
  std::string start; ///< first month
  std::string last;  ///< last month
  std::uint64_t seed = 0;
  int threads = 0; ///< the thread limit in force (results do not depend on it)
  double seconds = 0.0;
  double writer_seconds = 0.0;
};

/// Builds the economy a resolved scenario describes and runs it into the run file `out`,
/// reporting progress on `progress_out`. The caller sets the thread limit. On success the file
/// is complete under its final name; when stopped by a signal (status `stopped`) or failing,
/// nothing is left. Throws ConfigError for parameters the model cannot use, OutputError when
/// the file cannot be created (OutputBusy: another process is writing it), and engine::MetricError
/// or hdf5::Error when the run fails.
ScenarioRun run_scenario(const Config& config, const std::string& out, std::ostream& progress_out,
                         engine::ProgressStyle style);

} // namespace plansim::io
