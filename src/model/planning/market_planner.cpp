// The market method (docs/ODD.md 7.4 and 7.5).

#include "plansim/model/planning/market_planner.hpp"

#include <algorithm>

namespace plansim::model {

namespace {
constexpr double labour_cost_share = 0.5; // labour cost per unit at base prices (assumption)
} // namespace

// Without this, managers would go on meeting (and falsifying against) the last plan's targets.
void MarketPlanner::plan(World& world, int) {
  world.plan.investment_programme = 0.0; // no programme: investment is a share of output
  world.plan.enterprise_output.clear();
  for (auto& firm : world.enterprises) {
    firm.target = 0.0;
  }
  for (std::size_t level = 0; level + 1 < level_count; ++level) {
    auto& targets = world.hierarchy.targets(level);
    std::fill(targets.begin(), targets.end(), 0.0);
  }
}

bool MarketPlanner::reports_due(const engine::Calendar& calendar, int tick) const {
  return calendar.date_of(tick).month == 12;
}

OutputDecision MarketPlanner::decide_output(const Enterprise& firm,
                                            std::span<const InputUse> inputs, const World& world,
                                            engine::RandomStream& random) const {
  const auto& price = world.flows.price;
  double input_cost = 0.0;
  for (const auto& use : inputs) {
    input_cost += use.coefficient * price[use.input];
  }
  const double chosen = choose_market_output(firm, price[firm.good], input_cost, labour_cost_share,
                                             world.params.enterprises);
  random.uniform(); // keep the stream's use the same under every method
  return OutputDecision{chosen, chosen, false};
}

double MarketPlanner::investment_order(const World& world, std::size_t, double supply,
                                       const OutputTotals& totals) const {
  return totals.heavy > 0
             ? world.params.planner.accumulation_share * totals.all * supply / totals.heavy
             : 0.0;
}

void MarketPlanner::share_out(World& world, GoodDelivery& d, double) const {
  auto& enterprises = world.enterprises;
  const double ratio = d.give_share(d.requested + d.military + d.investment + d.consumers);
  for (const auto& [e, i] : d.requests) {
    enterprises[e].received[i] = enterprises[e].requested[i] * ratio;
  }
  d.military_delivered = d.military * ratio;
  d.investment_delivered = d.investment * ratio;
  d.consumer_delivered = d.consumers * ratio;
  auto& flows = world.flows;
  const double excess = (flows.demand[d.good] - d.supply) / std::max(d.supply, 1e-9);
  flows.price[d.good] =
      std::clamp(flows.price[d.good] *
                     (1.0 + world.params.planner.price_adjustment * std::clamp(excess, -1.0, 1.0)),
                 0.1, 10.0);
}

} // namespace plansim::model
