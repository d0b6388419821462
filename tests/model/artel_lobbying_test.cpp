// Ministries' lobbying against artels (artel_lobbying.cpp) and the separate pools of its
// knock-out (artel_sector.cpp, labour_market.cpp).

#include "consumer_world.hpp"

#include "plansim/model/artel_lobbying.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

const auto& seeds = consumer_seeds;

void lobbying(EconomyParams& p) {
  p.artels.lobbying = 15.0;
}

void lobbying_apart(EconomyParams& p) {
  lobbying(p);
  p.artels.separate_pools = SeparatePools::both;
}

bool all_zero(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return v == 0.0; });
}

} // namespace

TEST_CASE("the competition felt: materials taken per unit used plus skilled workers lost per "
          "skilled worker") {
  const CompetitionFelt felt{.materials_taken = 2.0, .material_use = 100.0, .skilled_lost = 30.0};
  CHECK(felt.level(1000.0) == doctest::Approx(0.02 + 0.03));
  CHECK(CompetitionFelt{}.level(0.0) == 0.0);
}

TEST_CASE("a review moves the squeeze part of the way to what ministries press for, at most "
          "everything") {
  ArtelParams params;
  params.lobbying = 10.0;
  params.lobbying_speed = 0.5;
  CHECK(lobbied_hostility(0.0, 0.02, params) == doctest::Approx(0.1)); // half of 10 x 0.02
  CHECK(lobbied_hostility(0.4, 0.0, params) == doctest::Approx(0.2));  // competition gone
  CHECK(lobbied_hostility(1.0, 0.5, params) == doctest::Approx(1.0));  // pressed for 1 at most
  params.lobbying = 0.0;
  CHECK(lobbied_hostility(0.0, 0.5, params) == 0.0);
}

TEST_CASE("policy and lobbying each withhold a share of what the other leaves") {
  CHECK(combined_hostility(0.5, 0.5) == doctest::Approx(0.75));
  CHECK(combined_hostility(0.1, 0.0) == 0.1); // exactly the policy's value without lobbying
  CHECK(combined_hostility(0.0, 0.3) == doctest::Approx(0.3));
}

TEST_CASE("without lobbying the squeeze is the policy's supply_hostility every month") {
  const auto hostility = run_consumer_world(
      seeds[0], [](EconomyParams& p) { p.artels.supply_hostility = 0.3; }, {}, "artel_hostility");
  CHECK(std::all_of(hostility.begin(), hostility.end(), [](double h) { return h == 0.3; }));
}

TEST_CASE("ministries squeeze artels that draw on their materials and skilled workers, and not "
          "artels with pools of their own") {
  double skilled_lost = 0.0;
  for (auto seed : seeds) {
    const auto shared = run_consumer_world(seed, lobbying, {}, "artel_hostility");
    CHECK(all_zero({shared.begin(), shared.begin() + 12})); // no review before the second year
    CHECK(mean(shared, 12, shared.size()) > 0.05);
    const auto taken = run_consumer_world(seed, lobbying, {}, "materials_to_artels");
    CHECK(mean(taken, 0, taken.size()) > 0.0);
    const auto lost = run_consumer_world(seed, lobbying, {}, "skilled_to_artels");
    skilled_lost += mean(lost, 0, lost.size());
    CHECK(all_zero(run_consumer_world(seed, lobbying_apart, {}, "artel_hostility")));
    CHECK(all_zero(run_consumer_world(seed, lobbying_apart, {}, "materials_to_artels")));
    CHECK(all_zero(run_consumer_world(seed, lobbying_apart, {}, "skilled_to_artels")));
  }
  CHECK(skilled_lost > 0.0);
}

TEST_CASE("the lobbied squeeze leaves artels shorter of materials") {
  for (auto seed : seeds) {
    const auto free = run_consumer_world(seed, keep_as_is, {}, "artel_input_shortage");
    const auto squeezed = run_consumer_world(seed, lobbying, {}, "artel_input_shortage");
    CHECK(mean(squeezed, 12, squeezed.size()) > mean(free, 12, free.size()));
  }
}

TEST_CASE("with a labour pool of their own, artels' skilled recruits are replaced in state jobs") {
  for (auto seed : seeds) {
    const auto apart = [](EconomyParams& p) { p.artels.separate_pools = SeparatePools::labour; };
    const auto shared = run_consumer_world(seed, keep_as_is, {}, "workers");
    const auto replaced = run_consumer_world(seed, apart, {}, "workers");
    const auto recruits = run_consumer_world(seed, keep_as_is, {}, "skilled_to_artels");
    // The same artels recruit the same way at first; each skilled recruit adds a newcomer.
    CHECK(replaced.back() > shared.back());
    CHECK(mean(recruits, 0, recruits.size()) > 0.0);
  }
}
