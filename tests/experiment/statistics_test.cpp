#include "plansim/engine/random.hpp"
#include "plansim/experiment/statistics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace plansim;
using namespace plansim::experiment;

TEST_CASE("Welch's t on fixed samples") {
  // a: mean 3, variance 2.5, n 5; b: mean 4, variance 4, n 3. By hand: se^2 = 2.5/5 + 4/3
  // = 1.8333..., t = -1 / sqrt(1.8333...) = -0.738549, df = 1.8333^2 / (0.5^2/4 + 1.3333^2/2)
  // = 3.532847.
  const std::vector<double> a = {1, 2, 3, 4, 5}, b = {2, 4, 6};
  const auto test = welch_t(a, b);
  CHECK(test.t == doctest::Approx(-0.738549).epsilon(1e-5));
  CHECK(test.df == doctest::Approx(3.532847).epsilon(1e-5));
}

TEST_CASE("p-values and quantiles of Student's t match tables") {
  // Two-sided 95 % critical values: 12.7062 (1 df), 2.228139 (10 df), 2.570582 (5 df).
  CHECK(t_quantile(1, 0.95) == doctest::Approx(12.7062).epsilon(1e-5));
  CHECK(t_quantile(10, 0.95) == doctest::Approx(2.228139).epsilon(1e-6));
  CHECK(t_quantile(5, 0.95) == doctest::Approx(2.570582).epsilon(1e-6));
  CHECK(one_sided_p({2.228139, 10}, Expect::greater) == doctest::Approx(0.025).epsilon(1e-5));
  CHECK(one_sided_p({2.228139, 10}, Expect::less) == doctest::Approx(0.975).epsilon(1e-5));
  // Cauchy (1 df): P(T > 1) = 1/4 exactly.
  CHECK(one_sided_p({1.0, 1}, Expect::greater) == doctest::Approx(0.25));
}

TEST_CASE("the one-sided p-value flips with the expected direction") {
  const std::vector<double> a = {5.1, 5.3, 4.9, 5.6, 5.2}, b = {4.0, 4.4, 4.1, 4.6, 4.2};
  const auto greater = compare_independent(a, b, Expect::greater, 0.95, 1);
  const auto less = compare_independent(a, b, Expect::less, 0.95, 1);
  CHECK(greater.p_value < 0.001);
  CHECK(less.p_value > 0.999);
  CHECK(greater.p_value + less.p_value == doctest::Approx(1.0));
  CHECK(greater.estimate == doctest::Approx(0.96));
}

TEST_CASE("paired comparisons test the differences") {
  // Arms far apart in level but with a consistent small difference: the pairing sees it.
  const std::vector<double> a = {10.1, 20.2, 30.1, 40.3, 50.2}, b = {10.0, 20.0, 30.0, 40.0, 50.0};
  const auto paired = compare_paired(a, b, Expect::greater, 0.95, 1);
  const auto independent = compare_independent(a, b, Expect::greater, 0.95, 1);
  CHECK(paired.estimate == doctest::Approx(0.18));
  CHECK(paired.test.df == 4);
  CHECK(paired.p_value < 0.01);
  CHECK(independent.p_value > 0.4);
  CHECK(paired.ci_low > 0.0);
  CHECK(paired.bootstrap_low > 0.0);
  CHECK(paired.bootstrap_high <= 0.3 + 1e-12); // the largest difference
}

TEST_CASE("identical differences give an exact interval, not a division by zero") {
  const std::vector<double> a = {2, 3, 4}, b = {1, 2, 3};
  const auto c = compare_paired(a, b, Expect::greater, 0.95, 1);
  CHECK(c.estimate == 1.0);
  CHECK(c.ci_low == 1.0);
  CHECK(c.ci_high == 1.0);
  CHECK(c.p_value == 0.0);
  CHECK(compare_paired(a, b, Expect::less, 0.95, 1).p_value == 1.0);
  // Identical arms (a placebo that changes nothing): evidence for neither direction.
  const auto same = compare_paired(a, a, Expect::greater, 0.95, 1);
  CHECK(same.p_value == 0.5);
  CHECK(two_sided_p(same.p_value) == 1.0);
  CHECK(compare_paired(a, a, Expect::less, 0.95, 1).p_value == 0.5);
}

namespace {

std::vector<double> normal_sample(engine::RandomStream& random, int n, double mean, double sd) {
  std::vector<double> x(static_cast<std::size_t>(n));
  for (auto& v : x) {
    v = random.normal(mean, sd);
  }
  return x;
}

// Share of `trials` synthetic experiments (trial t draws from stream {kind, t} of `seed`) whose
// interval `covers(random, t)` the truth.
template <class Covers>
double coverage(int trials, std::uint64_t seed, std::uint32_t kind, Covers covers) {
  int covered = 0;
  for (int trial = 0; trial < trials; ++trial) {
    engine::RandomStream random(seed,
                                engine::StreamKey{kind, static_cast<std::uint32_t>(trial), 0});
    covered += covers(random, trial) ? 1 : 0;
  }
  return static_cast<double>(covered) / trials;
}

} // namespace

