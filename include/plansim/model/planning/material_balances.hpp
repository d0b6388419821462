#pragma once

// Gosplan's method of material balances (docs/ODD.md 7.4): targets a tautness above reported
// capacity, a few rounds of balancing the largest goods, deliveries by priority class.
//
// Reads: the capacities the ministries have reported (the hierarchy's known reports); the
// input-output matrix; planner.* and enterprises.* parameters.
// Changes: the plan (world.plan); targets sent down the directive channel; at delivery, each
// enterprise's received inputs and the good's demand (investment hunger).

#include "plansim/model/planning/planner.hpp"

namespace plansim::model {

class MaterialBalances : public Planner {
public:
  PlanningMethod method() const override { return PlanningMethod::material_balances; }
  bool ratchets_targets() const override { return true; }
  /// Under a plan enterprises report every month.
  bool reports_due(const engine::Calendar&, int) const override { return true; }
  void plan(World& world, int tick) override;
  /// Capacity, or just above the target when the manager hides capacity from the ratchet;
  /// inputs are ordered for the target.
  OutputDecision decide_output(const Enterprise& firm, std::span<const InputUse> inputs,
                               const World& world, engine::RandomStream& random) const override;
  /// The plan's investment in the good.
  double investment_order(const World& world, std::size_t good, double supply,
                          const OutputTotals& totals) const override;
  /// The military first, then every enterprise's need for next month, then buffer stocks,
  /// then investment, then the shops; within a class in proportion to what was asked; then
  /// construction's hunger for investment goods nobody took.
  void share_out(World& world, GoodDelivery& delivery, double stop_go_factor) const override;
  /// The wage fund grows with the plan's consumer goods (within 0.8-1.25 a year).
  double consumer_goods_growth(double planned, double planned_before) const override;

protected:
  /// Shares the good among its users' needs for next month (writing `received`): in
  /// proportion to what each needs.
  virtual void share_needs(World& world, GoodDelivery& delivery) const;
};

} // namespace plansim::model
