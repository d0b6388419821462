#include "plansim/engine/random.hpp"

#include <cassert>
#include <cmath>

namespace plansim::engine {

namespace {

// log(k!) without touching the global `signgam` that std::lgamma writes.
double log_factorial(double k) {
  int sign = 0;
  return ::lgamma_r(k + 1.0, &sign);
}

} // namespace

std::uint64_t RandomStream::poisson(double mean) {
  if (mean <= 0.0) {
    return 0;
  }
  if (mean < 10.0) {
    // Inversion by sequential search: exact and cheap for small means.
    double u = uniform();
    double probability = std::exp(-mean);
    std::uint64_t k = 0;
    while (u > probability) {
      u -= probability;
      ++k;
      probability *= mean / static_cast<double>(k);
      if (probability <= 0.0) {
        break; // only reached through rounding far in the tail
      }
    }
    return k;
  }
  // PTRS: transformed rejection with squeeze (Hormann 1993), as in NumPy.
  const double sqrt_mean = std::sqrt(mean);
  const double log_mean = std::log(mean);
  const double b = 0.931 + 2.53 * sqrt_mean;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  while (true) {
    const double u = uniform() - 0.5;
    const double v = uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r) {
      return static_cast<std::uint64_t>(k);
    }
    if (k < 0.0 || (us < 0.013 && v > us)) {
      continue;
    }
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * log_mean - log_factorial(k)) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

void RandomStream::sample_indices(std::uint32_t n, std::span<std::uint32_t> out) {
  assert(out.size() <= n);
  std::uint32_t needed = static_cast<std::uint32_t>(out.size());
  std::size_t written = 0;
  for (std::uint32_t i = 0; i < n && needed > 0; ++i) {
    const std::uint32_t remaining = n - i;
    // Select i with probability needed / remaining.
    if (uniform_int(remaining) < needed) {
      out[written++] = i;
      --needed;
    }
  }
}

} // namespace plansim::engine
