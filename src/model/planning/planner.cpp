#include "plansim/model/planning/planner.hpp"

#include "plansim/model/planning/market_planner.hpp"
#include "plansim/model/planning/material_balances.hpp"

#include <stdexcept>

namespace plansim::model {

std::unique_ptr<Planner> make_planner(PlanningMethod method) {
  switch (method) {
  case PlanningMethod::material_balances:
    return std::make_unique<MaterialBalances>();
  case PlanningMethod::market:
    return std::make_unique<MarketPlanner>();
  case PlanningMethod::kantorovich:
    break;
  }
  throw std::invalid_argument("planner.method: kantorovich is not available yet");
}

} // namespace plansim::model
