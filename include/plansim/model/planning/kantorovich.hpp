#pragma once

// Kantorovich's optimal plan (docs/ODD.md 7.4; seed 001, the Kantorovich dialogue): each
// January a linear programme over what the planner believes (capacities as reported, each
// plant's material use) finds the largest multiple of the planned final uses the economy can
// deliver (plan_ray.hpp); bureaus split targets by the optimal plan's outputs, and at delivery
// a scarce input goes first to the users whose output per unit of it is worth most at the
// shadow prices.
//
// Reads: the capacities the glavks know of their enterprises, scaled to the totals the planner
// believes of each good; material use; the plan's consumer demand; planner.accumulation_share
// and military_demand.
// Changes: the plan (world.plan, with each enterprise's optimal output and the shadow prices);
// targets sent down; at delivery, each enterprise's received inputs.

#include "plansim/engine/linear_program.hpp"
#include "plansim/model/planning/material_balances.hpp"

#include <vector>

namespace plansim::model {

class Kantorovich final : public MaterialBalances {
public:
  PlanningMethod method() const override { return PlanningMethod::kantorovich; }
  /// Solves the plan ray; throws std::runtime_error naming the round when the programme has no
  /// optimum.
  void plan(World& world, int tick) override;

protected:
  /// Needs are filled in order of the value, at the shadow prices, of what a unit of the input
  /// makes in each user's hands; the last user served gets what is left.
  void share_needs(World& world, GoodDelivery& delivery) const override;

private:
  engine::LpSolver ray_solver_, surplus_solver_; ///< keep last year's bases
  std::vector<double> value_per_input_;          ///< by enterprise: shadow price / material use
};

} // namespace plansim::model
