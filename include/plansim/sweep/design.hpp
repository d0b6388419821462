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

/// The run with this index: a pure function of the spec and the index, so any run can be
/// reproduced alone. Runs are ordered point by point, replicates of a point together.
RunPoint run_point(const SweepSpec& spec, std::size_t index);

/// The point in [0, 1)^d that a sampled design (random, lhs, sobol) uses for `sample`.
std::vector<double> unit_point(const SweepSpec& spec, std::size_t sample);

/// The run indices of shard `shard` of `shards`: every index i with i % shards == shard.
std::vector<std::size_t> shard_indices(std::size_t runs, std::size_t shard, std::size_t shards);

} // namespace plansim::sweep
