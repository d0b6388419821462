// New enterprises (founding.cpp): how much capital a plant can take, and the plants its
// sector's fund founds.

#include "tiny_runs.hpp"

#include "plansim/model/founding.hpp"
#include "plansim/model/initialisation.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

TEST_CASE("a plant takes capital up to its saturation intensity, without limit by default") {
  Enterprise firm;
  firm.design_intensity = 2.0;
  firm.workers = 10.0;
  CHECK(std::isinf(capital_room(firm, 25.0, 0.0)));
  CHECK(capital_room(firm, 25.0, 1.5) == doctest::Approx(5.0)); // 1.5 x 2 x 10 - 25
  CHECK(capital_room(firm, 40.0, 1.5) == 0.0);
  firm.design_intensity = 0.0;
  CHECK(std::isinf(capital_room(firm, 25.0, 1.5)));
}

TEST_CASE("a sector's fund founds plants of its mean size for the good in shortest supply") {
  auto initial = initialise(tiny_world(41, 1930));
  World& world = initial.world;
  const auto [first, last] = world.goods.range(Sector::heavy);
  double capital = 0.0;
  std::size_t plants = 0;
  world.for_each_producer(first, last, [&](const Enterprise& firm) {
    capital += firm.capital;
    ++plants;
  });
  const double size = capital / double(plants);
  const std::size_t short_good = first + 1;
  for (std::size_t g = first; g < last; ++g) { // every heavy good balanced but one
    world.flows.supply[g] = 1.0;
    world.flows.demand[g] = g == short_good ? 3.0 : 1.0;
  }
  const std::size_t before = world.enterprises.size();
  double fund = 2.5 * size;
  CHECK(found_plants(world, Sector::heavy, fund, 12) == 2);
  CHECK(fund == doctest::Approx(0.5 * size));
  REQUIRE(world.enterprises.size() == before + 2);
  double best = 0.0;
  for (auto e : world.enterprises_of_good[short_good]) {
    if (e < before) {
      best = std::max(best, world.enterprises[e].productivity);
    }
  }
  for (std::size_t e = before; e < world.enterprises.size(); ++e) {
    const auto& plant = world.enterprises[e];
    CHECK(plant.good == short_good);
    CHECK(plant.capital == doctest::Approx(size));
    CHECK(plant.workers == 0.0);
    CHECK(plant.productivity == best);
    // It joins the indices and the hierarchy.
    const auto& of_good = world.enterprises_of_good[short_good];
    CHECK(std::find(of_good.begin(), of_good.end(), e) != of_good.end());
    CHECK(world.hierarchy.known(enterprise_level).size() >= e + 1);
  }
  // Less than a plant's worth founds nothing.
  CHECK(found_plants(world, Sector::heavy, fund, 24) == 0);
}

TEST_CASE("saturated plants make the plan found new enterprises, which hire and produce") {
  for (std::uint64_t seed : {41, 42, 43}) {
    auto params = tiny_world(seed, 1945);
    params.enterprises.depreciation = 0.002;
    const auto fixed = run_series(params, {}, "enterprises");
    CHECK(fixed.front() == fixed.back());
    params.planner.plant_saturation = 1.2;
    const auto growing = run_series(params, {}, "enterprises");
    CHECK(growing.back() > growing.front() + 5);
    // The bureaus have more to coordinate.
    auto fixed_params = params;
    fixed_params.planner.plant_saturation = 0.0;
    const auto staff = run_series(params, {}, "bureaucrats");
    const auto fixed_staff = run_series(fixed_params, {}, "bureaucrats");
    CHECK(staff.back() > fixed_staff.back());
  }
}
