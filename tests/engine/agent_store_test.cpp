#include "plansim/engine/agent_store.hpp"
#include "plansim/engine/parallel.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace plansim::engine;

namespace {
struct Worker {
  int value = 0;
};
} // namespace

TEST_CASE("agents keep stable ids across deaths and births") {
  AgentStore<Worker> store;
  for (int i = 0; i < 5; ++i) {
    CHECK(store.add(Worker{i * 10}) == static_cast<AgentId>(i));
  }
  store.begin_staging(2);
  store.stage_death(1, 3);
  store.stage_death(0, 1);
  store.stage_birth(1, Worker{99});
  store.stage_birth(0, Worker{77});
  const auto born = store.commit();

  // Deaths keep the survivors' order; births come in chunk order with fresh ids.
  REQUIRE(store.size() == 5);
  CHECK(std::vector<AgentId>(store.ids().begin(), store.ids().end()) ==
        std::vector<AgentId>{0, 2, 4, 5, 6});
  CHECK(born == std::vector<AgentId>{5, 6});
  CHECK(store[3].value == 77);
  CHECK(store[4].value == 99);
  CHECK_FALSE(store.alive(1));
  CHECK_FALSE(store.alive(3));
  CHECK(store.index_of(4) == 2);
  CHECK(store[*store.index_of(2)].value == 20);
  CHECK_FALSE(store.index_of(100).has_value());
  CHECK(store.id_bound() == 7);
}

TEST_CASE("a death staged twice or for a dead agent is harmless") {
  AgentStore<Worker> store;
  store.add(Worker{1});
  store.add(Worker{2});
  store.begin_staging(1);
  store.stage_death(0, 0);
  store.stage_death(0, 0);
  store.commit();
  store.begin_staging(1);
  store.stage_death(0, 0);
  store.commit();
  CHECK(store.size() == 1);
  CHECK(store.id_at(0) == 1);
}

TEST_CASE("births and deaths from a parallel loop give the same store at any thread count") {
  const auto run = [](int threads) {
    ThreadLimit limit(threads);
    AgentStore<Worker> store;
    for (int i = 0; i < 10'000; ++i) {
      store.add(Worker{i});
    }
    const Chunking chunking(store.size(), 128);
    store.begin_staging(chunking.count());
    parallel_for_chunks(chunking, [&](const Chunk& chunk) {
      for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
        if (store[i].value % 7 == 0) {
          store.stage_death(chunk.index, store.id_at(i));
        }
        if (store[i].value % 5 == 0) {
          store.stage_birth(chunk.index, Worker{-store[i].value});
        }
      }
    });
    store.commit();
    std::vector<int> values;
    for (const auto& w : store.agents()) {
      values.push_back(w.value);
    }
    return values;
  };
  const auto one = run(1);
  CHECK(one.size() == 10'000 - 1'429 + 2'000);
  CHECK(run(4) == one);
}
