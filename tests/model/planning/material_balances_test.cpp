// Material balances (planning/material_balances.cpp): the plan's tautness and balancing, and
// deliveries by priority class with investment hunger.

#include "../planning_world.hpp"

#include "plansim/model/initialisation.hpp"
#include "plansim/model/planning/material_balances.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

const auto& seeds = planning_seeds;

// A delivery of one good whose requests are all of the good's input requests in `world`.
struct DeliveryCase {
  World world;
  std::vector<InputRequest> requests;
  GoodDelivery delivery;
};

// The tiny world's first materials good, with every enterprise that uses it asking for
// `needed` and `buffer` more per use, and `supply` on offer.
DeliveryCase materials_case(double supply, double needed, double buffer) {
  auto initial = initialise(tiny_world(11, 1928));
  DeliveryCase c{std::move(initial.world), {}, {}};
  const std::size_t good = c.world.goods.range(Sector::materials).first;
  for (std::size_t e = 0; e < c.world.enterprises.size(); ++e) {
    auto& firm = c.world.enterprises[e];
    const auto inputs = c.world.goods.inputs(firm.good);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].input == good) {
        firm.needed[i] = needed;
        firm.requested[i] = needed + buffer;
        c.requests.push_back({static_cast<std::uint32_t>(e), static_cast<std::uint32_t>(i)});
      }
    }
  }
  REQUIRE(c.requests.size() > 1);
  c.delivery.good = good;
  c.delivery.sector = Sector::materials;
  c.delivery.supply = supply;
  c.delivery.remaining = supply;
  c.delivery.requests = c.requests;
  c.delivery.requested = double(c.requests.size()) * (needed + buffer);
  return c;
}

double received(const DeliveryCase& c, const InputRequest& request) {
  return c.world.enterprises[request.first].received[request.second];
}

} // namespace

TEST_CASE("needs for next month are served before buffer stocks, each in proportion") {
  const MaterialBalances planner;
  // Enough for every need and half of the buffers.
  auto c = materials_case(0.0, 2.0, 1.0);
  const double uses = double(c.requests.size());
  c.delivery.supply = c.delivery.remaining = 2.5 * uses;
  planner.share_out(c.world, c.delivery, 1.0);
  for (const auto& request : c.requests) {
    CHECK(received(c, request) == doctest::Approx(2.5));
  }
  CHECK(c.delivery.remaining == doctest::Approx(0.0));
  // Not even the needs: everyone gets the same share of his need, no buffer.
  auto short_case = materials_case(0.0, 2.0, 1.0);
  short_case.delivery.supply = short_case.delivery.remaining = uses;
  planner.share_out(short_case.world, short_case.delivery, 1.0);
  for (const auto& request : short_case.requests) {
    CHECK(received(short_case, request) == doctest::Approx(1.0));
  }
}

TEST_CASE("procurement priority meets the military plants' needs before anyone else's") {
  const MaterialBalances planner;
  const auto is_military = [](const DeliveryCase& c, const InputRequest& request) {
    return c.world.goods.sector(c.world.enterprises[request.first].good) == Sector::military;
  };
  // Supply for half of all needs; the military plants need less than that.
  auto c = materials_case(0.0, 2.0, 0.0);
  double military_uses = 0.0;
  for (const auto& request : c.requests) {
    military_uses += is_military(c, request) ? 1.0 : 0.0;
  }
  const double uses = double(c.requests.size());
  REQUIRE(military_uses > 0.0);
  REQUIRE(military_uses < 0.5 * uses);
  c.world.params.planner.procurement_priority = 1.0;
  c.delivery.supply = c.delivery.remaining = uses; // half of the needs of 2 each
  planner.share_out(c.world, c.delivery, 1.0);
  const double civilian_share = (uses - 2.0 * military_uses) / (2.0 * (uses - military_uses));
  for (const auto& request : c.requests) {
    CHECK(received(c, request) ==
          doctest::Approx(is_military(c, request) ? 2.0 : 2.0 * civilian_share));
  }
  CHECK(c.delivery.remaining == doctest::Approx(0.0));
  // Half a priority: half of the military need first, the rest shared like everyone's.
  auto half = materials_case(0.0, 2.0, 0.0);
  half.world.params.planner.procurement_priority = 0.5;
  half.delivery.supply = half.delivery.remaining = uses;
  planner.share_out(half.world, half.delivery, 1.0);
  const double rest_share = (uses - military_uses) / (2.0 * uses - military_uses);
  for (const auto& request : half.requests) {
    CHECK(received(half, request) ==
          doctest::Approx(is_military(half, request) ? 1.0 + rest_share : 2.0 * rest_share));
  }
}

