#pragma once

#include "plansim/sweep/sweep_spec.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plansim::sweep {

/// One run of a sweep: which point of the design, which replicate, its seed and its
/// parameter values (as scenario text, e.g. {"channels.report.latency", "3"}).
struct RunPoint {
  std::size_t index = 0;
  std::size_t sample = 0;
  int replicate = 0;
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> values;
};

/// Points in the design (before replicates).
std::size_t sample_count(const SweepSpec& spec);
/// Points in the design when they are at most `limit`, else nothing (a grid's product may not
/// even fit in a number).
std::optional<std::size_t> sample_count_up_to(const SweepSpec& spec, std::size_t limit);
/// Runs in the sweep: points x replicates.
std::size_t run_count(const SweepSpec& spec);

/// The runs of a sweep, with what all its points share worked out once (for a Latin
/// hypercube, each axis's permutation of the strata), so that going through every run costs
/// time in proportion to their number. Refers to `spec`, which must outlive it.
class RunList {
public:
  explicit RunList(const SweepSpec& spec);

  std::size_t size() const { return size_; }
  /// The run with this index: a pure function of the spec and the index, so any run can be
  /// reproduced alone. Runs are ordered point by point, replicates of a point together.
  /// Throws std::out_of_range beyond size().
  RunPoint at(std::size_t index) const;
  /// The point in [0, 1)^d that a sampled design (random, lhs, sobol, saltelli) uses for
  /// `sample`; for morris, a point of its grid of levels in [0, 1]^d (both ends are levels).
  std::vector<double> unit_point(std::size_t sample) const;

private:
  const SweepSpec& spec_;
  std::size_t size_;
  std::vector<std::vector<std::uint32_t>> strata_; // lhs: by axis, the stratum of each sample
};

/// RunList(spec).at(index), for one run alone (for a Latin hypercube it draws the strata of
/// every sample: use a RunList to go through many).
RunPoint run_point(const SweepSpec& spec, std::size_t index);

/// RunList(spec).unit_point(sample), for one point alone.
std::vector<double> unit_point(const SweepSpec& spec, std::size_t sample);

/// The run indices of shard `shard` of `shards`: every index i with i % shards == shard.
std::vector<std::size_t> shard_indices(std::size_t runs, std::size_t shard, std::size_t shards);

} // namespace plansim::sweep
