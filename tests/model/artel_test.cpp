#include "plansim/model/artel.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace plansim;
using namespace plansim::model;

TEST_CASE("an artel switches to the good in shortest supply only for a large enough gap") {
  ArtelParams params;
  params.switch_threshold = 0.1;
  const std::vector<double> wanted = {100, 100, 100};
  const std::vector<double> small_gap = {10, 15, 5};
  const std::vector<double> large_gap = {10, 40, 5};
  CHECK(choose_product(0, MarketView{small_gap, wanted}, params, true) == 0);
  CHECK(choose_product(0, MarketView{large_gap, wanted}, params, true) == 1);
  CHECK(choose_product(0, MarketView{large_gap, wanted}, params, false) == 0);
}

TEST_CASE("artel prices follow the shortage they see, inside the band") {
  ArtelParams params;
  params.price_band = 0.2;
  params.price_adjustment = 0.5;
  Artel artel;
  artel.output = 10.0;
  artel.price = 1.0;
  CHECK(adjust_price(artel, 0.3, params) == doctest::Approx(1.15));
  artel.price = 1.19;
  CHECK(adjust_price(artel, 1.0, params) == doctest::Approx(1.2));
  artel.price = 1.0;
  artel.stock = 5.0; // half of last month's output unsold
  CHECK(adjust_price(artel, 0.0, params) == doctest::Approx(0.8));
}

TEST_CASE("an artel aims at its sales plus its share of unmet demand, within capacity") {
  Artel artel;
  artel.recent_sales = 10.0;
  artel.stock = 2.0;
  CHECK(plan_output(artel, 5.0, 100.0) == doctest::Approx(13.0));
  CHECK(plan_output(artel, 5.0, 11.0) == doctest::Approx(11.0));
  artel.stock = 50.0;
  CHECK(plan_output(artel, 5.0, 100.0) == 0.0);
}

TEST_CASE("members share net income equally; low pay counts as a loss and closes the artel") {
  ArtelParams params;
  params.reinvestment = 0.1;
  params.min_pay = 0.5;
  params.loss_months = 2;
  Artel artel;
  artel.members = 4;
  artel.capital = 100.0;
  artel.revenue = 50.0;
  artel.material_cost = 10.0;
  settle_accounts(artel, params, 0.0, 0.01, 1.0);
  CHECK(artel.pay == doctest::Approx((40.0 - 4.0) / 4));
  CHECK(artel.capital == doctest::Approx(99.0 + 4.0));
  CHECK(artel.months_in_loss == 0);
  artel.revenue = 10.0; // pay 0 twice: closed
  settle_accounts(artel, params, 0.0, 0.01, 1.0);
  CHECK_FALSE(must_close(artel, params));
  settle_accounts(artel, params, 0.0, 0.01, 1.0);
  CHECK(must_close(artel, params));
}

TEST_CASE("the state's tax comes off an artel's sales") {
  ArtelParams params;
  params.reinvestment = 0.0;
  Artel artel;
  artel.members = 1;
  artel.revenue = 100.0;
  settle_accounts(artel, params, 0.25, 0.0, 1.0);
  CHECK(artel.pay == doctest::Approx(75.0));
}
