#include "plansim/sweep/collect.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace plansim;
using namespace plansim::sweep;

namespace {

// Monthly ticks from January 1939: a year at `before`, then the given values from 1940-01.
struct Series {
  std::vector<double> years, values;
};

Series shock(double before, const std::vector<double>& after) {
  Series s;
  for (int m = 0; m < 12; ++m) {
    s.years.push_back(1939.0 + m / 12.0);
    s.values.push_back(before);
  }
  for (std::size_t m = 0; m < after.size(); ++m) {
    s.years.push_back(1940.0 + static_cast<double>(m) / 12.0);
    s.values.push_back(after[m]);
  }
  return s;
}

MetricSpec halving_over(int from_year, int to_year) {
  MetricSpec metric;
  metric.series = "shortage_consumer";
  metric.statistic = "halving";
  metric.from = engine::YearMonth{from_year, 1};
  metric.to = engine::YearMonth{to_year, 12};
  return metric;
}

} // namespace

TEST_CASE("halving counts the months until a shock has faded halfway back to its old level") {
  // From 0.1 the series jumps to 0.5 and falls by 0.05 a month: halfway (0.3) after 4 months.
  const auto s = shock(0.1, {0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.1, 0.1, 0.1});
  CHECK(halving_months(s.values, 1, 0, s.years, halving_over(1940, 1940)) == doctest::Approx(4.0));
  // A slower fade takes longer; one that never gets halfway gets the window's length plus one.
  const auto slow =
      shock(0.1, {0.5, 0.48, 0.46, 0.44, 0.42, 0.4, 0.38, 0.36, 0.34, 0.32, 0.3, 0.3});
  CHECK(halving_months(slow.values, 1, 0, slow.years, halving_over(1940, 1940)) ==
        doctest::Approx(10.0));
  const auto stuck = shock(0.1, std::vector<double>(12, 0.5));
  CHECK(halving_months(stuck.values, 1, 0, stuck.years, halving_over(1940, 1940)) ==
        doctest::Approx(12.0));
  // No rise above the level before the window: nothing to fade.
  const auto calm = shock(0.1, std::vector<double>(12, 0.05));
  CHECK(halving_months(calm.values, 1, 0, calm.years, halving_over(1940, 1940)) == 0.0);
}

TEST_CASE("halving reads one column of a grouped series and needs a window with a year before") {
  const auto s = shock(0.1, {0.5, 0.45, 0.4, 0.35, 0.3, 0.25});
  std::vector<double> grouped; // column 0 constant, column 1 the shock
  for (double v : s.values) {
    grouped.push_back(0.2);
    grouped.push_back(v);
  }
  CHECK(halving_months(grouped, 2, 1, s.years, halving_over(1940, 1940)) == doctest::Approx(4.0));
  CHECK(halving_months(grouped, 2, 0, s.years, halving_over(1940, 1940)) == 0.0);
  MetricSpec no_window = halving_over(1940, 1940);
  no_window.from.reset();
  no_window.to.reset();
  CHECK_THROWS_AS(halving_months(s.values, 1, 0, s.years, no_window), std::invalid_argument);
  CHECK_THROWS_AS(halving_months(s.values, 1, 0, s.years, halving_over(1939, 1940)),
                  std::invalid_argument); // no year before 1939 in this series
}

TEST_CASE("halving refuses values that do not cover the time axis") {
  const auto s = shock(0.1, {0.5, 0.45, 0.4, 0.35, 0.3, 0.25});
  const std::vector<double> shorter(s.values.begin(), s.values.end() - 3);
  CHECK_THROWS_AS(halving_months(shorter, 1, 0, s.years, halving_over(1940, 1940)),
                  std::invalid_argument);
  CHECK_THROWS_AS(halving_months(s.values, 1, 1, s.years, halving_over(1940, 1940)),
                  std::invalid_argument); // no column 1 in a series of one
}

TEST_CASE("window statistics: spread, quantiles and trend as numpy computes them") {
  const std::vector<double> values = {4.0, 1.0, 3.0, 2.0, 10.0};
  const std::vector<double> when = {1950.0, 1951.0, 1952.0, 1953.0, 1954.0};
  const auto statistic = [&](const char* name) {
    MetricSpec metric;
    metric.series = "output_true";
    metric.statistic = name;
    return window_statistic(values, when, metric);
  };
  CHECK(statistic("mean") == doctest::Approx(4.0));
  CHECK(statistic("final") == 10.0);
  CHECK(statistic("min") == 1.0);
  CHECK(statistic("max") == 10.0);
  CHECK(statistic("sd") == doctest::Approx(std::sqrt(12.5))); // numpy.std(ddof=1)
  CHECK(statistic("median") == 3.0);
  CHECK(statistic("p25") == doctest::Approx(2.0)); // numpy.percentile(x, 25)
  CHECK(statistic("p90") == doctest::Approx(7.6)); // 4 + 0.6 * (10 - 4)
  CHECK(statistic("p1") == doctest::Approx(1.04));
  CHECK(statistic("trend") == doctest::Approx(1.3)); // numpy.polyfit(t, x, 1)[0]
  CHECK(statistic("growth") == doctest::Approx(std::pow(2.5, 0.25) - 1.0));
  MetricSpec sd;
  sd.statistic = "sd";
  CHECK_THROWS_AS(window_statistic({1.0}, {1950.0}, sd), std::invalid_argument);
  sd.statistic = "trend";
  CHECK_THROWS_AS(window_statistic({1.0}, {1950.0}, sd), std::invalid_argument);
}

