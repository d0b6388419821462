#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace plansim::experiment {

/// The direction a hypothesis expects the difference armA - armB to take.
enum class Expect { greater, less };

/// The arithmetic mean (summed in order).
double mean(std::span<const double> x);

/// A t statistic and its degrees of freedom.
struct TTest {
  double t = 0.0;
  double df = 0.0;
};

/// Welch's t for mean(a) - mean(b), unequal variances (Welch-Satterthwaite df).
TTest welch_t(std::span<const double> a, std::span<const double> b);

/// The one-sided p-value of t with df degrees of freedom in the expected direction
/// (Student's t distribution, Boost.Math).
double one_sided_p(const TTest& test, Expect expect);

/// The two-sided quantile of Student's t: the q with P(|T| <= q) = level.
double t_quantile(double df, double level);

/// The comparison of two arms' figures: the estimate of mean(a - b) (paired) or mean(a) -
/// mean(b) (independent), a t interval and a bootstrap interval at `level`, the one-sided
/// p-value in the expected direction, and the standardised effect size (Cohen's d for
/// independent arms, d_z = mean / sd of the differences for paired ones).
struct Comparison {
  std::size_t n_a = 0, n_b = 0;
  double mean_a = 0.0, mean_b = 0.0;
  double estimate = 0.0;
  double level = 0.95;
  double ci_low = 0.0, ci_high = 0.0;
  bool bootstrapped = false; ///< false with fewer than min_bootstrap_runs per arm
  double bootstrap_low = 0.0, bootstrap_high = 0.0;
  TTest test;
  double p_value = 1.0;
  double effect_size = 0.0;
};

/// Paired arms: a[i] and b[i] come from runs that share a seed.
Comparison compare_paired(std::span<const double> a, std::span<const double> b, Expect expect,
                          double level, std::uint64_t seed);
/// Independent arms (Welch).
Comparison compare_independent(std::span<const double> a, std::span<const double> b, Expect expect,
                               double level, std::uint64_t seed);

/// A power law y = c x^slope fitted by least squares on logs: the slope (the scaling
/// exponent), its standard error and degrees of freedom (n - 2).
struct PowerFit {
  double slope = 0.0;
  double se = 0.0;
  double df = 0.0;
  std::size_t n = 0;
};

/// Fits log y on log x; points with x <= 0 or y <= 0 are left out. Throws std::invalid_argument
/// with fewer than three points or fewer than two distinct x.
PowerFit fit_power_law(std::span<const double> x, std::span<const double> y);

/// The combination sum(sign_i slope_i) of independent fits (a - b: signs 1, -1; (a - b) -
/// (c - d): 1, -1, -1, 1): the estimate, a t interval at `level` with Welch-Satterthwaite df
/// on the fits' standard errors, and the one-sided p-value in the expected direction. mean_a
/// and mean_b hold the first two slopes, n_a and n_b their points.
Comparison compare_fits(std::span<const PowerFit> fits, std::span<const double> signs,
                        Expect expect, double level);

/// A statistic of n rows (paired runs, one row per seed) judged by a percentile bootstrap over
/// the rows: `statistic(rows)` gets the indices of the rows to use (each of 0 .. n-1 once for
/// the estimate; n draws with replacement for each resample). Fills the estimate, the
/// percentile interval at `level` (as both the CI and the bootstrap interval), the one-sided
/// p-value (the share of resamples beyond 0 against the expected direction, those at 0
/// counting half, so that a statistic that is always 0 gets p = 1/2), t = the
/// estimate over the resamples' sd on n - 1 df, and n_a = n_b = n. Throws
/// std::invalid_argument with fewer than min_bootstrap_runs rows.
Comparison bootstrap_rows(std::size_t n,
                          const std::function<double(std::span<const std::size_t>)>& statistic,
                          Expect expect, double level, std::uint64_t seed);

/// Resamples in a bootstrap interval.
inline constexpr int bootstrap_resamples = 4000;
/// No bootstrap interval from fewer runs (pairs) than this.
inline constexpr std::size_t min_bootstrap_runs = 5;

/// The two-sided p-value of a comparison whose one-sided p-value is `one_sided`.
inline double two_sided_p(double one_sided) {
  return std::min(1.0, 2.0 * std::min(one_sided, 1.0 - one_sided));
}

} // namespace plansim::experiment
