#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace plansim::sweep {

/// An estimate with a bootstrap percentile interval.
struct Interval {
  double estimate = 0.0;
  double low = 0.0, high = 0.0;
};

/// Resamples behind each bootstrap interval of the indices.
inline constexpr int sensitivity_resamples = 1000;

/// Sobol indices of each input: first order S1_i (the share of the output's variance that input
/// i explains alone) and total ST_i (its share with all its interactions).
struct SobolIndices {
  std::vector<Interval> first_order, total;
  double variance = 0.0; ///< of the output over the A and B rows
  std::size_t base_points = 0;
};

/// The indices from the outputs `y` of a saltelli design over `inputs` inputs: blocks of
/// inputs + 2 figures, each A_k, B_k, then AB_k^(i) for every input i (A_k with input i from
/// B_k). Estimators: Saltelli et al. (2010) for S1, V_i = mean(f(B) (f(AB_i) - f(A))); Jansen
/// (1999) for ST, V_Ti = mean((f(A) - f(AB_i))^2) / 2; both divided by the variance of f over
/// A and B. Intervals: 95 % percentile bootstrap over base points, draws keyed by `seed`.
/// Throws std::invalid_argument when y is not whole blocks, holds under two blocks or has no
/// variance.
SobolIndices sobol_indices(std::span<const double> y, std::size_t inputs, std::uint64_t seed);

/// Morris's elementary effects of each input (Morris 1991; mu* of Campolongo et al. 2007):
/// mu, the mean effect; mu*, the mean absolute effect (with a bootstrap interval over
/// trajectories); sigma, their standard deviation (n - 1), large where an input acts through
/// interactions or non-linearly.
struct MorrisEffects {
  std::vector<Interval> mu_star;
  std::vector<double> mu, sigma;
  std::size_t trajectories = 0;
};

/// The effects from the points `u` (in the unit cube, inputs values each, row-major) and outputs
/// `y` of a morris design: trajectories of inputs + 1 points, each moving one input from the
/// point before. An effect is (y_next - y) / (u_next - u) on the input that moved, so it is per
/// unit of the input's range (of its logarithm on a log axis). Throws std::invalid_argument on
/// a step that does not move exactly one input, or with fewer than two trajectories.
MorrisEffects morris_effects(std::span<const double> u, std::span<const double> y,
                             std::size_t inputs, std::uint64_t seed);

} // namespace plansim::sweep