TEST_CASE("growth_sd and cycle_years read the growth of the annual means") {
  // Two months a year; annual means 10, 11, 9.9, 11.88, 11.88: growth +10 %, -10 %, +20 %, 0.
  const std::vector<double> values = {9.0, 11.0, 11.0, 11.0, 9.9, 9.9, 11.0, 12.76, 11.88, 11.88};
  std::vector<double> when;
  for (int year = 1950; year < 1955; ++year) {
    when.push_back(year);
    when.push_back(year + 0.5);
  }
  MetricSpec metric;
  metric.series = "investment";
  metric.statistic = "growth_sd";
  const std::vector<double> growth = {0.1, -0.1, 0.2, 0.0};
  const double mean = 0.05;
  double squares = 0.0;
  for (double g : growth) {
    squares += (g - mean) * (g - mean);
  }
  CHECK(window_statistic(values, when, metric) == doctest::Approx(std::sqrt(squares / 3.0)));
  // Steady growth is even: no spread.
  const std::vector<double> steady = {1.0, 1.0, 1.1, 1.1, 1.21, 1.21, 1.331, 1.331};
  const std::vector<double> steady_when(when.begin(), when.begin() + 8);
  CHECK(window_statistic(steady, steady_when, metric) == doctest::Approx(0.0));

  // One peak (the +20 % year) in four growth rates: no complete cycle, the span of four years.
  metric.statistic = "cycle_years";
  CHECK(window_statistic(values, when, metric) == 4.0);
  // Growth alternating up and down: a peak every second year.
  std::vector<double> zigzag, zigzag_when;
  double level = 1.0;
  for (int year = 0; year < 9; ++year) {
    level *= year % 2 == 0 ? 1.2 : 0.9;
    zigzag.push_back(level);
    zigzag_when.push_back(1950 + year);
  }
  CHECK(window_statistic(zigzag, zigzag_when, metric) == doctest::Approx(2.0));
  CHECK_THROWS_AS(window_statistic({1.0, 1.0}, {1950.0, 1951.0}, metric), std::invalid_argument);
  metric.statistic = "growth_sd";
  CHECK_THROWS_AS(window_statistic({1.0, 0.0, 1.0}, {1950.0, 1951.0, 1952.0}, metric),
                  std::invalid_argument);
}

TEST_CASE("slowdown: growth over the first half of the window's years less that over the second") {
  // Annual means 100, 110, 121 (+10 %) then 130, 132.6, 135.252 (+2 %): a slowdown of 0.08.
  const std::vector<double> means = {100.0, 110.0, 121.0, 130.0, 132.6, 135.252};
  std::vector<double> values, when;
  for (std::size_t y = 0; y < means.size(); ++y) {
    for (int month = 0; month < 12; ++month) {
      values.push_back(means[y] + (month - 5.5)); // months average to the year's mean
      when.push_back(1950.0 + double(y) + month / 12.0);
    }
  }
  MetricSpec metric;
  metric.series = "output_true";
  metric.statistic = "slowdown";
  CHECK(window_statistic(values, when, metric) == doctest::Approx(0.08));
  // Steady growth has none.
  const std::vector<double> steady = {1.0, 2.0, 4.0, 8.0};
  const std::vector<double> steady_when = {1950.0, 1951.0, 1952.0, 1953.0};
  CHECK(window_statistic(steady, steady_when, metric) == doctest::Approx(0.0));
  CHECK_THROWS_AS(window_statistic({1.0, 2.0, 3.0}, {1950.0, 1951.0, 1952.0}, metric),
                  std::invalid_argument);
}

TEST_CASE("recovery counts the months until the year's mean is back at its level before") {
  MetricSpec over = halving_over(1940, 1941);
  over.statistic = "recovery";
  // From 100 the series falls to 60 for six months, then is back at 100: the twelve-month
  // mean regains 100 once the six bad months have left it, in month 17 of the window.
  std::vector<double> back(24, 100.0), overshoot(24, 140.0);
  for (std::size_t m = 0; m < 6; ++m) {
    back[m] = overshoot[m] = 60.0;
  }
  const auto s = shock(100.0, back);
  CHECK(recovery_months(s.values, 1, 0, s.years, over) == doctest::Approx(17.0));
  // Growing past it after the fall makes up for the lost months sooner: the mean of the
  // twelve months to month 11 (six at 60, six at 140) is 100 again.
  const auto fast = shock(100.0, overshoot);
  CHECK(recovery_months(fast.values, 1, 0, fast.years, over) == doctest::Approx(11.0));
  // Never back: the window's length plus one; never fell: 0.
  const auto stuck = shock(100.0, std::vector<double>(24, 90.0));
  CHECK(recovery_months(stuck.values, 1, 0, stuck.years, over) == doctest::Approx(24.0));
  const auto calm = shock(100.0, std::vector<double>(24, 110.0));
  CHECK(recovery_months(calm.values, 1, 0, calm.years, over) == 0.0);
  over.from.reset();
  over.to.reset();
  CHECK_THROWS_AS(recovery_months(s.values, 1, 0, s.years, over), std::invalid_argument);
}
