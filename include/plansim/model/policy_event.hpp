#pragma once

#include "plansim/model/params.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plansim::model {

/// A structural change the scenario's policy timeline makes at a date (docs/ODD.md 7.9).
/// Parameter changes ("set") need no event; these change the world itself.
struct PolicyEvent {
  enum class Kind : std::uint8_t {
    war_destruction,       ///< capital and workers lost in some regions
    capital_loss,          ///< a share of one sector's capital lost everywhere
    artel_restriction,     ///< no new artels; bureaus squeeze their supplies
    artel_nationalisation, ///< artels become state enterprises run through bureaus
    demand_shift,          ///< a region's households want more of one consumer good
    mobilisation,          ///< workers called up into the army
    demobilisation,        ///< soldiers come home to work
    evacuation,            ///< plants moved from some regions to others
    conversion,            ///< civilian plants turned to war production (or back)
    labour_pool,           ///< the workforce can grow only within a pool of people able to work
  };
  Kind kind = Kind::war_destruction;
  /// war_destruction, demand_shift, mobilisation, evacuation (from); empty: every region
  std::vector<std::uint32_t> regions;
  std::vector<std::uint32_t> to_regions; ///< evacuation: where plants go; empty: every other
  /// war_destruction, capital_loss: share destroyed; evacuation, conversion: share moved
  double capital_share = 0.0;
  /// war_destruction: share of workers lost; mobilisation: called up; demobilisation: sent home
  double workers_share = 0.0;
  double killed_share = 0.0;       ///< mobilisation: share of those called up who never return
  double loss = 0.0;               ///< evacuation, conversion: share of moved capital lost
  int months = 0;                  ///< evacuation: months before moved plant works again
  std::optional<Sector> sector;    ///< capital_loss: the sector hit (none: every); conversion: from
  std::optional<Sector> to_sector; ///< conversion: the sector that gets the capital
  double hostility = 0.0;          ///< artel_restriction: artels.supply_hostility from now
  std::uint32_t consumer_good = 0; ///< demand_shift: position among consumer goods
  double factor = 1.0;             ///< demand_shift: the good's share of spending times this
  double pool_size = 0.0;   ///< labour_pool: people able to take jobs, times today's workforce
  double pool_growth = 0.0; ///< labour_pool: the pool's yearly growth
  double pool_drain = 1.0;  ///< labour_pool: share of the reserve that can take jobs a year
};

/// Whether an event's list of regions takes in `region` (an empty list: every region).
inline bool in_regions(const std::vector<std::uint32_t>& regions, std::uint32_t region) {
  for (auto r : regions) {
    if (r == region) {
      return true;
    }
  }
  return regions.empty();
}

/// The event's name as the scenario writes it ("war_destruction").
const char* name_of(PolicyEvent::Kind kind);

/// One line for the run's event log.
std::string describe(const PolicyEvent& event);

} // namespace plansim::model
