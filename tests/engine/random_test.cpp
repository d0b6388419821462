#include "plansim/engine/parallel.hpp"
#include "plansim/engine/random.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <set>
#include <vector>

using plansim::engine::Chunking;
using plansim::engine::RandomStream;
using plansim::engine::StreamKey;
using plansim::engine::ThreadLimit;

namespace {

constexpr std::uint64_t seed = 20261122;

// Draws `n` values, one stream per (agent, tick) as models do, a few draws each.
template <class Draw>
std::vector<double> sample(std::size_t n, Draw draw) {
  std::vector<double> values;
  values.reserve(n);
  for (std::uint32_t agent = 0; values.size() < n; ++agent) {
    RandomStream random(seed, StreamKey{7, agent, 3});
    for (int k = 0; k < 8 && values.size() < n; ++k) {
      values.push_back(draw(random));
    }
  }
  return values;
}

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double central_moment(const std::vector<double>& v, int order) {
  const double m = mean_of(v);
  double total = 0.0;
  for (double x : v) {
    total += std::pow(x - m, order);
  }
  return total / static_cast<double>(v.size());
}

// Kolmogorov-Smirnov statistic against a continuous CDF.
template <class Cdf>
double ks_statistic(std::vector<double> v, Cdf cdf) {
  std::sort(v.begin(), v.end());
  const double n = static_cast<double>(v.size());
  double d = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double f = cdf(v[i]);
    d = std::max({d, (static_cast<double>(i) + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

} // namespace

TEST_CASE("a draw is a pure function of seed, kind, agent and tick") {
  RandomStream a(seed, StreamKey{1, 42, 7});
  RandomStream b(seed, StreamKey{1, 42, 7});
  for (int i = 0; i < 20; ++i) {
    CHECK(a.next_u32() == b.next_u32());
  }
  const auto first = [](std::uint64_t s, StreamKey key) { return RandomStream(s, key).next_u64(); };
  const auto base = first(seed, {1, 42, 7});
  CHECK(first(seed + 1, {1, 42, 7}) != base);
  CHECK(first(seed, {2, 42, 7}) != base);
  CHECK(first(seed, {1, 43, 7}) != base);
  CHECK(first(seed, {1, 42, 8}) != base);
  CHECK(first(seed, {plansim::engine::stream_kind(0, 1), 42, 7}) !=
        first(seed, {plansim::engine::stream_kind(0, 2), 42, 7}));
}

TEST_CASE("uniform draws lie in (0, 1) with the right moments and pass a KS test") {
  const auto u = sample(400'000, [](RandomStream& r) { return r.uniform(); });
  CHECK(*std::min_element(u.begin(), u.end()) > 0.0);
  CHECK(*std::max_element(u.begin(), u.end()) < 1.0);
  CHECK(mean_of(u) == doctest::Approx(0.5).epsilon(0.005));
  CHECK(central_moment(u, 2) == doctest::Approx(1.0 / 12).epsilon(0.01));
  // Critical value at the 1% level: 1.63 / sqrt(n).
  CHECK(ks_statistic(u, [](double x) { return x; }) < 1.63 / std::sqrt(400'000.0));
}

TEST_CASE("normal draws have mean 0, variance 1, no skew, kurtosis 3, and pass a KS test") {
  const auto z = sample(400'000, [](RandomStream& r) { return r.normal(); });
  CHECK(std::fabs(mean_of(z)) < 0.01);
  CHECK(central_moment(z, 2) == doctest::Approx(1.0).epsilon(0.01));
  CHECK(std::fabs(central_moment(z, 3)) < 0.02);
  CHECK(central_moment(z, 4) == doctest::Approx(3.0).epsilon(0.03));
  const auto normal_cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  CHECK(ks_statistic(z, normal_cdf) < 1.63 / std::sqrt(400'000.0));
}

TEST_CASE("normal_at and skip_normals give the numbers a stream drawing one by one gives") {
  for (const std::uint32_t skipped : {0u, 1u, 2u, 7u, 600u}) {
    RandomStream drawn(11, StreamKey{3, 5, 9});
    RandomStream jumped(11, StreamKey{3, 5, 9});
    std::vector<double> normals(skipped);
    for (auto& z : normals) {
      z = drawn.normal();
    }
    for (std::uint32_t i = 0; i < skipped; ++i) {
      CHECK(jumped.normal_at(i) == normals[i]);
    }
    jumped.skip_normals(skipped);
    CHECK(jumped.normal() == drawn.normal());
    CHECK(jumped.uniform() == drawn.uniform());
    CHECK(jumped.normal() == drawn.normal());
  }
  RandomStream used(11, StreamKey{3, 5, 9});
  used.uniform();
  CHECK_THROWS_AS(used.skip_normals(2), std::logic_error);
}

TEST_CASE("lognormal, exponential and Bernoulli draws have their textbook means") {
  const auto x = sample(200'000, [](RandomStream& r) { return r.lognormal(0.1, 0.4); });
  CHECK(mean_of(x) == doctest::Approx(std::exp(0.1 + 0.08)).epsilon(0.01));
  const auto f = sample(200'000, [](RandomStream& r) { return r.lognormal_factor(0.3); });
  CHECK(mean_of(f) == doctest::Approx(1.0).epsilon(0.01));
  const auto e = sample(200'000, [](RandomStream& r) { return r.exponential(2.0); });
  CHECK(mean_of(e) == doctest::Approx(0.5).epsilon(0.01));
  CHECK(central_moment(e, 2) == doctest::Approx(0.25).epsilon(0.03));
  const auto b = sample(200'000, [](RandomStream& r) { return r.bernoulli(0.3) ? 1.0 : 0.0; });
  CHECK(mean_of(b) == doctest::Approx(0.3).epsilon(0.01));
}

TEST_CASE("Poisson draws match mean and variance for small and large means") {
  for (double lambda : {0.5, 3.5, 9.9, 10.0, 50.0, 1000.0}) {
    CAPTURE(lambda);
    const auto k =
        sample(200'000, [&](RandomStream& r) { return static_cast<double>(r.poisson(lambda)); });
    CHECK(mean_of(k) == doctest::Approx(lambda).epsilon(0.01));
    CHECK(central_moment(k, 2) == doctest::Approx(lambda).epsilon(0.03));
  }
  RandomStream r(seed, StreamKey{});
  CHECK(r.poisson(0.0) == 0);
}

TEST_CASE("uniform integers pass a chi-square test") {
  constexpr std::uint32_t cells = 10;
  std::array<double, cells> counts{};
  const auto k = sample(100'000, [&](RandomStream& r) { return r.uniform_int(cells); });
  for (double v : k) {
    REQUIRE(v < cells);
    counts[static_cast<std::size_t>(v)] += 1;
  }
  double chi2 = 0.0;
  const double expected = 100'000.0 / cells;
  for (double c : counts) {
    chi2 += (c - expected) * (c - expected) / expected;
  }
  CHECK(chi2 < 21.67); // 1% critical value, 9 degrees of freedom
}

TEST_CASE("shuffle permutes and sample_indices picks sorted distinct indices uniformly") {
  RandomStream r(seed, StreamKey{3, 3, 3});
  std::vector<int> items(50);
  std::iota(items.begin(), items.end(), 0);
  r.shuffle(std::span(items));
  CHECK_FALSE(std::is_sorted(items.begin(), items.end()));
  std::sort(items.begin(), items.end());
  for (int i = 0; i < 50; ++i) {
    CHECK(items[i] == i);
  }

  std::vector<double> picked(20, 0.0);
  std::array<std::uint32_t, 5> chosen{};
  for (std::uint32_t trial = 0; trial < 20'000; ++trial) {
    RandomStream s(seed, StreamKey{4, trial, 0});
    s.sample_indices(20, chosen);
    REQUIRE(std::adjacent_find(chosen.begin(), chosen.end(), std::greater_equal<>()) ==
            chosen.end());
    for (auto index : chosen) {
      picked[index] += 1;
    }
  }
  for (double count : picked) {
    CHECK(count == doctest::Approx(20'000 * 5 / 20.0).epsilon(0.05));
  }
}

TEST_CASE("draws do not depend on which thread computes them") {
  const auto draw_all = [](int threads) {
    ThreadLimit limit(threads);
    std::vector<double> values(50'000);
    const Chunking chunking(values.size(), 97);
    plansim::engine::parallel_for_chunks(chunking, [&](const plansim::engine::Chunk& chunk) {
      for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
        RandomStream r(seed, StreamKey{9, static_cast<std::uint32_t>(i), 11});
        values[i] = r.normal() + static_cast<double>(r.poisson(30.0)) + r.uniform();
      }
    });
    return values;
  };
  const auto one = draw_all(1);
  CHECK(draw_all(2) == one);
  CHECK(draw_all(4) == one);
}
