#pragma once

// What bounds plansim bench's workload: the machine's memory bandwidth and the ceiling of its
// arithmetic, both measured in the same run (docs/performance.md).

#include <cstddef>

namespace plansim::cli {

/// STREAM's triad, a[i] = b[i] + s c[i], over three arrays of `mebibytes` each (make them
/// much larger than the last-level cache), in parallel at the current thread limit; the best
/// of five passes, in bytes per second counted as STREAM counts them (24 per element).
double triad_bytes_per_second(std::size_t mebibytes);

/// Floating-point operations per second of engine::contract, the workload's arithmetic, on
/// one core with its lanes in registers: no memory, random draws or messages. The ceiling of
/// the workload's arithmetic per core.
double contraction_flops_per_second(int rounds);

} // namespace plansim::cli
