// Structural events of the policy timeline (docs/ODD.md 7.9).

#include "plansim/model/structural_events.hpp"

#include "streams.hpp"

#include "plansim/model/labour_market.hpp"
#include "plansim/model/war_mobilisation.hpp"

#include <algorithm>

namespace plansim::model {

using streams::stream;

void apply_structural_event(World& world, ArtelSector& artel_sector, const PolicyEvent& event,
                            int tick, double unskilled_wage) {
  auto& households = world.households;
  auto& markets = world.markets;
  const auto in_regions = [&](std::uint32_t region) {
    return event.regions.empty() ||
           std::find(event.regions.begin(), event.regions.end(), region) != event.regions.end();
  };
  switch (event.kind) {
  case PolicyEvent::Kind::war_destruction: {
    for (auto& firm : world.enterprises) {
      firm.capital *= in_regions(firm.region) ? 1.0 - event.capital_share : 1.0;
    }
    for (auto& artel : world.artels.agents()) {
      artel.capital *= in_regions(artel.region) ? 1.0 - event.capital_share : 1.0;
    }
    households.begin_staging(1);
    for (std::size_t i = 0; i < households.size(); ++i) {
      auto random =
          stream(world.params.seed, streams::household, streams::war, households.id_at(i), tick);
      if (in_regions(households[i].region) && random.bernoulli(event.workers_share)) {
        households.stage_death(0, households.id_at(i));
      }
    }
    households.commit();
    world.index_households();
    count_labour(world);
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
      if (!in_regions(static_cast<std::uint32_t>(r)) || event.consumer_good >= markets.goods()) {
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
    evacuate(world, event);
    break;
  case PolicyEvent::Kind::conversion:
    convert(world, event);
    break;
  }
  world.log(tick, name_of(event.kind), describe(event));
}

} // namespace plansim::model
