#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sensitivity.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

using namespace plansim;
using namespace plansim::sweep;

namespace {

// Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3.
double ishigami(const std::vector<double>& x) {
  constexpr double a = 7.0, b = 0.1;
  return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) +
         b * std::pow(x[2], 4) * std::sin(x[0]);
}

SweepSpec ishigami_design(Design design, int samples) {
  SweepSpec spec;
  spec.design = design;
  spec.samples = samples;
  spec.seed = 7;
  for (const char* name : {"x1", "x2", "x3"}) {
    Axis axis;
    axis.path = name;
    axis.low = -std::numbers::pi;
    axis.high = std::numbers::pi;
    spec.axes.push_back(axis);
  }
  return spec;
}

// The model's figure at every run of the design, from the values the runs would be given.
std::vector<double> evaluate(const SweepSpec& spec, double (*model)(const std::vector<double>&)) {
  const RunList runs(spec);
  std::vector<double> y;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::vector<double> x;
    for (const auto& [path, value] : runs.at(i).values) {
      x.push_back(std::stod(value));
    }
    y.push_back(model(x));
  }
  return y;
}

std::vector<double> unit_points(const SweepSpec& spec) {
  const RunList runs(spec);
  std::vector<double> u;
  for (std::size_t s = 0; s < runs.size(); ++s) {
    const auto point = runs.unit_point(s);
    u.insert(u.end(), point.begin(), point.end());
  }
  return u;
}

} // namespace

TEST_CASE("Sobol indices of the Ishigami function match the analytic ones") {
  const auto spec = ishigami_design(Design::saltelli, 4096);
  const auto indices = sobol_indices(evaluate(spec, ishigami), 3, 1);
  REQUIRE(indices.base_points == 4096);
  // Analytic values for a = 7, b = 0.1 (Homma and Saltelli 1996).
  const double first[] = {0.3139, 0.4424, 0.0}, total[] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(std::abs(indices.first_order[i].estimate - first[i]) < 0.03);
    CHECK(std::abs(indices.total[i].estimate - total[i]) < 0.03);
    for (const auto& interval : {indices.first_order[i], indices.total[i]}) {
      CHECK(interval.low <= interval.estimate);
      CHECK(interval.estimate <= interval.high);
      CHECK(interval.high - interval.low < 0.15);
      CHECK(interval.high > interval.low);
    }
  }
  CHECK(std::abs(indices.variance - 13.845) < 0.5); // a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2
}

TEST_CASE("Sobol intervals narrow with more base points") {
  const auto width = [](int samples) {
    const auto spec = ishigami_design(Design::saltelli, samples);
    const auto t = sobol_indices(evaluate(spec, ishigami), 3, 1).total[0];
    return t.high - t.low;
  };
  CHECK(width(4096) < 0.6 * width(512));
}

TEST_CASE("Sobol indices refuse broken blocks and a constant output") {
  CHECK_THROWS_AS(sobol_indices(std::vector<double>(11, 1.0), 3, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_indices(std::vector<double>(5, 1.0), 3, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_indices(std::vector<double>(50, 2.0), 3, 1), std::invalid_argument);
}

namespace {
double linear(const std::vector<double>& x) { // slopes 3, -2, 0 per unit of x
  return 3.0 * x[0] - 2.0 * x[1] + 0.0 * x[2];
}
} // namespace

TEST_CASE("Morris effects of a linear function are its slopes, with no spread") {
  auto spec = ishigami_design(Design::morris, 40);
  for (auto& axis : spec.axes) {
    axis.low = 0.0;
    axis.high = 1.0;
  }
  const auto effects = morris_effects(unit_points(spec), evaluate(spec, linear), 3, 1);
  REQUIRE(effects.trajectories == 40);
  const double slopes[] = {3.0, -2.0, 0.0};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(effects.mu[i] == doctest::Approx(slopes[i]).epsilon(1e-9));
    CHECK(effects.mu_star[i].estimate == doctest::Approx(std::abs(slopes[i])).epsilon(1e-9));
    CHECK(effects.sigma[i] < 1e-9);
  }
}

TEST_CASE("Morris effects of the Ishigami function show x3 acting only through x1") {
  const auto spec = ishigami_design(Design::morris, 200);
  const auto effects = morris_effects(unit_points(spec), evaluate(spec, ishigami), 3, 1);
  // x3 enters as x3^4 sin x1: its effect changes sign with x1, so its mean is near zero while
  // its mean absolute effect and spread are large.
  CHECK(effects.mu_star[2].estimate > 5.0);
  CHECK(std::abs(effects.mu[2]) < 0.3 * effects.mu_star[2].estimate);
  CHECK(effects.sigma[2] > effects.mu_star[2].estimate);
  // x1 acts alone as well: its mean effect is clearly positive.
  CHECK(effects.mu[0] > 0.3 * effects.mu_star[0].estimate);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(effects.mu_star[i].low <= effects.mu_star[i].estimate);
    CHECK(effects.mu_star[i].estimate <= effects.mu_star[i].high);
  }
}

TEST_CASE("Morris effects refuse points that are not trajectories") {
  const std::vector<double> y(8, 1.0);
  std::vector<double> u(8 * 3, 0.0); // nothing moves
  CHECK_THROWS_AS(morris_effects(u, y, 3, 1), std::invalid_argument);
}
