// The world at the start (initialisation.cpp).

#include "tiny_runs.hpp"

#include "plansim/model/initialisation.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

TEST_CASE("economies differing only in their accumulation share start from the same state") {
  const auto first_capital = [](const Change& change) {
    auto params = tiny_world(11, 1928);
    params.end = {1928, 1};
    change(params);
    return run_series(params, {}, "capital_stock").front();
  };
  const auto investing = [](double share) {
    return [=](EconomyParams& p) { p.planner.accumulation_share = share; };
  };
  const auto having_invested = [](double share) {
    return [=](EconomyParams& p) { p.planner.initial_accumulation_share = share; };
  };
  CHECK(first_capital(investing(0.15)) == first_capital(investing(0.35)));
  CHECK(first_capital(having_invested(0.35)) > first_capital(having_invested(0.15)) * 1.2);
}

TEST_CASE("the first year is balanced: capacity 5 % above the plan, known to the planner") {
  const auto initial = initialise(tiny_world(7, 1928));
  const auto& world = initial.world;
  const auto& known = world.hierarchy.known(ministry_level);
  for (std::size_t g = 0; g < world.goods.count(); ++g) {
    double capacity = 0.0, targets = 0.0;
    world.for_each_producer(g, g + 1, [&](const Enterprise& firm) {
      capacity += firm.capacity;
      targets += firm.target;
    });
    CHECK(capacity == doctest::Approx(1.05 * world.plan.output[g]));
    CHECK(targets == doctest::Approx(world.plan.output[g]));
  }
  double believed = 0.0, truth = 0.0;
  for (std::size_t m = 0; m < known.size(); ++m) {
    believed += known[m].capacity;
  }
  for (const auto& firm : world.enterprises) {
    truth += firm.capacity;
  }
  CHECK(believed == doctest::Approx(truth));
  CHECK(initial.start.unskilled_wage > 0.0);
  CHECK(initial.start.artel_tax >= 0.0);
  CHECK(initial.start.artel_tax <= 0.95);
}

TEST_CASE("a world the model cannot build is refused") {
  auto params = tiny_world(1, 1928);
  params.enterprises.count = 5; // fewer than the 12 goods
  CHECK_THROWS_AS(initialise(params), std::invalid_argument);
  params = tiny_world(1, 1928);
  params.goods.inputs_per_good = static_cast<int>(max_inputs) + 1;
  CHECK_THROWS_AS(initialise(params), std::invalid_argument);
}

TEST_CASE("an economy runs on a given input-output matrix") {
  auto params = tiny_world(1, 1931);
  // Goods 0-1 military, 2-4 heavy, 5-8 materials, 9-11 consumer in the tiny world.
  params.goods.matrix = {{0, 2, 0.2}, {9, 5, 0.3}, {10, 6, 0.3}, {11, 7, 0.3}, {2, 8, 0.1}};
  Economy economy(params);
  CHECK(economy.goods().inputs(9)[0].input == 5);
  CHECK(economy.goods().inputs(3).empty());
  economy.run();
  CHECK(economy.recorder().history_of("output_true").back() > 0.0);
}
