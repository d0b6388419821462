// Kantorovich's plan ray (docs/ODD.md 7.4).

#include "plansim/model/planning/plan_ray.hpp"

#include <algorithm>

namespace plansim::model {

namespace {

// The balances of the plan ray: columns are the producers' outputs, theta, then (with `free`)
// one surplus per good marked free; rows are the goods.
struct Layout {
  engine::LinearProgram lp;
  int theta = 0;
  std::vector<int> surplus; ///< by good, -1 where none
};

Layout build(const Goods& goods, std::span<const LpProducer> producers,
             std::span<const double> final_demand, const std::vector<bool>& free) {
  Layout layout;
  auto& lp = layout.lp;
  lp.maximise = true;
  for (const auto& p : producers) {
    lp.add_column(0.0, std::max(p.capacity, 0.0), 0.0);
  }
  layout.theta = lp.add_column(0.0, engine::lp_infinity, 1.0);
  layout.surplus.assign(goods.count(), -1);
  for (std::size_t g = 0; g < goods.count(); ++g) {
    const int row = lp.add_row(0.0, engine::lp_infinity);
    if (final_demand[g] != 0.0) {
      lp.add_entry(row, layout.theta, -final_demand[g]);
    }
    if (!free.empty() && free[g]) {
      layout.surplus[g] = lp.add_column(0.0, engine::lp_infinity, 0.0);
      lp.add_entry(row, layout.surplus[g], -1.0);
    }
  }
  for (std::size_t e = 0; e < producers.size(); ++e) {
    const auto& p = producers[e];
    const int column = static_cast<int>(e);
    lp.add_entry(static_cast<int>(p.good), column, 1.0);
    for (const auto& use : goods.inputs(p.good)) {
      lp.add_entry(static_cast<int>(use.input), column, -use.coefficient * p.material_use);
    }
  }
  return layout;
}

} // namespace

PlanRay solve_plan_ray(const Goods& goods, std::span<const LpProducer> producers,
                       std::span<const double> final_demand, const std::vector<bool>& free_use,
                       engine::LpSolver& ray_solver, engine::LpSolver& surplus_solver) {
  auto layout = build(goods, producers, final_demand, {});
  const auto solution = ray_solver.solve(layout.lp);
  PlanRay ray;
  ray.status = solution.status;
  ray.iterations = solution.iterations;
  ray.warm_started = solution.warm_started;
  if (solution.status != engine::LpStatus::optimal) {
    return ray;
  }
  ray.scale = solution.columns[static_cast<std::size_t>(layout.theta)];
  ray.output.assign(solution.columns.begin(), solution.columns.begin() + layout.theta);
  // A row's dual is theta gained per unit of slack given to it: the value of one more unit of
  // the good (rows are >= 0, so relaxing means lowering the lower bound: the sign flips).
  ray.shadow_price.resize(goods.count());
  for (std::size_t g = 0; g < goods.count(); ++g) {
    ray.shadow_price[g] = std::max(0.0, -solution.duals[g]);
  }
  ray.surplus_use.assign(goods.count(), 0.0);
  if (std::none_of(free_use.begin(), free_use.end(), [](bool f) { return f; })) {
    return ray;
  }
  // The second stage: theta kept (to within a hair, for the solver's tolerance), the idle
  // capacity put to the free use.
  auto second = build(goods, producers, final_demand, free_use);
  second.lp.objective[static_cast<std::size_t>(second.theta)] = 0.0;
  second.lp.column_lower[static_cast<std::size_t>(second.theta)] = ray.scale * (1.0 - 1e-9);
  for (std::size_t g = 0; g < goods.count(); ++g) {
    if (second.surplus[g] >= 0) {
      second.lp.objective[static_cast<std::size_t>(second.surplus[g])] = 1.0;
    }
  }
  const auto more = surplus_solver.solve(second.lp);
  if (more.status != engine::LpStatus::optimal) {
    return ray; // the ray alone stands
  }
  ray.output.assign(more.columns.begin(), more.columns.begin() + second.theta);
  for (std::size_t g = 0; g < goods.count(); ++g) {
    if (second.surplus[g] >= 0) {
      ray.surplus_use[g] = more.columns[static_cast<std::size_t>(second.surplus[g])];
    }
  }
  return ray;
}

} // namespace plansim::model
