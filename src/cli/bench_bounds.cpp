#include "plansim/cli/bench_bounds.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/engine/synthetic_workload.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

namespace plansim::cli {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

double triad_bytes_per_second(std::size_t mebibytes) {
  const std::size_t n = std::max<std::size_t>(mebibytes, 1) * 1024 * 1024 / sizeof(double);
  // Uninitialised storage, first touched by the parallel loop below, so that each thread's
  // pages sit where it runs (first-touch placement) as in STREAM.
  std::unique_ptr<double[]> a(new double[n]);
  std::unique_ptr<double[]> b(new double[n]);
  std::unique_ptr<double[]> c(new double[n]);
  const engine::Chunking chunking(n, std::size_t{1} << 16);
  engine::parallel_for_chunks(chunking, [&](const engine::Chunk& chunk) {
    std::fill(a.get() + chunk.begin, a.get() + chunk.end, 0.0);
    std::fill(b.get() + chunk.begin, b.get() + chunk.end, 1.0);
    std::fill(c.get() + chunk.begin, c.get() + chunk.end, 2.0);
  });
  constexpr double scalar = 3.0;
  double best = 0.0;
  for (int pass = 0; pass < 5; ++pass) {
    const auto start = std::chrono::steady_clock::now();
    engine::parallel_for_chunks(chunking, [&](const engine::Chunk& chunk) {
      for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
        a[i] = b[i] + scalar * c[i];
      }
    });
    const double seconds = seconds_since(start);
    best = std::max(best, 3.0 * sizeof(double) * static_cast<double>(n) / seconds);
  }
  // Read a result so that the passes cannot be dropped as dead stores.
  volatile double sink = a[n / 2];
  (void)sink;
  return best;
}

double contraction_flops_per_second(int rounds) {
  if (rounds <= 0) {
    return 0.0;
  }
  engine::ContractionLanes lanes{};
  for (std::size_t j = 0; j < engine::contraction_lanes; ++j) {
    lanes.x[j] = 1.0 + 0.1 * static_cast<double>(j);
    lanes.skill[j] = 0.5 + 0.1 * static_cast<double>(j);
  }
  // Doubles the repetitions until a measurement takes a tenth of a second.
  for (long long calls = 1024;; calls *= 2) {
    const auto start = std::chrono::steady_clock::now();
    for (long long k = 0; k < calls; ++k) {
      engine::contract(lanes, rounds);
    }
    const double seconds = seconds_since(start);
    if (seconds >= 0.1) {
      volatile double sink = lanes.x[0];
      (void)sink;
      return static_cast<double>(calls) * rounds * engine::flops_per_round *
             static_cast<double>(engine::contraction_lanes) / seconds;
    }
  }
}

} // namespace plansim::cli
