#pragma once

#include "plansim/sweep/sweep_spec.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace plansim::sweep {

/// The state of a sweep's runs, as collect found them.
struct CollectReport {
  std::size_t runs = 0;
  std::vector<std::size_t> complete;
  std::vector<std::size_t> failed;          ///< DIR/failures/INDEX.txt exists
  std::vector<std::size_t> broken;          ///< a run file that is partial, truncated or not a run
  std::vector<std::size_t> missing;         ///< never run
  std::vector<std::string> metric_problems; ///< metrics left blank, and why (once each)
};

/// A metric of one run file: the statistic of the series over the window.
double summarise(const std::string& run_file, const MetricSpec& metric);

/// Reads DIR/sweep.yaml and every run file and writes DIR/summary.csv: one row per run with
/// its index, seed, replicate, parameters, status and metrics. Damaged files are reported,
/// not fatal.
CollectReport collect(const std::filesystem::path& dir);

} // namespace plansim::sweep
