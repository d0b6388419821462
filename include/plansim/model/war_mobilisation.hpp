#pragma once

// The war economy's movements of people and plant (docs/ODD.md 7.9): workers called up into the
// army and demobilised, plants evacuated east, civilian plants converted to war production and
// back (Harrison, "Soviet Planning in Peace and War 1938-1945", 1985).
//
// Reads: the event's arguments, the households' regions and skills, enterprises' capital.
// Changes: the households store and World::serving, enterprises' capital, World::in_transit.

#include "plansim/model/policy_event.hpp"
#include "plansim/model/world.hpp"

namespace plansim::model {

/// Each worker of the event's regions is called up with probability `workers_share`: he leaves
/// the workforce for World::serving, or, with probability `killed_share`, for good.
void mobilise(World& world, const PolicyEvent& event, int tick);

/// Each soldier still serving comes home with probability `workers_share`, to a state job in
/// his region at the state wage for his skill; the others serve on.
void demobilise(World& world, const PolicyEvent& event, int tick, double unskilled_wage);

/// Moves `capital_share` of the capital of every enterprise the event's source takes in, less
/// `loss` on the way, to the enterprises the destination takes in, in proportion to their
/// capital: for an evacuation the same good's plants in the regions `to_regions`, for a
/// conversion the plants of sector `to_sector` in the same region. Capital with nowhere to go
/// stays where it is. Evacuated capital with `months` > 0 travels that long (World::in_transit)
/// before it joins its plant.
void evacuate(World& world, const PolicyEvent& event, int tick);
void convert(World& world, const PolicyEvent& event);

/// Adds the evacuated capital due by `tick` to its plants (each month, before production).
void restart_evacuated_plant(World& world, int tick);

} // namespace plansim::model
