#pragma once

// Ministries' lobbying against artels (docs/ODD.md 7.7, "Lobbying"): state industry feels the
// artels' competition for its materials and its skilled workers over a year, and each January
// its ministries press for a squeeze on the artels' cooperative supplies in proportion.

#include "plansim/model/params.hpp"

namespace plansim::model {

/// The competition state industry felt from artels since the last review.
struct CompetitionFelt {
  double materials_taken = 0.0; ///< materials artels took out of state enterprises' stocks
  double material_use = 0.0;    ///< materials state enterprises used in the same months
  double skilled_lost = 0.0;    ///< skilled state workers who left to join or found an artel

  /// Materials taken per unit used plus skilled workers lost per skilled state worker.
  double level(double skilled_state_workers) const;
};

/// The squeeze in force after a review: it goes artels.lobbying_speed of the way from
/// `current` to the one ministries press for, artels.lobbying x `felt` (at most 1).
double lobbied_hostility(double current, double felt, const ArtelParams& params);

/// The share of their cooperative allocation bureaus withhold from artels: the policy's
/// artels.supply_hostility and the lobbied squeeze, each on what the other leaves.
double combined_hostility(double policy, double lobbied);

/// Whether artels draw on a pool of their own for materials / for labour.
bool separate_materials(const ArtelParams& params);
bool separate_labour(const ArtelParams& params);

} // namespace plansim::model
