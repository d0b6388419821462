#include "plansim/sweep/sensitivity.hpp"

#include "plansim/engine/random.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace plansim::sweep {

namespace {

constexpr std::uint16_t sensitivity_kind = 102;
constexpr std::uint16_t sobol_purpose = 0, morris_purpose = 1;

// The 2.5 % and 97.5 % points of sorted resampled estimates (type 7 quantiles, as numpy's).
Interval percentile_interval(double estimate, std::vector<double>& resampled) {
  std::sort(resampled.begin(), resampled.end());
  const auto at = [&](double q) {
    const double h = q * static_cast<double>(resampled.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, resampled.size() - 1);
    return resampled[lo] + (h - static_cast<double>(lo)) * (resampled[hi] - resampled[lo]);
  };
  return Interval{estimate, at(0.025), at(0.975)};
}

// The blocks of one bootstrap resample: `n` indices drawn with replacement (one stream for each
// round and lane, e.g. each input).
std::vector<std::size_t> resample(std::size_t n, std::uint64_t seed, std::uint16_t purpose,
                                  int round, std::size_t lane = 0) {
  engine::RandomStream draws(seed, engine::StreamKey{engine::stream_kind(sensitivity_kind, purpose),
                                                     static_cast<std::uint32_t>(round),
                                                     static_cast<std::uint32_t>(lane)});
  std::vector<std::size_t> picks(n);
  for (auto& pick : picks) {
    pick = draws.uniform_int(static_cast<std::uint32_t>(n));
  }
  return picks;
}

struct Estimate {
  double first = 0.0, total = 0.0;
};

// Variance of f over the A and B rows of the picked blocks (two-pass, population form).
double variance_of_rows(std::span<const double> y, std::size_t width,
                        const std::vector<std::size_t>& picks) {
  double sum = 0.0;
  for (auto k : picks) {
    sum += y[k * width] + y[k * width + 1];
  }
  const double mean = sum / (2.0 * static_cast<double>(picks.size()));
  double squares = 0.0;
  for (auto k : picks) {
    squares += (y[k * width] - mean) * (y[k * width] - mean) +
               (y[k * width + 1] - mean) * (y[k * width + 1] - mean);
  }
  return squares / (2.0 * static_cast<double>(picks.size()));
}

// The indices of input i from the blocks `picks` of y (a block: A, B, AB_1 .. AB_d).
Estimate estimate_input(std::span<const double> y, std::size_t width, std::size_t i,
                        const std::vector<std::size_t>& picks, double variance) {
  double first = 0.0, total = 0.0;
  for (auto k : picks) {
    const double a = y[k * width], b = y[k * width + 1], ab = y[k * width + 2 + i];
    first += b * (ab - a);
    total += (a - ab) * (a - ab);
  }
  const auto n = static_cast<double>(picks.size());
  return Estimate{first / n / variance, total / (2.0 * n) / variance};
}

std::vector<std::size_t> every(std::size_t n) {
  std::vector<std::size_t> all(n);
  for (std::size_t k = 0; k < n; ++k) {
    all[k] = k;
  }
  return all;
}

} // namespace

SobolIndices sobol_indices(std::span<const double> y, std::size_t inputs, std::uint64_t seed) {
  const std::size_t width = inputs + 2;
  if (inputs == 0 || y.size() % width != 0 || y.size() / width < 2) {
    throw std::invalid_argument("Sobol indices need whole blocks of " + std::to_string(width) +
                                " figures, at least two; got " + std::to_string(y.size()));
  }
  const std::size_t n = y.size() / width;
  SobolIndices indices;
  indices.base_points = n;
  const auto all = every(n);
  indices.variance = variance_of_rows(y, width, all);
  if (!(indices.variance > 0.0)) {
    throw std::invalid_argument("the output does not vary over the design: no Sobol indices");
  }
  std::vector<std::vector<double>> first(inputs), total(inputs);
  for (int round = 0; round < sensitivity_resamples; ++round) {
    const auto picks = resample(n, seed, sobol_purpose, round);
    const double variance = variance_of_rows(y, width, picks);
    for (std::size_t i = 0; i < inputs && variance > 0.0; ++i) {
      const auto e = estimate_input(y, width, i, picks, variance);
      first[i].push_back(e.first);
      total[i].push_back(e.total);
    }
  }
  for (std::size_t i = 0; i < inputs; ++i) {
    const auto e = estimate_input(y, width, i, all, indices.variance);
    indices.first_order.push_back(percentile_interval(e.first, first[i]));
    indices.total.push_back(percentile_interval(e.total, total[i]));
  }
  return indices;
}

MorrisEffects morris_effects(std::span<const double> u, std::span<const double> y,
                             std::size_t inputs, std::uint64_t seed) {
  const std::size_t width = inputs + 1;
  if (inputs == 0 || y.size() % width != 0 || y.size() / width < 2 ||
      u.size() != y.size() * inputs) {
    throw std::invalid_argument("Morris effects need whole trajectories of " +
                                std::to_string(width) + " points, at least two");
  }
  const std::size_t r = y.size() / width;
  // effects[i][t]: the elementary effect of input i on trajectory t.
  std::vector<std::vector<double>> effects(inputs, std::vector<double>(r, 0.0));
  std::vector<std::vector<bool>> seen(inputs, std::vector<bool>(r, false));
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t k = 0; k + 1 < width; ++k) {
      const std::size_t from = t * width + k, to = from + 1;
      std::size_t moved = inputs, moves = 0;
      for (std::size_t j = 0; j < inputs; ++j) {
        if (u[to * inputs + j] != u[from * inputs + j]) {
          moved = j;
          ++moves;
        }
      }
      if (moves != 1 || seen[moved][t]) {
        throw std::invalid_argument("step " + std::to_string(k) + " of trajectory " +
                                    std::to_string(t) + " does not move one new input");
      }
      seen[moved][t] = true;
      effects[moved][t] = (y[to] - y[from]) / (u[to * inputs + moved] - u[from * inputs + moved]);
    }
  }
  MorrisEffects result;
  result.trajectories = r;
  const auto n = static_cast<double>(r);
  for (std::size_t i = 0; i < inputs; ++i) {
    double sum = 0.0, absolute = 0.0;
    for (double e : effects[i]) {
      sum += e;
      absolute += std::abs(e);
    }
    const double mu = sum / n;
    double squares = 0.0;
    for (double e : effects[i]) {
      squares += (e - mu) * (e - mu);
    }
    std::vector<double> resampled;
    for (int round = 0; round < sensitivity_resamples; ++round) {
      double picked = 0.0;
      for (auto t : resample(r, seed, morris_purpose, round, i)) {
        picked += std::abs(effects[i][t]);
      }
      resampled.push_back(picked / n);
    }
    result.mu.push_back(mu);
    result.sigma.push_back(std::sqrt(squares / (n - 1.0)));
    result.mu_star.push_back(percentile_interval(absolute / n, resampled));
  }
  return result;
}

} // namespace plansim::sweep
