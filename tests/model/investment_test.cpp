// Investment (investment.cpp): the stop-go rule, where new capital goes, military pressure.

#include "planning_world.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <memory>
#include <numeric>
#include <utility>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {
const auto& seeds = planning_seeds;
} // namespace

TEST_CASE("the stop-go rule cuts investment when tension is high") {
  const auto stop_go = [](bool on, double threshold) {
    return [=](EconomyParams& p) {
      p.planner.stop_go = on;
      p.planner.stop_go_threshold = threshold;
    };
  };
  const double off = mean_of(stop_go(false, 0.0), "investment_share");
  const double always = mean_of(stop_go(true, 0.0), "investment_share");
  const double never = mean_of(stop_go(true, 100.0), "investment_share");
  CHECK(always < off * 0.8);
  CHECK(never == doctest::Approx(off)); // a threshold tension never reaches changes nothing
}

TEST_CASE("a stop phase is logged with the tension that set it off") {
  auto params = planning_world(11);
  params.planner.stop_go = true;
  params.planner.stop_go_threshold = 0.0;
  Economy economy(params);
  economy.run();
  int stops = 0;
  for (const auto& event : economy.take_events()) {
    stops += event.name == "stop_go" ? 1 : 0;
  }
  CHECK(stops >= 3); // a year's cut, then tension sets off the next, for four years
}

TEST_CASE("a sector whose goods pile up unsold gets less new capital") {
  // Without investment hunger heavy industry's goods pile up in this world (the ratchet of
  // configs/calibrated.yaml); capital takes years to build, so it runs eighteen.
  const auto heavy_share = [](std::uint64_t seed, double b) {
    auto params = tiny_world(seed, 1945);
    params.enterprises.ratchet = 0.3;
    params.planner.investment_from_surplus = b;
    Economy economy(params);
    economy.run();
    const auto heavy = static_cast<std::size_t>(Sector::heavy);
    const auto of_heavy = economy.recorder().history_of("output_true", heavy, "sector");
    const auto all = economy.recorder().history_of("output_true");
    const auto half = of_heavy.size() / 2;
    return mean(of_heavy, half, of_heavy.size()) / mean(all, half, all.size());
  };
  for (auto seed : seeds) {
    CHECK(heavy_share(seed, 1.0) < heavy_share(seed, 0.0) - 0.01);
  }
}

TEST_CASE("a sector whose goods are short gets more new capital") {
  // The world of the test above, with the calibrated surplus rule: the sector whose goods are
  // most in excess demand at the end without the rule (capital-weighted over its plants) makes
  // a larger share of output with it.
  const auto run = [](std::uint64_t seed, double c) {
    auto params = tiny_world(seed, 1945);
    params.enterprises.ratchet = 0.3;
    params.planner.investment_from_surplus = 1.0;
    params.planner.investment_to_short_sectors = c;
    auto economy = std::make_unique<Economy>(params);
    economy->run();
    return economy;
  };
  const auto most_short_sector = [](const World& world) {
    std::array<double, sector_count> capital{}, short_capital{};
    for (const auto& firm : world.enterprises) {
      const auto s = static_cast<std::size_t>(world.goods.sector(firm.good));
      capital[s] += firm.capital;
      short_capital[s] += firm.capital * std::max(0.0, world.flows.excess_demand(firm.good));
    }
    std::size_t best = 0;
    for (std::size_t s = 1; s < sector_count; ++s) {
      if (short_capital[s] / capital[s] > short_capital[best] / capital[best]) {
        best = s;
      }
    }
    return std::pair{best, short_capital[best] / capital[best]};
  };
  const auto share_of = [](const Economy& economy, std::size_t sector) {
    const auto of_sector = economy.recorder().history_of("output_true", sector, "sector");
    const auto all = economy.recorder().history_of("output_true");
    const auto half = of_sector.size() / 2;
    return mean(of_sector, half, of_sector.size()) / mean(all, half, all.size());
  };
  for (auto seed : seeds) {
    const auto without = run(seed, 0.0);
    const auto [sector, shortage] = most_short_sector(without->world());
    REQUIRE(shortage > 0.02); // some sector is short, or the test shows nothing
    const auto with = run(seed, 2.0);
    CHECK(share_of(*with, sector) > share_of(*without, sector) + 0.005);
  }
}

TEST_CASE("military pressure moves output towards the military sector") {
  // Pressure shifts new capital to the military; output follows once it is built, so this
  // world runs ten years.
  const auto pressure = [](double m) {
    return [=](EconomyParams& p) {
      p.end = {1937, 12};
      p.planner.military_pressure = m;
    };
  };
  const auto military_share = [&](double m) {
    const auto military = static_cast<std::size_t>(Sector::military);
    return mean_of(pressure(m), "output_true", military, "sector") /
           mean_of(pressure(m), "output_true");
  };
  CHECK(military_share(1.0) > military_share(0.0) * 1.1);
}

TEST_CASE("a leadership heeding discontent moves new capital towards consumer goods") {
  // The weight is 1 + response x mean discontent, set each January; consumer output follows.
  const auto heeding = [](double response) {
    return [=](EconomyParams& p) {
      p.end = {1937, 12};
      p.planner.discontent_response = response;
    };
  };
  for (auto seed : seeds) {
    auto params = planning_world(seed);
    heeding(40.0)(params);
    Economy economy(params);
    economy.run();
    const auto weight = economy.recorder().history_of("consumer_weight");
    const auto discontent = economy.recorder().history_of("discontent");
    CHECK(weight[0] < 1.05); // January 1928: hardly anybody is discontented yet
    // Set from the households' discontent as it stood when each January's investment ran:
    // between the means recorded at the end of December and of January.
    for (std::size_t january = 12; january < weight.size(); january += 12) {
      const double low = std::min(discontent[january - 1], discontent[january]);
      const double high = std::max(discontent[january - 1], discontent[january]);
      CHECK(weight[january] >= 1.0 + 40.0 * low - 1e-12);
      CHECK(weight[january] <= 1.0 + 40.0 * high + 1e-12);
      CHECK(weight[january + 11] == weight[january]); // held for the year
    }
    CHECK(weight.back() > 1.1);
  }
  const auto consumer = static_cast<std::size_t>(Sector::consumer);
  const auto consumer_share = [&](double response) {
    return mean_of(heeding(response), "output_true", consumer, "sector") /
           mean_of(heeding(response), "output_true");
  };
  CHECK(consumer_share(40.0) > consumer_share(0.0) * 1.05);
  CHECK(mean_of(heeding(0.0), "consumer_weight") == 1.0);
}
