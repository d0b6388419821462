// New enterprises founded with capital the existing plants cannot absorb (docs/ODD.md 7.8).

#include "plansim/model/founding.hpp"

#include "streams.hpp"

#include <algorithm>
#include <limits>
#include <vector>

namespace plansim::model {

using streams::stream;

double capital_room(const Enterprise& firm, double kept, double saturation) {
  if (saturation <= 0.0 || firm.design_intensity <= 0.0) {
    return std::numeric_limits<double>::infinity();
  }
  return std::max(0.0, saturation * firm.design_intensity * firm.workers - kept);
}

namespace {

// The good of [first, last) in shortest supply that some plant makes (the lowest index wins
// a tie); `last` when no plant makes any.
std::size_t good_in_shortest_supply(const World& world, std::size_t first, std::size_t last) {
  std::size_t best = last;
  for (std::size_t g = first; g < last; ++g) {
    if (world.enterprises_of_good[g].empty()) {
      continue;
    }
    if (best == last || world.flows.excess_demand(g) > world.flows.excess_demand(best)) {
      best = g;
    }
  }
  return best;
}

const Enterprise& most_productive_plant(const World& world, std::size_t good) {
  const Enterprise* best = nullptr;
  for (auto e : world.enterprises_of_good[good]) {
    if (best == nullptr || world.enterprises[e].productivity > best->productivity) {
      best = &world.enterprises[e];
    }
  }
  return *best;
}

} // namespace

int found_plants(World& world, Sector sector, double& fund, int tick) {
  const auto [first, last] = world.goods.range(sector);
  double capital = 0.0, labour = 0.0;
  std::size_t plants = 0;
  world.for_each_producer(first, last, [&](const Enterprise& firm) {
    capital += firm.capital;
    labour += firm.workers;
    ++plants;
  });
  if (plants == 0 || capital <= 0.0) {
    return 0;
  }
  const double size = capital / static_cast<double>(plants);
  const double intensity = labour > 0.0 ? capital / labour : 0.0;
  const std::size_t regions = world.households_in_region.size();
  std::vector<double> region_capital(regions, 0.0);
  for (const auto& firm : world.enterprises) {
    region_capital[firm.region] += firm.capital;
  }
  // Excess demand is last month's, so every plant founded now makes the same good.
  const std::size_t good = good_in_shortest_supply(world, first, last);
  if (good == last) {
    return 0;
  }
  int founded = 0;
  while (fund >= size) {
    // Where labour is most plentiful: households per unit of state capital.
    std::uint32_t region = 0;
    double plenty = -1.0;
    for (std::size_t r = 0; r < regions; ++r) {
      const double here = static_cast<double>(world.households_in_region[r].size()) /
                          std::max(region_capital[r], 1e-12);
      if (here > plenty) {
        plenty = here;
        region = static_cast<std::uint32_t>(r);
      }
    }
    const Enterprise& model_plant = most_productive_plant(world, good);
    Enterprise firm;
    firm.good = static_cast<std::uint32_t>(good);
    firm.region = region;
    firm.capital = size;
    firm.productivity = model_plant.productivity;
    firm.material_use = model_plant.material_use;
    firm.technique = model_plant.technique;
    firm.design_intensity = intensity;
    firm.workers = 0.0;
    firm.target = 0.0;
    firm.capacity = 0.0;
    const auto index = static_cast<std::uint32_t>(world.enterprises.size());
    auto random = stream(world.params.seed, streams::enterprise, streams::founding, index, tick);
    firm.manager = draw_manager(world.params.enterprises, random);
    world.found_enterprise(firm, tick);
    region_capital[region] += size;
    fund -= size;
    ++founded;
  }
  return founded;
}

} // namespace plansim::model
