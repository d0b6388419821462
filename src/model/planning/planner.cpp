#include "plansim/model/planning/planner.hpp"

#include "plansim/model/planning/kantorovich.hpp"
#include "plansim/model/planning/market_planner.hpp"
#include "plansim/model/planning/material_balances.hpp"
#include "plansim/model/planning/political_quota.hpp"

#include <stdexcept>

namespace plansim::model {

std::unique_ptr<Planner> make_planner(PlanningMethod method) {
  switch (method) {
  case PlanningMethod::material_balances:
    return std::make_unique<MaterialBalances>();
  case PlanningMethod::market:
    return std::make_unique<MarketPlanner>();
  case PlanningMethod::kantorovich:
    return std::make_unique<Kantorovich>();
  case PlanningMethod::political:
    return std::make_unique<PoliticalQuota>();
  }
  throw std::invalid_argument("unknown planner.method");
}

} // namespace plansim::model
