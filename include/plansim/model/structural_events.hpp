#pragma once

// Structural events of the policy timeline (docs/ODD.md 7.9): war destruction, capital loss,
// artel restriction and nationalisation, demand shifts, and the war economy's mobilisation,
// demobilisation, evacuation and conversion (war_mobilisation.hpp).
//
// Reads: the event's arguments.
// Changes: enterprises' and artels' capital, the households store (workers lost in a war,
// called up or home again) and those serving,
// the artel sector's rules, regional tastes; the run's event log.

#include "plansim/model/artel_sector.hpp"
#include "plansim/model/policy_event.hpp"
#include "plansim/model/world.hpp"

namespace plansim::model {

/// Applies `event` to the world now and logs it; soldiers coming home are paid the state's
/// `unskilled_wage` for their skill.
void apply_structural_event(World& world, ArtelSector& artels, const PolicyEvent& event, int tick,
                            double unskilled_wage);

} // namespace plansim::model
