// State retail and the consumer markets (retail.cpp): what households want, buy and cannot buy.

#include "consumer_world.hpp"

#include <doctest/doctest.h>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

TEST_CASE("what nobody could serve is unmet demand, at most what was wanted") {
  for (auto seed : consumer_seeds) {
    Economy economy(consumer_world(seed));
    economy.run();
    const auto& markets = economy.markets();
    double wanted = 0.0, unmet = 0.0;
    for (const auto& tally : markets.tally()) {
      CHECK(tally.unmet >= 0.0);
      CHECK(tally.unmet <= tally.wanted * (1.0 + 1e-9));
      wanted += tally.wanted;
      unmet += tally.unmet;
    }
    CHECK(economy.recorder().history_of("shortage_consumer").back() ==
          doctest::Approx(unmet / wanted));
  }
}

TEST_CASE("households cannot buy more than shops and artels had: empty shelves mean shortage") {
  // Consumers want three times what the state supplies: shortage and forced savings appear.
  auto params = consumer_world(21);
  no_artels(params);
  const auto normal = run_series(params, {}, "shortage_consumer");
  params.households.saving_rate = 0.0;
  params.planner.wage_drift = 2.0; // a wage fund far above the goods to buy
  const auto squeezed = run_series(params, {}, "shortage_consumer");
  const auto overhang = run_series(params, {}, "monetary_overhang");
  CHECK(mean(squeezed, 24, 72) > mean(normal, 24, 72) + 0.1);
  CHECK(overhang.back() > 0.0);
}
