#include "plansim/engine/parallel.hpp"
#include "plansim/engine/random.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

using namespace plansim::engine;

TEST_CASE("chunking splits items into fixed chunks independent of threads") {
  const Chunking chunking(10, 4);
  CHECK(chunking.count() == 3);
  CHECK(chunking.chunk(0).begin == 0);
  CHECK(chunking.chunk(0).end == 4);
  CHECK(chunking.chunk(2).begin == 8);
  CHECK(chunking.chunk(2).end == 10);
  CHECK(Chunking(0, 4).count() == 0);
  CHECK(Chunking(5, 0).grain() == 1);
}

TEST_CASE("parallel_for_chunks visits every item exactly once") {
  ThreadLimit limit(4);
  std::vector<std::atomic<int>> visits(10'007);
  parallel_for_chunks(Chunking(visits.size(), 64), [&](const Chunk& chunk) {
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      visits[i].fetch_add(1);
    }
  });
  for (const auto& v : visits) {
    REQUIRE(v.load() == 1);
  }
}

TEST_CASE("deterministic sums are bitwise identical at 1, 2, 3 and 8 threads") {
  // Values spanning many magnitudes make floating-point addition order visible.
  std::vector<double> values(200'003);
  for (std::size_t i = 0; i < values.size(); ++i) {
    RandomStream r(5, StreamKey{0, static_cast<std::uint32_t>(i), 0});
    values[i] = r.normal() * std::pow(10.0, r.uniform(-8.0, 8.0));
  }
  const auto sum_at = [&](int threads) {
    ThreadLimit limit(threads);
    return deterministic_sum(
        values.size(), [&](std::size_t i) { return values[i]; }, 1000);
  };
  const double one = sum_at(1);
  for (int threads : {2, 3, 8}) {
    CAPTURE(threads);
    const double many = sum_at(threads);
    CHECK(std::memcmp(&one, &many, sizeof one) == 0);
  }
  // The generic form with a user-defined, order-sensitive combination (a running hash of the
  // partial sums) gives the same bits too: the tree's shape does not depend on the threads.
  const auto hash_at = [&](int threads) {
    ThreadLimit limit(threads);
    return deterministic_reduce(
        values.size(), 512, 0.0, [&](std::size_t i) { return values[i]; },
        [](double a, double b) { return a * 1.000001 + b; });
  };
  const double first = hash_at(1);
  for (int threads : {2, 3, 8}) {
    const double again = hash_at(threads);
    CHECK(std::memcmp(&first, &again, sizeof first) == 0);
  }
}

TEST_CASE("ThreadLimit caps the parallelism for its lifetime") {
  {
    ThreadLimit limit(1);
    CHECK(ThreadLimit::active() == 1);
  }
  CHECK(ThreadLimit::active() == static_cast<int>(std::thread::hardware_concurrency()));
}
