// Kantorovich's planner and the political quota (planning/kantorovich.cpp,
// planning/political_quota.cpp) in the tiny world.

#include "../planning_world.hpp"

#include "plansim/model/initialisation.hpp"
#include "plansim/model/planning/kantorovich.hpp"
#include "plansim/model/planning/political_quota.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

const auto& seeds = planning_seeds;

// A delivery of the first materials good with every using enterprise needing `need` of it.
struct Case {
  World world;
  std::vector<InputRequest> requests;
  GoodDelivery delivery;
};

Case scarce_input(double supply, double need) {
  auto params = tiny_world(11, 1928);
  params.enterprises.material_use_sigma = 0.3;
  Case c{initialise(params).world, {}, {}};
  const std::size_t good = c.world.goods.range(Sector::materials).first;
  for (std::size_t e = 0; e < c.world.enterprises.size(); ++e) {
    auto& firm = c.world.enterprises[e];
    const auto inputs = c.world.goods.inputs(firm.good);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].input == good) {
        firm.needed[i] = firm.requested[i] = need;
        c.requests.push_back({static_cast<std::uint32_t>(e), static_cast<std::uint32_t>(i)});
      }
    }
  }
  c.delivery.good = good;
  c.delivery.sector = Sector::materials;
  c.delivery.supply = c.delivery.remaining = supply;
  c.delivery.requests = c.requests;
  return c;
}

} // namespace

TEST_CASE("the optimal plan runs: targets follow it, shadow prices are recorded") {
  for (auto seed : seeds) {
    auto params = planning_world(seed);
    params.planner.method = PlanningMethod::kantorovich;
    Economy economy(params);
    economy.run();
    const auto& plan = economy.world().plan;
    REQUIRE(plan.enterprise_output.size() == economy.enterprises().size());
    double total = 0.0;
    for (double x : plan.enterprise_output) {
      CHECK(x >= 0.0);
      total += x;
    }
    CHECK(total == doctest::Approx(std::accumulate(plan.output.begin(), plan.output.end(), 0.0)));
    CHECK(*std::max_element(plan.shadow_price.begin(), plan.shadow_price.end()) > 0.0);
    const auto prices = economy.recorder().history_of("shadow_price", 0, "good");
    CHECK(prices.size() == static_cast<std::size_t>(economy.calendar().tick_count()));
    CHECK(economy.recorder().history_of("output_true").back() > 0.0);
  }
}

TEST_CASE("the optimal plan gives plants that waste less material more of their capacity") {
  auto params = planning_world(12);
  params.planner.method = PlanningMethod::kantorovich;
  params.enterprises.material_use_sigma = 0.3;
  params.end = {1929, 2};
  Economy economy(params);
  economy.run();
  // Within a good, planned output / capacity falls with material use.
  const auto& world = economy.world();
  int lower = 0, higher = 0;
  for (std::size_t g = 0; g < world.goods.count(); ++g) {
    const auto& ids = world.enterprises_of_good[g];
    for (std::size_t a = 0; a < ids.size(); ++a) {
      for (std::size_t b = a + 1; b < ids.size(); ++b) {
        const auto& fa = world.enterprises[ids[a]];
        const auto& fb = world.enterprises[ids[b]];
        const double ua = world.plan.enterprise_output[ids[a]] / fa.capacity;
        const double ub = world.plan.enterprise_output[ids[b]] / fb.capacity;
        if (std::abs(ua - ub) < 1e-6) {
          continue;
        }
        ((fa.material_use < fb.material_use) == (ua > ub) ? higher : lower) += 1;
      }
    }
  }
  CHECK(higher > lower);
}

TEST_CASE("at the shadow prices a scarce input goes first where it makes most") {
  auto c = scarce_input(5.0, 1.0); // five users' worth for more users than that
  REQUIRE(c.requests.size() > 5);
  Kantorovich planner;
  planner.plan(c.world, 0);
  planner.share_out(c.world, c.delivery, 1.0);
  double given = 0.0;
  int served = 0;
  for (const auto& [e, i] : c.requests) {
    given += c.world.enterprises[e].received[i];
    served += c.world.enterprises[e].received[i] > 0 ? 1 : 0;
  }
  CHECK(given == doctest::Approx(5.0));
  CHECK(served <= 6); // whole needs in order, one user with the rest
}

TEST_CASE("political quotas share a scarce input equally, whatever each would make of it") {
  auto c = scarce_input(5.0, 1.0);
  PoliticalQuota planner;
  planner.share_out(c.world, c.delivery, 1.0);
  const double each = 5.0 / double(c.requests.size());
  for (const auto& [e, i] : c.requests) {
    CHECK(c.world.enterprises[e].received[i] == doctest::Approx(each));
  }
  // Small needs are met in full, the rest share what is left equally.
  auto mixed = scarce_input(5.0, 1.0);
  auto& first = mixed.world.enterprises[mixed.requests[0].first];
  first.needed[mixed.requests[0].second] = 0.01;
  planner.share_out(mixed.world, mixed.delivery, 1.0);
  CHECK(first.received[mixed.requests[0].second] == doctest::Approx(0.01));
  CHECK(mixed.delivery.remaining == doctest::Approx(0.0));
}

TEST_CASE("plants' material use is drawn only when asked, from its own stream") {
  auto params = tiny_world(5, 1928);
  const auto plain = initialise(params).world;
  for (const auto& firm : plain.enterprises) {
    CHECK(firm.material_use == 1.0);
  }
  params.enterprises.material_use_sigma = 0.2;
  const auto spread = initialise(params).world;
  CHECK(spread.enterprises[0].material_use != 1.0);
  for (std::size_t e = 0; e < plain.enterprises.size(); ++e) {
    CHECK(spread.enterprises[e].manager.honesty == plain.enterprises[e].manager.honesty);
    CHECK(spread.enterprises[e].capital == plain.enterprises[e].capital);
  }
}

TEST_CASE("with the duals ignored, a scarce input is shared in proportion to needs") {
  auto c = scarce_input(5.0, 1.0);
  c.world.params.planner.shadow_price_rationing = false;
  Kantorovich planner;
  planner.plan(c.world, 0);
  planner.share_out(c.world, c.delivery, 1.0);
  const double each = 5.0 / double(c.requests.size());
  for (const auto& [e, i] : c.requests) {
    CHECK(c.world.enterprises[e].received[i] == doctest::Approx(each));
  }
}

TEST_CASE("a plan with nothing to maximise is a clear error naming its date, not a crash") {
  auto params = tiny_world(11, 1928);
  params.planner.accumulation_share = 0.0;
  params.planner.military_demand = 0.0;
  auto world = initialise(params).world;
  std::fill(world.plan.consumer_demand.begin(), world.plan.consumer_demand.end(), 0.0);
  Kantorovich planner;
  try {
    planner.plan(world, 0);
    FAIL("an unbounded plan ray was accepted");
  } catch (const std::runtime_error& error) {
    const std::string what = error.what();
    CHECK(what.find("kantorovich plan of 1928-01") != std::string::npos);
    CHECK(what.find("unbounded") != std::string::npos);
  }
}
