#pragma once

// The market method (docs/ODD.md 7.4): no output targets; enterprises choose output by
// margins and expected sales, prices move with excess demand, the planner only sets the
// investment share.
//
// Reads: prices and demand (world.flows); planner.accumulation_share and price_adjustment.
// Changes: prices; enterprises' targets (none); at delivery, each enterprise's received inputs.

#include "plansim/model/planning/planner.hpp"

namespace plansim::model {

class MarketPlanner final : public Planner {
public:
  PlanningMethod method() const override { return PlanningMethod::market; }
  bool ratchets_targets() const override { return false; }
  /// Enterprises report once a year, in December (statistics).
  bool reports_due(const engine::Calendar& calendar, int tick) const override;
  /// No plan: no output targets (those of an earlier plan are withdrawn), no directives.
  void plan(World& world, int tick) override;
  /// Output by margins at current prices and by what the firm expects to sell; inputs are
  /// ordered for that output.
  OutputDecision decide_output(const Enterprise& firm, std::span<const InputUse> inputs,
                               const World& world, engine::RandomStream& random) const override;
  /// planner.accumulation_share of all output, spread over heavy goods by their supply.
  double investment_order(const World& world, std::size_t good, double supply,
                          const OutputTotals& totals) const override;
  /// One class: every user gets the same share of its order; the price moves by
  /// planner.price_adjustment times excess demand (within 0.1-10).
  void share_out(World& world, GoodDelivery& delivery, double stop_go_factor) const override;
  /// The wage fund does not count on planned growth.
  double consumer_goods_growth(double, double) const override { return 1.0; }
};

} // namespace plansim::model
