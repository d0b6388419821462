#include "plansim/model/world.hpp"

#include <algorithm>

namespace plansim::model {

namespace {

constexpr int max_information_delay = 24; // months of market history artels can look back

std::size_t consumer_goods_of(const Goods& goods) {
  const auto [first, last] = goods.range(Sector::consumer);
  return last - first;
}

} // namespace

World::World(EconomyParams parameters, Goods drawn_goods, std::vector<Enterprise> drawn)
    : params(std::move(parameters)), calendar(params.start, params.end),
      goods(std::move(drawn_goods)), enterprises(std::move(drawn)),
      hierarchy(enterprises, goods, params.bureaucracy, params.report_channel,
                params.directive_channel),
      markets(static_cast<std::size_t>(std::max(params.regions, 1)), consumer_goods_of(goods),
              max_information_delay) {
  const std::size_t g = goods.count();
  enterprises_of_good.assign(g, {});
  for (std::size_t e = 0; e < enterprises.size(); ++e) {
    enterprises_of_good[enterprises[e].good].push_back(static_cast<std::uint32_t>(e));
  }
  enterprises_in_region.assign(markets.regions(), {});
  for (std::size_t e = 0; e < enterprises.size(); ++e) {
    enterprises_in_region[enterprises[e].region].push_back(e);
  }
  plan.output.assign(g, 0.0);
  plan.investment.assign(g, 0.0);
  plan.consumer_demand.assign(g, 0.0);
  plan.shadow_price.assign(g, 0.0);
  flows.price.assign(g, 1.0);
  flows.demand.assign(g, 0.0);
  flows.supply.assign(g, 0.0);
  flows.consumer_wanted.assign(g, 0.0);
  flows.consumer_delivered.assign(g, 0.0);
  flows.investment_delivered.assign(g, 0.0);
  flows.military_delivered.assign(g, 0.0);
}

std::uint32_t World::found_enterprise(const Enterprise& firm, int tick) {
  const auto index = static_cast<std::uint32_t>(enterprises.size());
  hierarchy.add_enterprise(firm, goods, params.bureaucracy);
  enterprises.push_back(firm);
  enterprises_of_good[firm.good].push_back(index);
  enterprises_in_region[firm.region].push_back(index);
  hierarchy.known(enterprise_level)[index] =
      Report{index, firm.target, firm.capacity, firm.target, static_cast<double>(tick)};
  return index;
}

void World::index_households() {
  households_in_region.assign(markets.regions(), {});
  for (std::size_t i = 0; i < households.size(); ++i) {
    households_in_region[households[i].region].push_back(i);
  }
}

} // namespace plansim::model
