// Choosing and swapping the planning method (planning/planner.cpp, economy.cpp).

#include "../tiny_runs.hpp"

#include "plansim/model/planning/planner.hpp"

#include <doctest/doctest.h>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

TEST_CASE("each method has its planner") {
  for (auto method : {PlanningMethod::material_balances, PlanningMethod::market,
                      PlanningMethod::kantorovich, PlanningMethod::political}) {
    CHECK(make_planner(method)->method() == method);
    // Every method but the market sets targets the ratchet raises.
    CHECK(make_planner(method)->ratchets_targets() == (method != PlanningMethod::market));
  }
}

TEST_CASE("a policy entry changing planner.method swaps the planner at its tick") {
  auto params = tiny_world(3, 1930);
  Economy economy(params);
  CHECK(economy.planner().method() == PlanningMethod::material_balances);
  economy.set_policy([](int tick, EconomyParams& p) {
    PolicyChanges changes;
    if (tick == 12) {
      p.planner.method = PlanningMethod::market;
      changes.parameter_changes.push_back("planner.method = market");
    }
    return changes;
  });
  for (int tick = 0; tick < 12; ++tick) {
    economy.pipeline().run_tick(tick);
  }
  CHECK(economy.planner().method() == PlanningMethod::material_balances);
  const auto prices_fixed = economy.recorder().history_of("price_index");
  economy.pipeline().run_tick(12);
  CHECK(economy.planner().method() == PlanningMethod::market);
  for (int tick = 13; tick < economy.calendar().tick_count(); ++tick) {
    economy.pipeline().run_tick(tick);
  }
  const auto prices = economy.recorder().history_of("price_index");
  for (double p : prices_fixed) {
    CHECK(p == 1.0); // prices never move under the plan
  }
  CHECK(prices.back() != 1.0); // and do once the market is in force
}
