// Construction, new capital and the stop-go rule (docs/ODD.md 7.8).

#include "plansim/model/investment.hpp"

#include "plansim/model/founding.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace plansim::model {

Investment::Investment(World& world)
    : world_(world),
      construction_(static_cast<std::size_t>(std::max(world.params.planner.construction_lag, 1)),
                    0.0) {}

// What the leadership sees of the people's mood: the households' mean discontent (computed
// only when it listens).
double Investment::mean_discontent() const {
  const auto& households = world_.households.agents();
  if (world_.params.planner.discontent_response <= 0.0 || households.empty()) {
    return 0.0;
  }
  double total = 0.0;
  for (const auto& household : households) {
    total += household.discontent;
  }
  return total / double(households.size());
}

// The planner's split of new capital over sectors: planner.investment_split, the military's
// share raised by military pressure, the consumer sector's by the leadership's response to
// discontent, and each sector's share lowered where its goods pile up
// unsold (capacity the plan cannot use is not expanded) and raised where they are short:
// multiplied by called / capital, its capital weighted by max(0, 1 + b * excess demand) for
// goods in excess supply and 1 + k * excess demand (counted up to 1) for goods in excess
// demand, over all its capital (b = planner.investment_from_surplus, k =
// planner.investment_to_short_sectors). If every sector piles up, the split stands.
std::array<double, sector_count>
Investment::placed_split(const std::array<double, sector_count>& capital,
                         const std::array<double, sector_count>& called) const {
  const auto& pp = world_.params.planner;
  std::array<double, sector_count> split = pp.investment_split;
  split[static_cast<std::size_t>(Sector::military)] *= 1.0 + 4.0 * pp.military_pressure;
  split[static_cast<std::size_t>(Sector::consumer)] *= consumer_weight_;
  // Feldman's rule: an accumulation programme heavy industry cannot supply is met by building
  // more heavy industry.
  const auto& plan = world_.plan;
  const double fitted = std::accumulate(plan.investment.begin(), plan.investment.end(), 0.0);
  if (pp.capital_goods_priority > 0 && fitted > 0 && plan.investment_programme > fitted) {
    split[static_cast<std::size_t>(Sector::heavy)] *=
        std::pow(plan.investment_programme / fitted, pp.capital_goods_priority);
  }
  auto placed = split;
  for (std::size_t s = 0; s < sector_count; ++s) {
    placed[s] *= capital[s] > 0 ? called[s] / capital[s] : 1.0;
  }
  return std::accumulate(placed.begin(), placed.end(), 0.0) > 0 ? placed : split;
}

// Investment goods delivered this month start construction; what was started
// construction_lag months ago is finished and added to the capital of each sector by the
// investment split (military pressure shifts it towards the military), within a sector in
// proportion to capital weighted towards goods in short supply. Capital depreciates. The stop-go
// rule cuts investment for a year when tension (unmet input requests plus unfinished construction)
// passes its threshold.
void Investment::invest(int tick) {
  const auto& pp = world_.params.planner;
  if (world_.calendar.starts_year(tick)) {
    consumer_weight_ = 1.0 + pp.discontent_response * mean_discontent();
  }
  const std::size_t lag = construction_.size();
  const double started = std::accumulate(world_.flows.investment_delivered.begin(),
                                         world_.flows.investment_delivered.end(), 0.0);
  const double finished = construction_[static_cast<std::size_t>(tick) % lag];
  construction_[static_cast<std::size_t>(tick) % lag] = started;

  // Within a sector, new capacity goes where goods are short: capital weighted up by the excess
  // demand the supply system saw for each enterprise's good.
  const auto weight_of = [&](const Enterprise& firm) {
    const double shortage = std::clamp(world_.flows.excess_demand(firm.good), 0.0, 1.0);
    return firm.capital * (1.0 + pp.investment_to_bottlenecks * shortage);
  };
  // Across sectors, the plan calls for more capacity where goods are short and less where they
  // pile up unsold.
  const auto called_for = [&](const Enterprise& firm) {
    const double excess = std::clamp(world_.flows.excess_demand(firm.good), -1.0, 1.0);
    const double surplus = std::min(excess, 0.0), shortage = std::max(excess, 0.0);
    return firm.capital * std::max(0.0, 1.0 + pp.investment_from_surplus * surplus +
                                            pp.investment_to_short_sectors * shortage);
  };
  // One pass for each sector's capital, the capital the plan calls for (for the split) and its
  // weight (within the sector).
  std::array<double, sector_count> sector_capital{}, sector_called{}, sector_weight{};
  for (const auto& firm : world_.enterprises) {
    const auto s = static_cast<std::size_t>(world_.goods.sector(firm.good));
    sector_capital[s] += firm.capital;
    sector_called[s] += called_for(firm);
    sector_weight[s] += weight_of(firm);
  }
  const std::array<double, sector_count> split = placed_split(sector_capital, sector_called);
  const double split_total = std::accumulate(split.begin(), split.end(), 0.0);
  const double keep = 1.0 - world_.params.enterprises.depreciation;
  for (auto& firm : world_.enterprises) {
    const auto s = static_cast<std::size_t>(world_.goods.sector(firm.good));
    double added = sector_weight[s] > 0
                       ? finished * split[s] / split_total * weight_of(firm) / sector_weight[s]
                       : 0.0;
    if (pp.plant_saturation > 0.0) {
      // What a saturated plant cannot take goes to new plants (founding.cpp).
      const double taken =
          std::min(added, capital_room(firm, firm.capital * keep, pp.plant_saturation));
      founding_fund_[s] += added - taken;
      added = taken;
    }
    firm.capital = firm.capital * keep + added;
  }
  founded_ = 0;
  if (world_.calendar.starts_year(tick)) {
    for (std::size_t s = 0; s < sector_count; ++s) {
      if (founding_fund_[s] > 0.0) {
        founded_ += found_plants(world_, static_cast<Sector>(s), founding_fund_[s], tick);
      }
    }
  }

  double requested = 0.0, received = 0.0, capital = 0.0;
  for (const auto& firm : world_.enterprises) {
    for (std::size_t i = 0; i < world_.goods.inputs(firm.good).size(); ++i) {
      requested += firm.requested[i];
      received += firm.received[i];
    }
    capital += firm.capital;
  }
  const double unfinished = std::accumulate(construction_.begin(), construction_.end(), 0.0);
  tension_ = (requested > 0 ? 1.0 - received / requested : 0.0) +
             (capital > 0 ? unfinished / capital : 0.0);
  if (stop_go_months_left_ > 0) {
    --stop_go_months_left_;
  } else if (pp.stop_go && tension_ > pp.stop_go_threshold) {
    stop_go_months_left_ = 12;
    world_.log(tick, "stop_go", "investment cut for a year: tension " + std::to_string(tension_));
  }
}

} // namespace plansim::model
