#include "plansim/sweep/design.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace plansim;
using namespace plansim::sweep;

namespace {

Axis values_axis(std::string path, std::vector<std::string> values) {
  Axis axis;
  axis.path = std::move(path);
  axis.type = io::ParamType::real;
  axis.values = std::move(values);
  return axis;
}

Axis range_axis(std::string path, double low, double high, int samples, bool log = false,
                io::ParamType type = io::ParamType::real) {
  Axis axis;
  axis.path = std::move(path);
  axis.type = type;
  axis.low = low;
  axis.high = high;
  axis.samples = samples;
  axis.log = log;
  return axis;
}

double number(const RunPoint& point, std::size_t axis) {
  return std::strtod(point.values[axis].second.c_str(), nullptr);
}

} // namespace

TEST_CASE("a grid is the product of the axes, the last changing fastest, replicates together") {
  SweepSpec spec;
  spec.axes = {values_axis("a", {"1", "2"}), range_axis("b", 0.0, 1.0, 3)};
  spec.replicates = 2;
  CHECK(sample_count(spec) == 6);
  CHECK(run_count(spec) == 12);
  std::vector<std::string> order;
  for (std::size_t i = 0; i < run_count(spec); i += 2) {
    const auto p = run_point(spec, i);
    order.push_back(p.values[0].second + "/" + p.values[1].second);
    CHECK(run_point(spec, i + 1).sample == p.sample);
    CHECK(run_point(spec, i + 1).replicate == 1);
  }
  CHECK(order == std::vector<std::string>{"1/0", "1/0.5", "1/1", "2/0", "2/0.5", "2/1"});
  CHECK_THROWS_AS(run_point(spec, 12), std::out_of_range);
}

TEST_CASE("ranges: evenly spaced, log-spaced, integers rounded") {
  SweepSpec spec;
  spec.axes = {range_axis("x", 1.0, 100.0, 3, true)};
  CHECK(run_point(spec, 1).values[0].second == "10");
  spec.axes = {range_axis("n", 0, 10, 4, false, io::ParamType::integer)};
  std::vector<std::string> values;
  for (std::size_t i = 0; i < 4; ++i) {
    values.push_back(run_point(spec, i).values[0].second);
  }
  CHECK(values == std::vector<std::string>{"0", "3", "7", "10"});
}

TEST_CASE("a list design zips the axes") {
  SweepSpec spec;
  spec.design = Design::list;
  spec.axes = {values_axis("a", {"1", "2", "3"}), values_axis("b", {"x", "y", "z"})};
  CHECK(run_count(spec) == 3);
  CHECK(run_point(spec, 2).values[1].second == "z");
  CHECK(run_point(spec, 2).values[0].second == "3");
}

TEST_CASE("run points and seeds are a pure function of the index") {
  SweepSpec spec;
  spec.design = Design::random;
  spec.samples = 50;
  spec.replicates = 3;
  spec.seed = 99;
  spec.axes = {range_axis("a", -1.0, 1.0, 0), range_axis("b", 10, 20, 0)};
  std::set<std::uint64_t> seeds;
  for (std::size_t i = run_count(spec); i-- > 0;) {
    const auto p = run_point(spec, i);
    const auto again = run_point(spec, i);
    CHECK(p.values == again.values);
    CHECK(p.seed == again.seed);
    CHECK(p.seed < 9'000'000'000'000'000'000ULL);
    seeds.insert(p.seed);
    CHECK(number(p, 0) >= -1.0);
    CHECK(number(p, 0) <= 1.0);
    CHECK(number(p, 1) >= 10.0);
  }
  CHECK(seeds.size() == run_count(spec)); // every run has its own seed
  // Replicates share the point but not the seed.
  CHECK(run_point(spec, 3).values == run_point(spec, 4).values);
  SweepSpec other = spec;
  other.seed = 100;
  CHECK(run_point(other, 0).values != run_point(spec, 0).values);
}

TEST_CASE("paired sweeps give the points of a group the same seeds, replicate by replicate") {
  SweepSpec spec;
  spec.design = Design::list;
  spec.axes = {values_axis("a", {"1", "2", "3", "4"})};
  spec.replicates = 3;
  spec.seed = 5;
  spec.paired = 2; // points 0,1 and 2,3
  const auto seed = [&](std::size_t sample, int replicate) {
    return run_point(spec, sample * 3 + static_cast<std::size_t>(replicate)).seed;
  };
  for (int r = 0; r < 3; ++r) {
    CHECK(seed(0, r) == seed(1, r));
    CHECK(seed(2, r) == seed(3, r));
    CHECK(seed(0, r) != seed(2, r));
  }
  CHECK(seed(0, 0) != seed(0, 1));
  SweepSpec unpaired = spec;
  unpaired.paired = 0;
  CHECK(run_point(unpaired, 0).seed != run_point(unpaired, 3).seed);
}

// Pinned values: a run index must name the same parameters and seed in every version of
// plansim, or a sweep resumed or collected by a newer binary would mix two designs.
TEST_CASE("run points and seeds are the same in every version") {
  SweepSpec spec;
  spec.samples = 8;
  spec.replicates = 2;
  spec.seed = 99;
  spec.axes = {range_axis("a", -1.0, 1.0, 0), range_axis("b", 10, 20, 0)};
  const auto point = [&](Design design) {
    spec.design = design;
    const auto p = run_point(spec, 5); // sample 2, replicate 1
    CHECK(p.seed == 1386597956829100399ULL);
    return std::make_pair(p.values[0].second, p.values[1].second);
  };
  CHECK(point(Design::random) ==
        std::make_pair(std::string("0.7848243899146876"), std::string("15.272297693662146")));
  CHECK(point(Design::lhs) ==
        std::make_pair(std::string("-0.04911423179849084"), std::string("16.793039558070106")));
  CHECK(point(Design::sobol) == std::make_pair(std::string("-0.25"), std::string("13.75")));
}

