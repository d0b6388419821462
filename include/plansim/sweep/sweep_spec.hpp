#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/io/config_schema.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plansim::sweep {

/// The most runs a sweep may have: its record lists every run, and collect reads every one.
/// Larger sweeps (and counts of points or replicates beyond it) are refused where they are
/// given.
inline constexpr int max_runs = 100'000;

/// How the points of a sweep are chosen. `sobol` is a Sobol quasi-random sequence that fills the
/// space evenly; it gives no sensitivity indices. `saltelli` and `morris` are the designs that
/// `plansim analyse` turns into indices: Saltelli's sampling for Sobol first-order and total
/// indices (`samples` base points, each a block of d + 2 runs) and Morris's trajectories for
/// elementary effects (`samples` trajectories of d + 1 runs).
enum class Design { grid, list, random, lhs, sobol, saltelli, morris };

/// One swept parameter: a list of values, or a numeric range.
struct Axis {
  std::string path; ///< scenario parameter, e.g. "channels.report.latency"
  io::ParamType type = io::ParamType::real;
  std::vector<std::string> values; ///< given values (empty when a range is given)
  double low = 0.0, high = 0.0;    ///< the range, when no values are given
  int samples = 0;                 ///< grid/list points over the range
  bool log = false;                ///< spread the range on a log scale
};

/// A per-run summary figure for collect: a statistic of a series over a date window.
struct MetricSpec {
  std::string series; ///< "output_true", or "by_sector/output_true"
  std::string column; ///< for grouped series: the column's name
  /// mean, final, min, max, sd (sample standard deviation), median, pNN (the NN-th
  /// percentile, p1 to p99), trend (least-squares slope per year), growth (annual rate from
  /// the first to the last value) or halving (months from the window's start until the series
  /// is back halfway from its peak in the window to its level in the year before the window:
  /// how fast a shock fades) or recovery (months from the window's start until the series'
  /// twelve-month mean, having fallen below its level in the year before the window, is back
  /// at it: how long a shock set it back)
  std::string statistic;
  std::optional<engine::YearMonth> from, to;
  std::string name; ///< the CSV column; default SERIES_STATISTIC

  std::string label() const;
};

/// The statistics a metric may take (pNN stands for p1 to p99).
inline const char* const statistic_names =
    "mean, final, min, max, sd, median, pNN (p1 to p99), trend, growth, halving, recovery, "
    "growth_sd, cycle_years or slowdown";

/// The percentile a statistic names: 90 for "p90", nothing for a statistic that is none.
std::optional<int> percentile_of(const std::string& statistic);

/// A sweep file, checked: the base scenario, overrides for every run, the swept parameters,
/// the design, replicates and seed, and the metrics `collect` summarises.
struct SweepSpec {
  std::string source;                                   ///< the sweep file
  std::string base;                                     ///< scenario file (resolved path)
  std::vector<std::pair<std::string, std::string>> set; ///< overrides for every run
  std::vector<Axis> axes;
  Design design = Design::grid;
  int samples =
      0; ///< points for random, lhs and sobol; base points (saltelli), trajectories (morris)
  int levels = 4; ///< morris: the grid levels of each axis (even, at least 2)
  int replicates = 1;
  std::uint64_t seed = 1;
  /// 0: every run has its own seed. N > 0: consecutive groups of N design points share their
  /// seeds, replicate by replicate (common random numbers, so that points of a group differ
  /// only by their parameters; experiments pair their arms this way).
  int paired = 0;
  std::vector<MetricSpec> metrics;
};

/// Reads and checks a sweep file: every key, every parameter path and value against the
/// scenario schema, the base scenario itself. Throws io::ConfigError with FILE:LINE:COL.
/// `collect` reads a finished sweep's design and does not need its base scenario again.
enum class BaseCheck { check, skip };
SweepSpec load_sweep(const std::string& path, BaseCheck base = BaseCheck::check);

/// A metric given on the command line as a YAML flow mapping, `{series: output_true, statistic:
/// sd, window: [1950-01, 1959-12]}`, checked as a sweep file's metrics are. Throws
/// io::ConfigError with places "--metric:LINE:COL".
MetricSpec metric_from_text(const std::string& text);

std::string to_string(Design design);

/// Overrides as `--set` takes them ("path=value"), from `set:` pairs.
std::vector<std::string> overrides_of(const std::vector<std::pair<std::string, std::string>>& set);

/// Whether the design draws `samples` points (random, lhs, sobol) or blocks of points (saltelli,
/// morris) rather than taking the axes' values (grid, list).
bool is_sampled(Design design);

} // namespace plansim::sweep
