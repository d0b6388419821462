#include "plansim/engine/parallel.hpp"
#include "plansim/engine/synthetic_workload.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <vector>

using namespace plansim::engine;

namespace {

SyntheticParams small_world(std::uint64_t seed) {
  SyntheticParams params;
  params.seed = seed;
  params.cells = 6'000;
  params.hubs = 16;
  params.ticks = 18;
  params.hub_capacity = 300.0; // a backlog forms, exercising queueing delay
  params.death_rate = 0.01;
  params.birth_rate = 0.012;
  params.grain = 200;
  return params;
}

std::vector<double> run_flat(const SyntheticParams& params, int threads) {
  ThreadLimit limit(threads);
  SyntheticWorkload workload(params);
  workload.run();
  std::vector<double> flat;
  for (const auto& frame : workload.recorder().history()) {
    flat.insert(flat.end(), frame.values.begin(), frame.values.end());
  }
  return flat;
}

bool bitwise_equal(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

} // namespace

TEST_CASE("a whole simulation records bitwise-identical series at 1, 2 and 4 threads") {
  const auto params = small_world(11);
  const auto one = run_flat(params, 1);
  REQUIRE(one.size() == 18 * 8);
  CHECK(bitwise_equal(run_flat(params, 2), one));
  CHECK(bitwise_equal(run_flat(params, 4), one));
}

TEST_CASE("another seed gives another history") {
  CHECK_FALSE(bitwise_equal(run_flat(small_world(11), 2), run_flat(small_world(12), 2)));
}

TEST_CASE("the synthetic world really has births, deaths and a backlog") {
  SyntheticWorkload workload(small_world(11));
  workload.run();
  const auto population = workload.recorder().history_of("population");
  const auto backlog = workload.recorder().history_of("backlog");
  CHECK(population.front() != population.back());
  CHECK(*std::max_element(backlog.begin(), backlog.end()) > 0.0);
}
