#pragma once

// plansim bench --lp: the Kantorovich planner's linear programme at growing sizes, timed
// (docs/performance.md).

#include <ostream>

namespace plansim::cli {

/// Solves plan-ray programmes of growing size (random input-output matrices and plants, as
/// the planner builds them each January), cold and then warm-started from the last basis, and
/// prints one line per size. Returns the exit code.
int run_lp_bench(std::ostream& out);

} // namespace plansim::cli
