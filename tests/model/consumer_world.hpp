#pragma once

// The world the consumer-side tests run on: the tiny world, 1928-1933, with the planning side
// kept calm (no capacity hiding) so that the consumer side is what moves; six seeds.

#include "tiny_runs.hpp"

#include <cstdint>

namespace plansim::model::testing {

inline constexpr std::uint64_t consumer_seeds[] = {21, 22, 23, 24, 25, 26};

inline EconomyParams consumer_world(std::uint64_t seed) {
  auto p = tiny_world(seed, 1933);
  p.enterprises.ratchet = 0.0;
  return p;
}

/// Runs the consumer world of `seed` changed by `change`, with dated structural events.
inline std::vector<double> run_consumer_world(std::uint64_t seed, const Change& change,
                                              const Events& events, const char* series,
                                              std::size_t column = 0, const char* group = "") {
  auto params = consumer_world(seed);
  change(params);
  return run_series(params, events, series, column, group);
}

inline void no_artels(EconomyParams& p) {
  p.artels.employment_share = 0.0;
  p.artels.formation_rate = 0.0;
}

} // namespace plansim::model::testing
