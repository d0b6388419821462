// Hiring into state enterprises (state_hiring.cpp): in proportion to capital, in the region.

#include "tiny_world.hpp"

#include "plansim/model/economy.hpp"
#include "plansim/model/state_hiring.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace plansim;
using namespace plansim::model;

TEST_CASE("state enterprises hire in proportion to their capital, in their own region") {
  Economy economy(testing::tiny_world(1, 1928));
  World world = economy.world();
  const auto& region = world.enterprises_in_region[1];
  REQUIRE(region.size() >= 3);
  for (auto e : region) {
    world.enterprises[e].capital = 0.0;
  }
  const auto small = region[1], large = region.back();
  world.enterprises[small].capital = 1.0;
  world.enterprises[large].capital = 3.0;
  const StateHiring hiring(world);
  std::map<std::uint32_t, int> hires;
  const int draws = 8000;
  for (int i = 0; i < draws; ++i) {
    engine::RandomStream random(5, {2, static_cast<std::uint32_t>(i), 0});
    ++hires[hiring.hire(1, random)];
  }
  CHECK(hires.size() == 2); // nobody hired where there is no capital, nor in region 0
  CHECK(double(hires[large]) / draws == doctest::Approx(0.75).epsilon(0.03));
  CHECK(double(hires[small]) / draws == doctest::Approx(0.25).epsilon(0.08));
}

TEST_CASE("hiring follows the capital as it was when it was last taken") {
  Economy economy(testing::tiny_world(1, 1928));
  World world = economy.world();
  const auto& region = world.enterprises_in_region[0];
  for (auto e : region) {
    world.enterprises[e].capital = 0.0;
  }
  world.enterprises[region.front()].capital = 1.0;
  StateHiring hiring(world);
  engine::RandomStream random(5, {2, 0, 0});
  CHECK(hiring.hire(0, random) == region.front());
  world.enterprises[region.front()].capital = 0.0;
  world.enterprises[region.back()].capital = 1.0;
  hiring.update(world);
  CHECK(hiring.hire(0, random) == region.back());
}
