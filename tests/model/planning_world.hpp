#pragma once

// The world the planning-side tests run on: the tiny world over four years, three seeds.

#include "tiny_runs.hpp"

#include <cstdint>

namespace plansim::model::testing {

inline constexpr std::uint64_t planning_seeds[] = {11, 12, 13};

inline EconomyParams planning_world(std::uint64_t seed) {
  return tiny_world(seed, 1931);
}

/// Mean of a series over the second half of the planning world changed by `change`, averaged
/// over the planning seeds.
inline double mean_of(const Change& change, const char* series, std::size_t column = 0,
                      const char* group = "") {
  return mean_over_seeds(planning_seeds, planning_world, change, series, column, group);
}

} // namespace plansim::model::testing
