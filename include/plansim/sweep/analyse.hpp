#pragma once

#include "plansim/sweep/collect.hpp"
#include "plansim/sweep/sensitivity.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace plansim::sweep {

/// One line of indices.csv: a sensitivity index of one metric to one parameter.
struct IndexRow {
  std::string metric;
  std::string parameter;
  std::string index; ///< S1, ST (saltelli); mu_star, mu, sigma (morris)
  double estimate = 0.0;
  std::optional<double> low, high; ///< the 95 % bootstrap interval, where there is one
  std::size_t blocks = 0;          ///< base points or trajectories the index rests on
};

/// What analyse found: the indices, and the metrics and blocks it had to leave out.
struct Analysis {
  CollectReport collected;
  std::vector<IndexRow> rows;
  std::size_t blocks = 0;           ///< base points (saltelli) or trajectories (morris)
  std::vector<std::string> skipped; ///< metrics with no indices, and why
  /// By metric: blocks left out because a run of theirs gave no figure.
  std::vector<std::pair<std::string, std::size_t>> incomplete;
};

/// Collects the sweep in `dir` (writing summary.csv) and computes the sensitivity indices of
/// each metric from its design: Sobol first-order and total indices for a saltelli design,
/// Morris's mu*, mu and sigma for a morris one. A point's figure is the mean over its
/// replicates; a block with a point that has none is left out. Writes DIR/indices.csv. Throws
/// std::invalid_argument when the design is neither, or there are no metrics. `extra`: metrics
/// beyond the sweep's, as collect takes them.
Analysis analyse(const std::filesystem::path& dir, const std::vector<MetricSpec>& extra = {});

} // namespace plansim::sweep
