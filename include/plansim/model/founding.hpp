#pragma once

// New enterprises (docs/ODD.md 7.8, "New enterprises"): capital that a sector's plants cannot
// absorb (planner.plant_saturation) goes into the sector's founding fund, and each January the
// fund founds plants of the sector's mean size for the goods in shortest supply, where labour
// is most plentiful, built to the best practice of the good's plants.
//
// Reads: enterprises' capital, labour, productivity and technique; excess demand by good; the
// households and state capital of each region.
// Changes: the enterprises and their indices, the hierarchy (World::found_enterprise).

#include "plansim/model/world.hpp"

namespace plansim::model {

/// The new capital a plant can still take at planner.plant_saturation = `saturation`: up to
/// `saturation` times its design intensity per unit of labour, less the capital it keeps
/// (`kept`); unlimited when saturation is 0 or the plant has no design intensity.
double capital_room(const Enterprise& firm, double kept, double saturation);

/// Founds plants of `sector` while `fund` holds the sector's mean plant capital, taking it
/// from the fund; returns how many. Each makes the sector's good with the highest excess
/// demand, in the region with the most households per unit of state capital, with the
/// productivity and technique of that good's most productive plant and designed for the
/// sector's mean capital per unit of labour; it starts without workers and without a target.
int found_plants(World& world, Sector sector, double& fund, int tick);

} // namespace plansim::model
