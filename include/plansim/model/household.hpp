#pragma once

#include "plansim/engine/agent_store.hpp"
#include "plansim/model/params.hpp"

#include <algorithm>
#include <cstdint>

namespace plansim::model {

/// Where a worker works.
enum class Workplace : std::uint8_t { state, artel };

/// A worker and the household living on the pay (docs/ODD.md 7.6).
struct Household {
  std::uint16_t region = 0; ///< scale.regions is at most 1,000
  bool skilled = false;
  Workplace workplace = Workplace::state;
  std::uint32_t employer = 0; ///< enterprise index (state) or artel id (artel)

  double income = 0.0;         ///< last month's pay
  double money = 0.0;          ///< cash held, savings included
  double forced_savings = 0.0; ///< the part of money left over because shops were empty
  double budget = 0.0;         ///< what the household means to spend this month
  double spent = 0.0;          ///< what it spent this month
  double consumption = 0.0;    ///< goods bought this month, in base units
  double expected_consumption = 0.0;
  double discontent = 0.0; ///< 0..1
  double effort = 1.0;     ///< work effort this month (1: the customary effort)
};
// Every month's passes over millions of households move whole records: keep them to 80 bytes.
static_assert(sizeof(Household) == 80);

/// Effective labour a worker brings at customary effort: skilled workers count skill_weight
/// times.
inline double labour_of(const Household& h, const HouseholdParams& params) {
  return h.skilled ? params.skill_weight : 1.0;
}

/// A state worker's pay: the unskilled state wage, times households.skill_premium if skilled.
inline double state_pay(const Household& h, double unskilled_wage, const HouseholdParams& params) {
  return unskilled_wage * (h.skilled ? params.skill_premium : 1.0);
}

/// What the household means to spend this month: its income less what it saves by choice,
/// plus a share of the savings it was forced to keep when shops were empty.
inline double monthly_budget(const Household& h, const HouseholdParams& params) {
  return (1.0 - params.saving_rate) * h.income + params.overhang_spending * h.forced_savings;
}

/// Books a month of shopping: money left over from the budget becomes forced saving, part of
/// last month's forced saving was spent again; cash rises by income less spending.
inline void settle_month(Household& h, const HouseholdParams& params) {
  const double unspent = std::max(0.0, h.budget - h.spent);
  h.forced_savings = std::max(0.0, (1.0 - params.overhang_spending) * h.forced_savings + unspent);
  h.money = std::max(0.0, h.money + h.income - h.spent);
  h.forced_savings = std::min(h.forced_savings, h.money);
}

/// Discontent rises when consumption falls short of what the household has come to expect
/// and when work norms rise above the norm it is used to; it fades otherwise.
inline void update_discontent(Household& h, const HouseholdParams& params, double norm_rise) {
  const double memory = params.expectation_memory;
  const double shortfall = h.expected_consumption > 0
                               ? std::clamp(1.0 - h.consumption / h.expected_consumption, 0.0, 1.0)
                               : 0.0;
  const double grievance = std::clamp(shortfall + std::max(0.0, norm_rise), 0.0, 1.0);
  h.discontent = memory * h.discontent + (1.0 - memory) * grievance;
  h.expected_consumption = memory * h.expected_consumption + (1.0 - memory) * h.consumption;
}

/// Whether a worker who looks around takes a job paying `offer` instead of `current`.
inline bool takes_job(double current, double offer, const HouseholdParams& params) {
  return offer > current * (1.0 + params.move_threshold);
}

} // namespace plansim::model