TEST_CASE("Welch intervals cover the true difference at their nominal rate") {
  // 2000 synthetic experiments with unequal variances and sizes; a 95 % interval must cover
  // the truth (1.0) in 95 % of them: binomial sd 0.5 %, so [93.5 %, 96.5 %] is 3 sd.
  const double share = coverage(2000, 7, 1, [](engine::RandomStream& random, int) {
    const auto a = normal_sample(random, 8, 11.0, 1.0);
    const auto b = normal_sample(random, 12, 10.0, 3.0);
    const auto c = compare_independent(a, b, Expect::greater, 0.95, 1);
    return c.ci_low <= 1.0 && 1.0 <= c.ci_high;
  });
  CHECK(share > 0.935);
  CHECK(share < 0.965);
}

TEST_CASE("bootstrap intervals of paired differences cover near their nominal rate") {
  // Percentile bootstrap intervals run a little narrow in small samples; with 30 pairs the
  // coverage of a 90 % interval should be within a few points of 90 %.
  const double share = coverage(300, 8, 2, [](engine::RandomStream& random, int trial) {
    const auto a = normal_sample(random, 30, 0.5, 1.0);
    const std::vector<double> b(30, 0.0);
    const auto c = compare_paired(a, b, Expect::greater, 0.90, static_cast<std::uint64_t>(trial));
    return c.bootstrap_low <= 0.5 && 0.5 <= c.bootstrap_high;
  });
  CHECK(share > 0.83);
  CHECK(share < 0.95);
}

TEST_CASE("a test needs two runs per arm") {
  const std::vector<double> one = {1.0}, two = {1.0, 2.0};
  CHECK_THROWS_AS(welch_t(one, two), std::invalid_argument);
  CHECK_THROWS_AS(compare_paired(one, one, Expect::greater, 0.95, 1), std::invalid_argument);
}

TEST_CASE("a power-law fit recovers the exponent, and exponents are compared with their errors") {
  const std::vector<double> x = {10, 10, 100, 100, 1000, 1000};
  std::vector<double> y_steep, y_flat;
  const double wobble[] = {1.02, 0.98, 1.01, 0.99, 1.03, 0.97};
  for (std::size_t i = 0; i < x.size(); ++i) {
    y_steep.push_back(3.0 * std::pow(x[i], 0.8) * wobble[i]);
    y_flat.push_back(2.0 * std::pow(x[i], 0.1) * wobble[5 - i]);
  }
  const auto steep = fit_power_law(x, y_steep);
  const auto flat = fit_power_law(x, y_flat);
  CHECK(steep.slope == doctest::Approx(0.8).epsilon(0.02));
  CHECK(flat.slope == doctest::Approx(0.1).epsilon(0.1));
  CHECK(steep.df == 4.0);
  CHECK(steep.se > 0.0);
  const std::vector<PowerFit> fits = {steep, flat};
  const std::vector<double> signs = {1.0, -1.0};
  const auto c = compare_fits(fits, signs, Expect::greater, 0.95);
  CHECK(c.estimate == doctest::Approx(steep.slope - flat.slope));
  CHECK(c.p_value < 1e-4);
  CHECK(c.ci_low < c.estimate);
  CHECK(compare_fits(fits, signs, Expect::less, 0.95).p_value > 0.999);
  // An exact power law: no error, an exact interval.
  const std::vector<double> exact_y = {1, 1, 10, 10, 100, 100};
  CHECK(fit_power_law(x, exact_y).slope == doctest::Approx(1.0));
  CHECK(fit_power_law(x, exact_y).se == doctest::Approx(0.0));
  // Too few points, or one x only.
  CHECK_THROWS_AS(fit_power_law(std::vector<double>{1, 2}, std::vector<double>{1, 2}),
                  std::invalid_argument);
  CHECK_THROWS_AS(fit_power_law(std::vector<double>{5, 5, 5}, std::vector<double>{1, 2, 3}),
                  std::invalid_argument);
}

TEST_CASE("a statistic of paired rows gets a percentile bootstrap interval and p-value") {
  const std::vector<double> x = {1.2, 0.8, 1.1, 0.9, 1.3, 1.0, 0.7};
  const auto mean_of_rows = [&](std::span<const std::size_t> rows) {
    double sum = 0.0;
    for (auto r : rows) {
      sum += x[r];
    }
    return sum / double(rows.size());
  };
  const auto c = bootstrap_rows(x.size(), mean_of_rows, Expect::greater, 0.95, 7);
  CHECK(c.estimate == doctest::Approx(1.0));
  CHECK(c.n_a == 7);
  CHECK(c.bootstrapped);
  CHECK(c.ci_low < 1.0);
  CHECK(c.ci_high > 1.0);
  CHECK(c.ci_low > 0.8);
  CHECK(c.p_value < 0.001); // every resample is positive
  CHECK(bootstrap_rows(x.size(), mean_of_rows, Expect::less, 0.95, 7).p_value > 0.999);
  const auto zero = [](std::span<const std::size_t>) { return 0.0; };
  CHECK(bootstrap_rows(x.size(), zero, Expect::greater, 0.95, 7).p_value ==
        doctest::Approx(0.5).epsilon(0.01));
  CHECK_THROWS_AS(bootstrap_rows(4, zero, Expect::greater, 0.95, 7), std::invalid_argument);
}
