#include "plansim/experiment/statistics.hpp"

#include "plansim/engine/random.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace plansim::experiment {

namespace {

constexpr std::uint16_t experiment_kind = 101;
constexpr std::uint16_t bootstrap_purpose = 0;

double variance(std::span<const double> x) {
  const double m = mean(x);
  double sum = 0.0;
  for (double v : x) {
    sum += (v - m) * (v - m);
  }
  return sum / static_cast<double>(x.size() - 1);
}

void need_two(std::span<const double> x, const char* arm) {
  if (x.size() < 2) {
    throw std::invalid_argument(std::string("arm ") + arm +
                                " has fewer than two runs: no variance, no test");
  }
}

// The percentile interval of a bootstrap distribution.
std::pair<double, double> percentile_interval(std::vector<double> estimates, double level) {
  std::sort(estimates.begin(), estimates.end());
  const auto at = [&](double q) {
    const double position = q * static_cast<double>(estimates.size() - 1);
    const auto low = static_cast<std::size_t>(std::floor(position));
    const auto high = std::min(low + 1, estimates.size() - 1);
    return estimates[low] +
           (position - static_cast<double>(low)) * (estimates[high] - estimates[low]);
  };
  return {at((1.0 - level) / 2.0), at((1.0 + level) / 2.0)};
}

// The mean of a resample of x (with replacement), drawn from `random`.
double resampled_mean(std::span<const double> x, engine::RandomStream& random) {
  double sum = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sum += x[random.uniform_int(static_cast<std::uint32_t>(x.size()))];
  }
  return sum / static_cast<double>(x.size());
}

engine::RandomStream bootstrap_stream(std::uint64_t seed, int resample) {
  return engine::RandomStream(
      seed, engine::StreamKey{engine::stream_kind(experiment_kind, bootstrap_purpose),
                              static_cast<std::uint32_t>(resample), 0});
}

// A t interval and p-value when the standard error is 0 (every difference the same): the
// estimate is exact.
void exact(Comparison& c, Expect expect) {
  c.ci_low = c.ci_high = c.estimate;
  // No variance: a difference in the expected direction is certain, one against it certainly
  // not in it; no difference at all is evidence for neither direction.
  const bool expected = expect == Expect::greater ? c.estimate > 0 : c.estimate < 0;
  c.p_value = c.estimate == 0 ? 0.5 : expected ? 0.0 : 1.0;
  c.test.t =
      c.estimate == 0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), c.estimate);
}

// Welch-Satterthwaite df from the two squared standard errors var/n and the sizes.
double welch_df(double se2_a, double se2_b, std::size_t n_a, std::size_t n_b) {
  return (se2_a + se2_b) * (se2_a + se2_b) /
         (se2_a * se2_a / static_cast<double>(n_a - 1) +
          se2_b * se2_b / static_cast<double>(n_b - 1));
}

// What both comparisons start from: sizes, means, level.
Comparison comparison_of(std::span<const double> a, std::span<const double> b, double level) {
  Comparison c;
  c.n_a = a.size();
  c.n_b = b.size();
  c.mean_a = mean(a);
  c.mean_b = mean(b);
  c.level = level;
  return c;
}

// The t statistic, one-sided p and t interval of c.estimate with standard error `se` on
// c.test.df degrees of freedom.
void fill_t_interval(Comparison& c, double se, Expect expect) {
  if (se == 0.0) {
    exact(c, expect);
    return;
  }
  c.test.t = c.estimate / se;
  c.p_value = one_sided_p(c.test, expect);
  const double q = t_quantile(c.test.df, c.level);
  c.ci_low = c.estimate - q * se;
  c.ci_high = c.estimate + q * se;
}

// The percentile bootstrap interval of the estimates draw(random) gives, one stream per
// resample.
template <class Draw>
void fill_bootstrap_interval(Comparison& c, std::uint64_t seed, Draw draw) {
  if (std::min(c.n_a, c.n_b) < min_bootstrap_runs) {
    return; // a bootstrap of so few runs would pretend to a precision it does not have
  }
  c.bootstrapped = true;
  std::vector<double> estimates(bootstrap_resamples);
  for (int r = 0; r < bootstrap_resamples; ++r) {
    auto random = bootstrap_stream(seed, r);
    estimates[static_cast<std::size_t>(r)] = draw(random);
  }
  std::tie(c.bootstrap_low, c.bootstrap_high) = percentile_interval(std::move(estimates), c.level);
}

} // namespace

double mean(std::span<const double> x) {
  double sum = 0.0;
  for (double v : x) {
    sum += v;
  }
  return sum / static_cast<double>(x.size());
}

TTest welch_t(std::span<const double> a, std::span<const double> b) {
  need_two(a, "A");
  need_two(b, "B");
  const double se2_a = variance(a) / static_cast<double>(a.size());
  const double se2_b = variance(b) / static_cast<double>(b.size());
  return TTest{(mean(a) - mean(b)) / std::sqrt(se2_a + se2_b),
               welch_df(se2_a, se2_b, a.size(), b.size())};
}

double one_sided_p(const TTest& test, Expect expect) {
  if (std::isinf(test.t)) {
    return (test.t > 0) == (expect == Expect::greater) ? 0.0 : 1.0;
  }
  const boost::math::students_t distribution(test.df);
  return expect == Expect::greater ? boost::math::cdf(boost::math::complement(distribution, test.t))
                                   : boost::math::cdf(distribution, test.t);
}

double t_quantile(double df, double level) {
  const boost::math::students_t distribution(df);
  return boost::math::quantile(distribution, (1.0 + level) / 2.0);
}

