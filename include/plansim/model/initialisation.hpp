#pragma once

// Initialisation (docs/ODD.md section 5): the world drawn from the seed and its first year
// balanced.

#include "plansim/model/params.hpp"
#include "plansim/model/world.hpp"

namespace plansim::model {

/// Values the initialisation settles that subsystems start from.
struct StartingValues {
  double unskilled_wage = 1.0;           ///< the state wage of an unskilled worker
  double artel_capital_per_labour = 1.0; ///< for new artels
  double artel_productivity = 1.0;       ///< for new artels
  double artel_tax = 0.0;                ///< share of artel sales the state takes
};

struct InitialWorld {
  World world;
  StartingValues start;
};

/// Draws goods, enterprises, households and artels from the seed, gives workers their first
/// jobs and calibrates the first year: gross outputs solve x = A x + f for the final demand of
/// consumers, investment and the military; each good's enterprises get capacity 5 % above it;
/// the planner starts from a census. Throws std::invalid_argument for a world it cannot build.
InitialWorld initialise(EconomyParams params);

} // namespace plansim::model