TEST_CASE("a Latin hypercube puts exactly one sample in each stratum of each axis") {
  SweepSpec spec;
  spec.design = Design::lhs;
  spec.samples = 40;
  spec.seed = 5;
  spec.axes = {range_axis("a", 0, 1, 0), range_axis("b", 0, 1, 0), range_axis("c", 0, 1, 0)};
  for (std::size_t axis = 0; axis < 3; ++axis) {
    std::vector<int> hits(40, 0);
    for (std::size_t s = 0; s < 40; ++s) {
      const auto u = unit_point(spec, s);
      ++hits[static_cast<std::size_t>(u[axis] * 40)];
    }
    CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
}

TEST_CASE("a run list gives every design's runs as run_point does, one by one") {
  for (const Design design : {Design::grid, Design::list, Design::random, Design::lhs,
                              Design::sobol, Design::saltelli, Design::morris}) {
    CAPTURE(to_string(design));
    SweepSpec spec;
    spec.design = design;
    spec.samples = 30;
    spec.replicates = 2;
    spec.seed = 17;
    spec.axes = {range_axis("a", 0, 1, 5), range_axis("b", 1, 100, 5, true)};
    const RunList runs(spec);
    REQUIRE(runs.size() == run_count(spec));
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto listed = runs.at(i);
      const auto alone = run_point(spec, i);
      CHECK(listed.values == alone.values);
      CHECK(listed.seed == alone.seed);
      CHECK(listed.replicate == alone.replicate);
    }
    CHECK_THROWS_AS(runs.at(runs.size()), std::out_of_range);
  }
}

TEST_CASE("Sobol points cover the square more evenly than random ones") {
  const auto unevenness = [](Design design) {
    SweepSpec spec;
    spec.design = design;
    spec.samples = 256;
    spec.seed = 3;
    spec.axes = {range_axis("a", 0, 1, 0), range_axis("b", 0, 1, 0)};
    std::vector<int> cells(16 * 16, 0);
    for (std::size_t s = 0; s < 256; ++s) {
      const auto u = unit_point(spec, s);
      ++cells[static_cast<std::size_t>(u[0] * 16) * 16 + static_cast<std::size_t>(u[1] * 16)];
    }
    double squares = 0.0; // expected one point per cell
    for (int c : cells) {
      squares += (c - 1.0) * (c - 1.0);
    }
    return squares;
  };
  CHECK(unevenness(Design::sobol) < 0.5 * unevenness(Design::random));
}

TEST_CASE("a Saltelli block is A, B, then A with one column from B for each axis") {
  SweepSpec spec;
  spec.design = Design::saltelli;
  spec.samples = 16;
  spec.axes = {range_axis("a", 0, 1, 0), range_axis("b", 0, 1, 0), range_axis("c", 0, 1, 0)};
  REQUIRE(sample_count(spec) == 16 * 5);
  const RunList runs(spec);
  int differ = 0; // A and B are the halves of a Sobol point of 6 dimensions: rarely equal
  for (std::size_t k = 0; k < 16; ++k) {
    const auto a = runs.unit_point(k * 5), b = runs.unit_point(k * 5 + 1);
    for (std::size_t j = 0; j < 3; ++j) {
      differ += a[j] != b[j];
      CHECK(a[j] >= 0.0);
      CHECK(b[j] < 1.0);
    }
    for (std::size_t i = 0; i < 3; ++i) {
      const auto ab = runs.unit_point(k * 5 + 2 + i);
      for (std::size_t j = 0; j < 3; ++j) {
        CHECK(ab[j] == (j == i ? b[j] : a[j]));
      }
    }
  }
  CHECK(differ >= 40);
}

TEST_CASE("a Morris trajectory moves each axis once by half the levels, staying on the grid") {
  for (const int levels : {2, 4, 6}) {
    CAPTURE(levels);
    SweepSpec spec;
    spec.design = Design::morris;
    spec.samples = 50;
    spec.levels = levels;
    spec.seed = 11;
    spec.axes = {range_axis("a", 0, 1, 0), range_axis("b", 0, 1, 0), range_axis("c", 0, 1, 0)};
    REQUIRE(sample_count(spec) == 50 * 4);
    const double step = levels / (2.0 * (levels - 1));
    std::set<double> starts;
    for (std::size_t t = 0; t < 50; ++t) {
      std::set<std::size_t> moved;
      auto before = unit_point(spec, t * 4);
      starts.insert(before[0]);
      for (std::size_t k = 1; k < 4; ++k) {
        const auto after = unit_point(spec, t * 4 + k);
        for (std::size_t j = 0; j < 3; ++j) {
          CHECK(after[j] >= 0.0);
          CHECK(after[j] <= 1.0);
          const double level = after[j] * (levels - 1);
          CHECK(level == std::round(level));
          if (after[j] != before[j]) {
            moved.insert(j);
            CHECK(std::abs(std::abs(after[j] - before[j]) - step) < 1e-12);
          }
        }
        before = after;
      }
      CHECK(moved.size() == 3);
    }
    CHECK(starts.size() == static_cast<std::size_t>(levels)); // every level is a start
  }
}

TEST_CASE("shards partition the runs exactly") {
  for (std::size_t shards : {1u, 3u, 7u}) {
    std::vector<int> seen(50, 0);
    for (std::size_t shard = 0; shard < shards; ++shard) {
      for (auto i : shard_indices(50, shard, shards)) {
        ++seen[i];
      }
    }
    CHECK(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
  }
  CHECK(shard_indices(5, 4, 8) == std::vector<std::size_t>{4});
  CHECK(shard_indices(5, 6, 8).empty());
}
