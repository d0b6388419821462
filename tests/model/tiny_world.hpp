#pragma once

// The tiny world the model tests run on: the `scale: tiny` preset (12 goods, 3 of them
// consumer goods; 60 enterprises; 2 regions; 2,000 households; 10 artels), from January 1928
// to the end of `last_year`.

#include "plansim/model/params.hpp"

#include <cstdint>

namespace plansim::model::testing {

inline EconomyParams tiny_world(std::uint64_t seed, int last_year) {
  EconomyParams p;
  p.seed = seed;
  p.start = {1928, 1};
  p.end = {last_year, 12};
  p.goods.count = 12;
  p.enterprises.count = 60;
  p.enterprises.workers = 2000;
  p.regions = 2;
  p.artels.count = 10;
  return p;
}

} // namespace plansim::model::testing
