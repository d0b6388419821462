#include "plansim/model/consumer_markets.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace plansim::model;

TEST_CASE("a household buys at the cheapest seller first") {
  std::vector<Seller> sellers = {{1.2, 10.0, 0, 0, 3}, {1.0, 5.0, 0, 0, -1}};
  sort_by_price(sellers);
  CHECK(sellers[0].artel == -1);
  std::vector<PriceTier> tiers;
  pool_by_price(sellers, tiers);
  REQUIRE(tiers.size() == 2);
  double units = 0.0;
  const double left = buy(8.0, tiers, units);
  CHECK(units == doctest::Approx(7.5));
  CHECK(left == doctest::Approx(0.0));
  settle_tiers(tiers, sellers);
  CHECK(sellers[0].stock == doctest::Approx(0.0));
  CHECK(sellers[1].sold == doctest::Approx(2.5));
  CHECK(sellers[1].revenue == doctest::Approx(3.0));
}

TEST_CASE("sellers at the same price share buyers in proportion to their stock") {
  std::vector<Seller> sellers = {{1.0, 30.0, 0, 0, -1}, {1.0, 10.0, 0, 0, 0}};
  std::vector<PriceTier> tiers;
  pool_by_price(sellers, tiers);
  REQUIRE(tiers.size() == 1);
  double units = 0.0;
  CHECK(buy(4.0, tiers, units) == 0.0);
  CHECK(buy(4.0, tiers, units) == 0.0);
  settle_tiers(tiers, sellers);
  CHECK(sellers[0].sold == doctest::Approx(6.0));
  CHECK(sellers[1].sold == doctest::Approx(2.0));
}

TEST_CASE("money nobody can take is returned") {
  std::vector<Seller> sellers = {{1.0, 2.0, 0, 0, -1}};
  std::vector<PriceTier> tiers;
  pool_by_price(sellers, tiers);
  double units = 0.0;
  CHECK(buy(5.0, tiers, units) == doctest::Approx(3.0));
  CHECK(units == doctest::Approx(2.0));
}

TEST_CASE("artels see the queues of past months") {
  ConsumerMarkets markets(2, 3, 2);
  for (int month = 1; month <= 3; ++month) {
    for (auto& tally : markets.tally()) {
      tally.unmet = month;
      tally.wanted = 10.0 * month;
    }
    markets.remember_month();
  }
  CHECK(markets.remembered(1, 0).unmet[2] == 3.0);
  CHECK(markets.remembered(1, 1).unmet[2] == 2.0);
  CHECK(markets.remembered(0, 2).wanted[0] == 10.0);
  CHECK(markets.remembered(0, 9).wanted[0] == 10.0); // no further back than remembered
  CHECK(markets.remembered(0, 0).shortage(1) == doctest::Approx(0.1));
}
