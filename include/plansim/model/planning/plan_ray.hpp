#pragma once

// Kantorovich's plan ray as a linear programme (docs/ODD.md 7.4): the largest multiple of a
// final-demand vector that producers of known capacity and material use can deliver, given the
// input-output coefficients; the duals are the goods' shadow prices ("objectively determined
// valuations").

#include "plansim/engine/linear_program.hpp"
#include "plansim/model/goods.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace plansim::model {

/// A producer as the planner sees it: its good, its capacity (monthly) and its inputs per unit
/// relative to the good's coefficients.
struct LpProducer {
  std::uint32_t good = 0;
  double capacity = 0.0;
  double material_use = 1.0;
};

/// The optimal plan: scale theta of the final-demand vector, each producer's output, each
/// good's shadow price (theta gained per extra unit of the good, 0 for a good in surplus).
struct PlanRay {
  engine::LpStatus status = engine::LpStatus::failed;
  double scale = 0.0;
  std::vector<double> output;       ///< by producer
  std::vector<double> shadow_price; ///< by good
  std::vector<double> surplus_use;  ///< by good: what goes beyond the ray to the free use
  int iterations = 0;
  bool warm_started = false;
};

/// Maximises theta subject to, for every good g: sum of its producers' output - sum over users
/// of coefficient x material_use x output >= theta d_g (+ s_g), and 0 <= output <= capacity.
/// Goods with d_g = 0 may still be in short supply as inputs. Then, with theta held at its
/// optimum, it puts the capacity the ray leaves idle to work for the goods `free_use` marks:
/// maximises the sum of their surplus s_g >= 0 (investment takes what is left). The shadow
/// prices are the ray's. `ray_solver` and `surplus_solver` keep their own bases.
PlanRay solve_plan_ray(const Goods& goods, std::span<const LpProducer> producers,
                       std::span<const double> final_demand, const std::vector<bool>& free_use,
                       engine::LpSolver& ray_solver, engine::LpSolver& surplus_solver);

} // namespace plansim::model
