// Structural events of the policy timeline (docs/ODD.md 7.9).

#include "plansim/model/structural_events.hpp"

#include "streams.hpp"

#include "plansim/model/labour_market.hpp"
#include "plansim/model/war_mobilisation.hpp"

namespace plansim::model {

void apply_structural_event(World& world, ArtelSector& artel_sector, const PolicyEvent& event,
                            int tick, double unskilled_wage) {
  auto& markets = world.markets;
  const auto hit = [&](std::uint32_t region) { return in_regions(event.regions, region); };
  switch (event.kind) {
  case PolicyEvent::Kind::war_destruction: {
    for (auto& firm : world.enterprises) {
      firm.capital *= hit(firm.region) ? 1.0 - event.capital_share : 1.0;
    }
    for (auto& artel : world.artels.agents()) {
      artel.capital *= hit(artel.region) ? 1.0 - event.capital_share : 1.0;
    }
    remove_workers(world, event.regions, event.workers_share, streams::war, tick);
    break;
  }
  case PolicyEvent::Kind::capital_loss:
    for (auto& firm : world.enterprises) {
      if (!event.sector || world.goods.sector(firm.good) == *event.sector) {
        firm.capital *= 1.0 - event.capital_share;
      }
    }
    if (!event.sector || *event.sector == Sector::consumer) {
      for (auto& artel : world.artels.agents()) {
        artel.capital *= 1.0 - event.capital_share;
      }
    }
    break;
  case PolicyEvent::Kind::artel_restriction:
    artel_sector.restrict(event.hostility);
    break;
  case PolicyEvent::Kind::artel_nationalisation:
    artel_sector.nationalise(tick);
    break;
  case PolicyEvent::Kind::demand_shift:
    for (std::size_t r = 0; r < markets.regions(); ++r) {
      if (!hit(static_cast<std::uint32_t>(r)) || event.consumer_good >= markets.goods()) {
        continue;
      }
      markets.taste()[markets.cell(r, event.consumer_good)] *= event.factor;
      double total = 0.0;
      for (std::size_t k = 0; k < markets.goods(); ++k) {
        total += markets.taste()[markets.cell(r, k)];
      }
      for (std::size_t k = 0; k < markets.goods(); ++k) {
        markets.taste()[markets.cell(r, k)] /= total;
      }
    }
    break;
  case PolicyEvent::Kind::mobilisation:
    mobilise(world, event, tick);
    break;
  case PolicyEvent::Kind::demobilisation:
    demobilise(world, event, tick, unskilled_wage);
    break;
  case PolicyEvent::Kind::evacuation:
    evacuate(world, event, tick);
    break;
  case PolicyEvent::Kind::conversion:
    convert(world, event);
    break;
  case PolicyEvent::Kind::labour_pool:
    world.labour_pool = event.pool_size * double(world.households.size() + world.serving.size());
    world.labour_pool_growth = event.pool_growth;
    world.labour_pool_drain = event.pool_drain;
    break;
  }
  world.log(tick, name_of(event.kind), describe(event));
}

} // namespace plansim::model
