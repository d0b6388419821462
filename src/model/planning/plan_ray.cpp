// Kantorovich's plan ray (docs/ODD.md 7.4).

#include "plansim/model/planning/plan_ray.hpp"

namespace plansim::model {

PlanRay solve_plan_ray(const Goods& goods, std::span<const LpProducer> producers,
                       std::span<const double> final_demand, engine::LpSolver& solver) {
  engine::LinearProgram lp;
  lp.maximise = true;
  // Columns: one output per producer, then theta. Rows: one balance per good.
  for (const auto& p : producers) {
    lp.add_column(0.0, std::max(p.capacity, 0.0), 0.0);
  }
  const int theta = lp.add_column(0.0, engine::lp_infinity, 1.0);
  for (std::size_t g = 0; g < goods.count(); ++g) {
    const int row = lp.add_row(0.0, engine::lp_infinity);
    if (final_demand[g] != 0.0) {
      lp.add_entry(row, theta, -final_demand[g]);
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
  const auto solution = solver.solve(lp);
  PlanRay ray;
  ray.status = solution.status;
  ray.iterations = solution.iterations;
  ray.warm_started = solution.warm_started;
  if (solution.status != engine::LpStatus::optimal) {
    return ray;
  }
  ray.scale = solution.columns[static_cast<std::size_t>(theta)];
  ray.output.assign(solution.columns.begin(), solution.columns.begin() + theta);
  // A row's dual is theta gained per unit of slack given to it: the value of one more unit of
  // the good (rows are >= 0, so relaxing means lowering the lower bound: the sign flips).
  ray.shadow_price.resize(goods.count());
  for (std::size_t g = 0; g < goods.count(); ++g) {
    ray.shadow_price[g] = std::max(0.0, -solution.duals[g]);
  }
  return ray;
}

} // namespace plansim::model