Comparison compare_paired(std::span<const double> a, std::span<const double> b, Expect expect,
                          double level, std::uint64_t seed) {
  if (a.size() != b.size()) {
    throw std::invalid_argument("paired arms need the same number of runs");
  }
  need_two(a, "A");
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    differences[i] = a[i] - b[i];
  }
  Comparison c = comparison_of(a, b, level);
  c.estimate = mean(differences);
  const double sd = std::sqrt(variance(differences));
  const double n = static_cast<double>(differences.size());
  c.test.df = n - 1.0;
  fill_t_interval(c, sd / std::sqrt(n), expect);
  c.effect_size = sd > 0 ? c.estimate / sd : 0.0;
  fill_bootstrap_interval(
      c, seed, [&](engine::RandomStream& random) { return resampled_mean(differences, random); });
  return c;
}

Comparison compare_independent(std::span<const double> a, std::span<const double> b, Expect expect,
                               double level, std::uint64_t seed) {
  need_two(a, "A");
  need_two(b, "B");
  Comparison c = comparison_of(a, b, level);
  c.estimate = c.mean_a - c.mean_b;
  const double va = variance(a), vb = variance(b);
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  c.test.df = welch_df(va / na, vb / nb, a.size(), b.size());
  fill_t_interval(c, std::sqrt(va / na + vb / nb), expect);
  const double pooled = std::sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2));
  c.effect_size = pooled > 0 ? c.estimate / pooled : 0.0;
  fill_bootstrap_interval(c, seed, [&](engine::RandomStream& random) {
    const double resampled_a = resampled_mean(a, random);
    return resampled_a - resampled_mean(b, random);
  });
  return c;
}

Comparison bootstrap_rows(std::size_t n,
                          const std::function<double(std::span<const std::size_t>)>& statistic,
                          Expect expect, double level, std::uint64_t seed) {
  if (n < min_bootstrap_runs) {
    throw std::invalid_argument("a bootstrap over rows needs at least " +
                                std::to_string(min_bootstrap_runs) + " rows");
  }
  Comparison c;
  c.n_a = c.n_b = n;
  c.level = level;
  std::vector<std::size_t> rows(n);
  for (std::size_t i = 0; i < n; ++i) {
    rows[i] = i;
  }
  c.estimate = statistic(rows);
  std::vector<double> estimates(bootstrap_resamples);
  double against = 0.0; // resamples on the wrong side; one exactly at 0 counts half
  for (int r = 0; r < bootstrap_resamples; ++r) {
    auto random = bootstrap_stream(seed, r);
    for (auto& row : rows) {
      row = random.uniform_int(static_cast<std::uint32_t>(n));
    }
    const double e = statistic(rows);
    estimates[static_cast<std::size_t>(r)] = e;
    against += e == 0.0 ? 0.5 : (expect == Expect::greater ? e < 0.0 : e > 0.0) ? 1.0 : 0.0;
  }
  c.p_value = (against + 0.5) / double(bootstrap_resamples + 1);
  const double sd = std::sqrt(variance(estimates));
  c.test.df = double(n) - 1.0;
  c.test.t = sd > 0 ? c.estimate / sd : 0.0;
  c.effect_size = c.test.t;
  c.bootstrapped = true;
  std::tie(c.bootstrap_low, c.bootstrap_high) = percentile_interval(std::move(estimates), level);
  c.ci_low = c.bootstrap_low;
  c.ci_high = c.bootstrap_high;
  return c;
}

PowerFit fit_power_law(std::span<const double> x, std::span<const double> y) {
  std::vector<double> lx, ly;
  for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
    if (x[i] > 0 && y[i] > 0) {
      lx.push_back(std::log(x[i]));
      ly.push_back(std::log(y[i]));
    }
  }
  const std::size_t n = lx.size();
  const auto [low, high] = std::minmax_element(lx.begin(), lx.end());
  if (n < 3 || *low == *high) {
    throw std::invalid_argument("a power-law fit needs three points at two values or more");
  }
  const double mx = mean(lx), my = mean(ly);
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (lx[i] - mx) * (lx[i] - mx);
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  PowerFit fit;
  fit.n = n;
  fit.slope = sxy / sxx;
  double residuals = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = ly[i] - my - fit.slope * (lx[i] - mx);
    residuals += r * r;
  }
  fit.df = static_cast<double>(n) - 2.0;
  fit.se = std::sqrt(residuals / fit.df / sxx);
  return fit;
}

Comparison compare_fits(std::span<const PowerFit> fits, std::span<const double> signs,
                        Expect expect, double level) {
  Comparison c;
  c.level = level;
  c.n_a = fits.size() > 0 ? fits[0].n : 0;
  c.n_b = fits.size() > 1 ? fits[1].n : 0;
  c.mean_a = fits.size() > 0 ? fits[0].slope : 0.0;
  c.mean_b = fits.size() > 1 ? fits[1].slope : 0.0;
  double se2 = 0.0, se4_over_df = 0.0;
  for (std::size_t i = 0; i < fits.size(); ++i) {
    c.estimate += signs[i] * fits[i].slope;
    const double v = fits[i].se * fits[i].se;
    se2 += v;
    se4_over_df += fits[i].df > 0 ? v * v / fits[i].df : 0.0;
  }
  c.test.df = se4_over_df > 0 ? se2 * se2 / se4_over_df : 1.0;
  fill_t_interval(c, std::sqrt(se2), expect);
  c.effect_size = se2 > 0 ? c.estimate / std::sqrt(se2) : 0.0;
  return c;
}

} // namespace plansim::experiment
