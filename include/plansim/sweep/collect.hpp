#pragma once

#include "plansim/io/run_file_reader.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
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
  /// The plansim commits that made the complete runs, with how many each: more than one means
  /// the sweep's runs come from different versions of the model.
  std::map<std::string, std::size_t> commits;
  /// figures[run][metric]: the metric of each run, nothing where the run gave none.
  std::vector<std::vector<std::optional<double>>> figures;
};

/// A metric of one run file: the statistic of the series over the window, given the run's
/// summary and time axis (read once per file, not once per metric). Throws
/// std::invalid_argument when the run cannot give it (no such series or column, an empty
/// window).
double summarise(const std::string& run_file, const io::RunFileSummary& summary,
                 const std::vector<double>& years, const MetricSpec& metric);

/// A metric's statistic (any but halving and recovery) of the values of its window, `when` their
/// decimal years. Throws std::invalid_argument when the window cannot give it (sd or trend of one
/// tick, growth from a value that is not positive, growth_sd or cycle_years over fewer than
/// three calendar years, slowdown over fewer than four).
double window_statistic(const std::vector<double>& window, const std::vector<double>& when,
                        const MetricSpec& metric);

/// The `halving` statistic of column `column` of a series (`width` values a tick, row-major):
/// months from the window's start until the series is back halfway from its peak in the window
/// to its level before it (the mean of the twelve months before the window); the window's
/// length plus one when it never gets there, 0 when the window holds no rise above that level.
/// Throws std::invalid_argument without a window or without the year before it.
double halving_months(const std::vector<double>& values, std::size_t width, std::size_t column,
                      const std::vector<double>& years, const MetricSpec& metric);

/// The `recovery` statistic: months from the window's start until the twelve-month moving mean
/// of the series, after it first fell below its level before the window (the mean of the
/// twelve months before it), is back at that level: how long a shock set it back. The
/// window's length plus one when it never gets back, 0 when it never fell. Throws
/// std::invalid_argument without a window or without the year before it.
double recovery_months(const std::vector<double>& values, std::size_t width, std::size_t column,
                       const std::vector<double>& years, const MetricSpec& metric);

/// Reads DIR/sweep.yaml and every run file and writes DIR/summary.csv: one row per run with
/// its index, seed, replicate, parameters, status, metrics (the sweep's, then `extra`) and the
/// number of scenario warnings the run recorded. Extra metrics are
/// asked for after the sweep ran; they are not added to its record. Damaged files
/// are reported, not fatal.
CollectReport collect(const std::filesystem::path& dir, const std::vector<MetricSpec>& extra = {});

} // namespace plansim::sweep
