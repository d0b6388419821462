#pragma once

#include "plansim/io/config.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace plansim::sweep {

/// What resolving every design point of a sweep found, as `plansim sweep` would resolve them.
struct PointCheck {
  std::size_t points = 0;
  /// Problems that would make runs fail: the base scenario with the sweep's `set`, then each
  /// point's scenario ("design point 3 (a=1, b=2): ..."); a problem many points share is said
  /// once, at the first of them.
  std::vector<io::Diagnostic> problems;
  std::size_t failing_points = 0;
  /// The scenarios' warnings, each kind once (runs that differ by a value would repeat it).
  std::vector<io::Diagnostic> warnings;
};

/// What makes two scenario warnings the same kind: the place up to the value, and the message
/// (runs that differ only by a swept value give the same warning with another value).
std::string warning_kind(const io::Diagnostic& warning);

/// Resolves the base scenario with the sweep's `set` and every design point's values (one
/// replicate each: replicates differ only by their seed) and checks what the model would
/// refuse, exactly as the runs of `plansim sweep` are resolved.
PointCheck check_points(const SweepSpec& spec);

} // namespace plansim::sweep
