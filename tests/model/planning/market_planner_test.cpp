// The market method (planning/market_planner.cpp): one delivery class, prices that move with
// excess demand, output by margins and expected sales.

#include "../planning_world.hpp"

#include "plansim/model/initialisation.hpp"
#include "plansim/model/planning/market_planner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {
const auto& seeds = planning_seeds;
} // namespace

TEST_CASE("under the market every user gets the same share, and the price follows excess "
          "demand") {
  const MarketPlanner planner;
  auto world = initialise(tiny_world(11, 1928)).world;
  world.params.planner.price_adjustment = 0.1;
  const std::size_t good = world.goods.range(Sector::military).first;
  GoodDelivery d;
  d.good = good;
  d.sector = Sector::military;
  d.supply = d.remaining = 6.0;
  d.military = 6.0;
  d.investment = 2.0;
  d.consumers = 4.0;
  world.flows.demand[good] = 12.0; // twice the supply
  planner.share_out(world, d, 1.0);
  CHECK(d.military_delivered == doctest::Approx(3.0));
  CHECK(d.investment_delivered == doctest::Approx(1.0));
  CHECK(d.consumer_delivered == doctest::Approx(2.0));
  CHECK(d.remaining == doctest::Approx(0.0));
  CHECK(world.flows.price[good] == doctest::Approx(1.1)); // excess 1 (capped at 1) times 0.1
  // Excess supply lowers the price, never below 0.1.
  world.flows.price[good] = 0.105;
  world.flows.demand[good] = 0.0;
  GoodDelivery glut = d;
  glut.remaining = glut.supply;
  planner.share_out(world, glut, 1.0);
  CHECK(world.flows.price[good] == doctest::Approx(0.1));
}

TEST_CASE("prices move only under the market method") {
  const auto method = [](PlanningMethod m) {
    return [=](EconomyParams& p) { p.planner.method = m; };
  };
  CHECK(mean_of(method(PlanningMethod::material_balances), "price_index") == 1.0);
  CHECK(std::abs(mean_of(method(PlanningMethod::market), "price_index") - 1.0) > 0.005);
}

TEST_CASE("market firms keep the output stock they aim at; planned enterprises ignore it") {
  const auto world = [](PlanningMethod method, double months) {
    return [=](EconomyParams& p) {
      p.planner.method = method;
      p.enterprises.output_stock_months = months;
    };
  };
  // Margins and capacity bind first, so the stocks stay well below the aim; but a firm that
  // wants no stock sells what it has.
  const double wanted = mean_of(world(PlanningMethod::market, 6.0), "output_stock_ratio");
  const double none = mean_of(world(PlanningMethod::market, 0.0), "output_stock_ratio");
  CHECK(wanted > 0.02);
  CHECK(none < wanted / 10.0);
  // The plan counts what was made, not what was sold: the market's parameter changes nothing.
  CHECK(mean_of(world(PlanningMethod::material_balances, 6.0), "output_true") ==
        mean_of(world(PlanningMethod::material_balances, 0.0), "output_true"));
}

TEST_CASE("under the market nobody has a target, so nobody falsifies or earns a plan bonus") {
  for (auto seed : seeds) {
    auto params = planning_world(seed);
    params.planner.method = PlanningMethod::market;
    Economy economy(params);
    economy.run();
    for (const auto& firm : economy.enterprises()) {
      CHECK(firm.target == 0.0);
    }
    for (const char* series : {"falsified_share", "manager_bonus", "plan_fulfilment_100_105"}) {
      const auto values = economy.recorder().history_of(series);
      CHECK(*std::max_element(values.begin(), values.end()) == 0.0);
    }
  }
}

TEST_CASE("capacity idle for want of buyers is not hidden capacity") {
  const auto method = [](PlanningMethod m) {
    return [=](EconomyParams& p) {
      p.planner.method = m;
      p.enterprises.ratchet = 0.9; // under the plan, managers hide
    };
  };
  CHECK(mean_of(method(PlanningMethod::market), "hidden_capacity_share") == 0.0);
  CHECK(mean_of(method(PlanningMethod::material_balances), "hidden_capacity_share") > 0.05);
}
