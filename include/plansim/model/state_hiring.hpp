#pragma once

// Where workers find state jobs (docs/ODD.md 7.6): a region's enterprises hire in proportion
// to their capital.

#include "plansim/engine/random.hpp"
#include "plansim/model/world.hpp"

#include <cstdint>
#include <vector>

namespace plansim::model {

/// The region's enterprises' capital, summed in their order, taken at one moment: a hire is
/// then a binary search, not a pass over the region's enterprises. Take it again (update) once
/// capital or the set of enterprises has changed.
class StateHiring {
public:
  StateHiring() = default;
  explicit StateHiring(const World& world) { update(world); }

  void update(const World& world);
  /// An enterprise of the region, drawn with probability in proportion to its capital (one
  /// uniform draw from `random`).
  std::uint32_t hire(std::uint32_t region, engine::RandomStream& random) const;
  /// The region's enterprises' capital, as taken.
  double capital_in(std::uint32_t region) const {
    const auto& cumulative = cumulative_capital_[region];
    return cumulative.empty() ? 0.0 : cumulative.back();
  }

private:
  const World* world_ = nullptr;
  std::vector<std::vector<double>> cumulative_capital_; ///< by region, over its enterprises
};

} // namespace plansim::model
