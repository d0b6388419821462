// The war economy's movements of people and plant (docs/ODD.md 7.9).

#include "plansim/model/war_mobilisation.hpp"

#include "streams.hpp"

#include "plansim/model/labour_market.hpp"
#include "plansim/model/state_hiring.hpp"

#include <vector>

namespace plansim::model {

using streams::stream;

namespace {

// Moves `share` of each source plant's capital, less `loss`, to the destinations
// `destinations_of(source)` names, in proportion to their capital before the event (so that
// the order of the sources does not change where capital goes). Sources are never
// destinations: an evacuation leaves the source regions, a conversion the source sector.
// The destinations depend only on the source's group, `group_of(source)` < `groups` (its
// region, its good), so each group's list and room are gathered once, not once per source.
// `arrive(destination, capital)` puts the capital in place.
template <class Source, class Group, class Destinations, class Arrive>
void move_capital(World& world, double share, double loss, std::size_t groups, Source&& is_source,
                  Group&& group_of, Destinations&& destinations_of, Arrive&& arrive) {
  struct Destination {
    std::vector<std::size_t> to;
    double room = 0.0;
    bool gathered = false;
  };
  auto& firms = world.enterprises;
  std::vector<double> before(firms.size());
  for (std::size_t e = 0; e < firms.size(); ++e) {
    before[e] = firms[e].capital;
  }
  std::vector<Destination> destinations(groups);
  for (std::size_t e = 0; e < firms.size(); ++e) {
    if (!is_source(firms[e])) {
      continue;
    }
    auto& destination = destinations[group_of(firms[e])];
    if (!destination.gathered) {
      destinations_of(firms[e], destination.to);
      for (auto d : destination.to) {
        destination.room += before[d];
      }
      destination.gathered = true;
    }
    const double room = destination.room;
    if (room <= 0.0) {
      continue;
    }
    const double moved = share * before[e];
    firms[e].capital -= moved;
    const double arriving = (1.0 - loss) * moved;
    for (auto d : destination.to) {
      arrive(d, arriving * before[d] / room);
    }
  }
}

} // namespace

void mobilise(World& world, const PolicyEvent& event, int tick) {
  remove_workers(world, event.regions, event.workers_share, streams::serving, tick,
                 [&](engine::AgentId id, const Household& worker, engine::RandomStream& random) {
                   if (!random.bernoulli(event.killed_share)) {
                     world.serving.push_back(Soldier{id, worker});
                   }
                 });
}

void demobilise(World& world, const PolicyEvent& event, int tick, double unskilled_wage) {
  // Keyed by the soldier's household id (never reused), not his place in the list.
  std::vector<Soldier> still_serving;
  const StateHiring state_hiring(world);
  for (const auto& soldier : world.serving) {
    auto random = stream(world.params.seed, streams::household, streams::serving, soldier.id, tick);
    if (!random.bernoulli(event.workers_share)) {
      still_serving.push_back(soldier);
      continue;
    }
    auto hiring = stream(world.params.seed, streams::household, streams::hiring, soldier.id, tick);
    const auto& worker = soldier.household;
    add_newcomer(world, worker.region, worker.skilled, state_hiring.hire(worker.region, hiring),
                 unskilled_wage);
  }
  world.serving = std::move(still_serving);
  world.index_households();
  count_labour(world);
}

void evacuate(World& world, const PolicyEvent& event, int tick) {
  const auto arrive = [&](std::size_t e, double capital) {
    if (event.months > 0) {
      world.in_transit.push_back({static_cast<std::uint32_t>(e), capital, tick + event.months});
    } else {
      world.enterprises[e].capital += capital;
    }
  };
  move_capital(
      world, event.capital_share, event.loss, world.enterprises_of_good.size(),
      [&](const Enterprise& firm) { return in_regions(event.regions, firm.region); },
      [](const Enterprise& firm) { return std::size_t{firm.good}; },
      [&](const Enterprise& firm, std::vector<std::size_t>& to) {
        for (auto e : world.enterprises_of_good[firm.good]) {
          if (in_regions(event.to_regions, world.enterprises[e].region) &&
              !in_regions(event.regions, world.enterprises[e].region)) {
            to.push_back(e);
          }
        }
      },
      arrive);
}

void convert(World& world, const PolicyEvent& event) {
  const auto sector_of = [&](const Enterprise& firm) { return world.goods.sector(firm.good); };
  move_capital(
      world, event.capital_share, event.loss, world.enterprises_in_region.size(),
      [&](const Enterprise& firm) { return sector_of(firm) == *event.sector; },
      [](const Enterprise& firm) { return std::size_t{firm.region}; },
      [&](const Enterprise& firm, std::vector<std::size_t>& to) {
        for (auto e : world.enterprises_in_region[firm.region]) {
          if (sector_of(world.enterprises[e]) == *event.to_sector) {
            to.push_back(e);
          }
        }
      },
      [&](std::size_t e, double capital) { world.enterprises[e].capital += capital; });
}

void restart_evacuated_plant(World& world, int tick) {
  auto& transit = world.in_transit;
  if (transit.empty()) {
    return;
  }
  std::size_t kept = 0;
  for (const auto& shipment : transit) {
    if (shipment.due <= tick) {
      world.enterprises[shipment.enterprise].capital += shipment.capital;
    } else {
      transit[kept++] = shipment;
    }
  }
  transit.resize(kept);
}

} // namespace plansim::model