TEST_CASE("construction's hunger takes investment goods nobody else took, within its capacity") {
  const MaterialBalances planner;
  const auto hungry_case = [](double overshoot) {
    auto c = materials_case(0.0, 0.0, 0.0);
    c.world.params.planner.investment_hunger = 0.5;
    c.world.params.planner.investment_overshoot = overshoot;
    c.delivery.sector = Sector::heavy;
    c.delivery.supply = c.delivery.remaining = 10.0;
    c.delivery.investment = 4.0;
    return c;
  };
  // Room for it: the order is served, then half of the 6 left over.
  auto c = hungry_case(1.0);
  const double demand_before = c.world.flows.demand[c.delivery.good];
  planner.share_out(c.world, c.delivery, 1.0);
  CHECK(c.delivery.investment_delivered == doctest::Approx(4.0 + 3.0));
  CHECK(c.delivery.remaining == doctest::Approx(3.0));
  CHECK(c.world.flows.demand[c.delivery.good] == doctest::Approx(demand_before + 3.0));
  // Construction can start at most a fifth more than the plan: 0.8 beyond the order of 4.
  auto bounded = hungry_case(0.2);
  planner.share_out(bounded.world, bounded.delivery, 1.0);
  CHECK(bounded.delivery.investment_delivered == doctest::Approx(4.8));
  CHECK(bounded.delivery.remaining == doctest::Approx(5.2));
  // A stop phase halts it.
  auto stopped = hungry_case(1.0);
  stopped.delivery.investment = 0.0;
  planner.share_out(stopped.world, stopped.delivery, 0.0);
  CHECK(stopped.delivery.investment_delivered == 0.0);
}

TEST_CASE("with bounded hunger the planned accumulation share governs the realised one") {
  // configs/calibrated.yaml's planning side, 1928-1960: the realised share is the mean over
  // 1944-1960, once heavy industry has grown to the programme.
  const auto share = [](double accumulation, double overshoot) {
    double total = 0.0;
    for (auto seed : seeds) {
      auto p = tiny_world(seed, 1960);
      p.enterprises.ratchet = 0.3;
      p.enterprises.depreciation = 0.002;
      p.households.workforce_growth = 0.015;
      p.planner.investment_hunger = 1.0;
      p.planner.investment_from_surplus = 1.0;
      p.planner.capital_goods_priority = 1.0;
      p.planner.investment_overshoot = overshoot;
      p.planner.accumulation_share = accumulation;
      const auto values = run_series(p, {}, "investment_share");
      total += mean(values, values.size() / 2, values.size());
    }
    return total / double(std::size(seeds));
  };
  const double low = share(0.15, 0.2), mid = share(0.25, 0.2), high = share(0.35, 0.2);
  MESSAGE("realised investment share at planned 0.15 / 0.25 / 0.35: " << low << " / " << mid
                                                                      << " / " << high);
  CHECK(mid > low + 0.03);
  CHECK(high > mid + 0.02);
  // Unbounded, construction takes whatever is left, whatever the plan says.
  const double unbounded_low = share(0.15, 10.0), unbounded_high = share(0.35, 10.0);
  MESSAGE("unbounded: " << unbounded_low << " / " << unbounded_high);
  CHECK(unbounded_high - unbounded_low < 0.5 * (high - low));
}

TEST_CASE("tauter plans leave more enterprises short of target") {
  const auto tautness = [](double t) { return [=](EconomyParams& p) { p.planner.tautness = t; }; };
  CHECK(mean_of(tautness(1.3), "plan_fulfilment_below_100") >
        mean_of(tautness(0.9), "plan_fulfilment_below_100") + 0.1);
}

TEST_CASE("material balancing cuts the plans of short goods' users") {
  const auto balancing = [](int rounds, int goods) {
    return [=](EconomyParams& p) {
      p.planner.tautness = 1.2; // plans that do not fit
      p.planner.balance_iterations = rounds;
      p.planner.balanced_goods = goods;
    };
  };
  const double unbalanced = mean_of(balancing(0, 277), "shortage_inputs");
  const double balanced = mean_of(balancing(6, 277), "shortage_inputs");
  const double none_checked = mean_of(balancing(6, 0), "shortage_inputs");
  CHECK(balanced < unbalanced * 0.7);
  CHECK(none_checked == doctest::Approx(unbalanced)); // P = 0: nothing is balanced
}

TEST_CASE("investment hunger puts unsold investment goods to work, except in a stop phase") {
  const auto hunger = [](double h, bool stop) {
    return [=](EconomyParams& p) {
      p.enterprises.ratchet = 0.3; // configs/calibrated.yaml: heavy goods beyond planned uses
      p.planner.investment_hunger = h;
      p.planner.stop_go = stop;
      p.planner.stop_go_threshold = 0.0; // with stop-go on, investment is always cut
      p.planner.stop_go_cut = 0.0;
    };
  };
  const double fed = mean_of(hunger(1.0, false), "investment_share");
  const double plain = mean_of(hunger(0.0, false), "investment_share");
  CHECK(fed > plain + 0.02);
  CHECK(mean_of(hunger(1.0, false), "output_stock_ratio") <
        mean_of(hunger(0.0, false), "output_stock_ratio") * 0.8);
  // A stop phase halts the hungry starts too: a year without investment, then one month that
  // takes what piled up meanwhile.
  for (auto seed : seeds) {
    auto params = planning_world(seed);
    hunger(1.0, true)(params);
    const auto investment = run_series(params, {}, "investment_share");
    const auto idle = std::count(investment.begin() + 1, investment.end(), 0.0);
    CHECK(idle >= static_cast<std::ptrdiff_t>(investment.size() * 4 / 5));
  }
}
