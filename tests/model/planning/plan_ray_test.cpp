// Kantorovich's plan ray on the numbers of the dialogue in seed 001 (two mills, two bolt
// plants).

#include "plansim/model/planning/plan_ray.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace plansim;
using namespace plansim::model;

namespace {

// Four goods, one per sector: 0 military, 1 heavy, 2 materials (flour, steel), 3 consumer
// (bread, bolts); good 3 needs half a unit of good 2 per unit at the norm.
Goods four_goods() {
  GoodsParams params;
  params.count = 4;
  params.sector_shares = {0.25, 0.25, 0.25, 0.25};
  return Goods::from_matrix(params, {{3, 2, 0.5}});
}

// Final demand for good 3 only.
const std::vector<double> bread_only = {0.0, 0.0, 0.0, 1.0};

} // namespace

TEST_CASE("flour goes to the mill that turns each ton into 3 % more bread") {
  const auto goods = four_goods();
  // 100 t of flour; Mill No. 3 at the norm, Mill No. 5 3 % more output per ton; 150 each.
  const std::vector<LpProducer> producers = {
      {2, 100.0, 1.0}, {3, 150.0, 1.0}, {3, 150.0, 1.0 / 1.03}};
  engine::LpSolver solver, surplus;
  const auto ray = solve_plan_ray(goods, producers, bread_only, {}, solver, surplus);
  REQUIRE(ray.status == engine::LpStatus::optimal);
  // By hand: Mill 5 runs at capacity (150 loaves need 150 x 0.5 / 1.03 = 72.82 t), Mill 3 gets
  // the other 27.18 t: 54.37 loaves.
  const double mill5_flour = 150.0 * 0.5 / 1.03;
  const double mill3 = (100.0 - mill5_flour) / 0.5;
  CHECK(ray.output[2] == doctest::Approx(150.0));
  CHECK(ray.output[1] == doctest::Approx(mill3));
  CHECK(ray.scale == doctest::Approx(150.0 + mill3));
  // Equal quotas (50 t each): 100 + 103 loaves; the optimum gains the rest.
  const double equal = 50.0 / 0.5 + 50.0 / (0.5 / 1.03);
  CHECK(ray.scale - equal == doctest::Approx(150.0 + mill3 - equal));
  CHECK(ray.scale > equal);
  // The shadow price of flour: one more ton makes 2 loaves (at Mill 3, the marginal mill).
  CHECK(ray.shadow_price[2] == doctest::Approx(2.0));
  CHECK(ray.shadow_price[3] == doctest::Approx(1.0));
}

TEST_CASE("steel goes to the bolt plant with 2 % material loss before the one with 6 %") {
  const auto goods = four_goods();
  // Factory 47 loses 6 % of its steel, Factory 92 2 %; steel for 100 units at the norm.
  const std::vector<LpProducer> producers = {{2, 50.0, 1.0}, {3, 60.0, 1.06}, {3, 60.0, 1.02}};
  engine::LpSolver solver, surplus;
  const auto ray = solve_plan_ray(goods, producers, bread_only, {}, solver, surplus);
  REQUIRE(ray.status == engine::LpStatus::optimal);
  const double steel_92 = 60.0 * 0.5 * 1.02;
  const double bolts_47 = (50.0 - steel_92) / (0.5 * 1.06);
  CHECK(ray.output[2] == doctest::Approx(60.0));
  CHECK(ray.output[1] == doctest::Approx(bolts_47));
  const double equal = 25.0 / (0.5 * 1.06) + 25.0 / (0.5 * 1.02);
  CHECK(ray.scale > equal);
  CHECK(ray.scale == doctest::Approx(60.0 + bolts_47));
}

TEST_CASE("a resource in surplus has shadow price 0") {
  const auto goods = four_goods();
  // Far more flour than the mills can use: the mills' capacity binds, flour is free.
  const std::vector<LpProducer> producers = {{2, 1000.0, 1.0}, {3, 100.0, 1.0}, {1, 50.0, 1.0}};
  engine::LpSolver solver, surplus;
  const auto ray = solve_plan_ray(goods, producers, bread_only, {}, solver, surplus);
  REQUIRE(ray.status == engine::LpStatus::optimal);
  CHECK(ray.scale == doctest::Approx(100.0));
  CHECK(ray.shadow_price[2] == doctest::Approx(0.0));
  CHECK(ray.shadow_price[1] == doctest::Approx(0.0)); // heavy goods nobody needs
}

TEST_CASE("a plan ray with no final demand is unbounded, and says so") {
  const auto goods = four_goods();
  const std::vector<LpProducer> producers = {{2, 10.0, 1.0}, {3, 10.0, 1.0}};
  const std::vector<double> nothing(4, 0.0);
  engine::LpSolver solver, surplus;
  CHECK(solve_plan_ray(goods, producers, nothing, {}, solver, surplus).status ==
        engine::LpStatus::unbounded);
}

TEST_CASE("capacity the ray leaves idle goes to the free use, the ray kept") {
  const auto goods = four_goods();
  // Bread is capped by the mill; the heavy plant's capacity has no use in the ray.
  const std::vector<LpProducer> producers = {{2, 100.0, 1.0}, {3, 100.0, 1.0}, {1, 40.0, 1.0}};
  std::vector<bool> free_use(4, false);
  free_use[1] = true;
  engine::LpSolver solver, surplus;
  const auto ray = solve_plan_ray(goods, producers, bread_only, free_use, solver, surplus);
  REQUIRE(ray.status == engine::LpStatus::optimal);
  CHECK(ray.scale == doctest::Approx(100.0));
  CHECK(ray.output[0] >= 50.0 - 1e-6); // at least the flour the bread needs
  CHECK(ray.output[2] == doctest::Approx(40.0));               // the heavy plant at capacity
  CHECK(ray.surplus_use[1] == doctest::Approx(40.0));
  CHECK(ray.surplus_use[3] == 0.0);
}
