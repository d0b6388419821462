#include "plansim/model/household.hpp"

#include <algorithm>

namespace plansim::model {

double monthly_budget(const Household& h, const HouseholdParams& params) {
  return (1.0 - params.saving_rate) * h.income + params.overhang_spending * h.forced_savings;
}

void settle_month(Household& h, const HouseholdParams& params) {
  const double unspent = std::max(0.0, h.budget - h.spent);
  h.forced_savings = std::max(0.0, (1.0 - params.overhang_spending) * h.forced_savings + unspent);
  h.money = std::max(0.0, h.money + h.income - h.spent);
  h.forced_savings = std::min(h.forced_savings, h.money);
}

void update_discontent(Household& h, const HouseholdParams& params, double norm_rise) {
  const double memory = params.expectation_memory;
  const double shortfall = h.expected_consumption > 0
                               ? std::clamp(1.0 - h.consumption / h.expected_consumption, 0.0, 1.0)
                               : 0.0;
  const double grievance = std::clamp(shortfall + std::max(0.0, norm_rise), 0.0, 1.0);
  h.discontent = memory * h.discontent + (1.0 - memory) * grievance;
  h.expected_consumption = memory * h.expected_consumption + (1.0 - memory) * h.consumption;
}

bool takes_job(double current, double offer, const HouseholdParams& params) {
  return offer > current * (1.0 + params.move_threshold);
}

} // namespace plansim::model
