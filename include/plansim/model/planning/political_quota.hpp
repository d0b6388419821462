#pragma once

// Political allocation (seed 001, the official's side of the Kantorovich dialogue): material
// balances draw up the plan, but a scarce input is shared among its users by equal quotas, not
// by what each needs or what it would make of it.
//
// Reads and changes what MaterialBalances does.

#include "plansim/model/planning/material_balances.hpp"

namespace plansim::model {

class PoliticalQuota final : public MaterialBalances {
public:
  PlanningMethod method() const override { return PlanningMethod::political; }

protected:
  /// Every user gets the same quantity, or its whole need when that is less (water-filling).
  void share_needs(World& world, GoodDelivery& delivery) const override;
};

} // namespace plansim::model
