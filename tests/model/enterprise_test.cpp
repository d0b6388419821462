#include "plansim/model/enterprise.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace plansim;
using namespace plansim::model;

namespace {
Enterprise firm_with(double capacity, double target, double horizon) {
  Enterprise e;
  e.capacity = capacity;
  e.target = target;
  e.manager.horizon_years = horizon;
  e.manager.honesty = 0.5;
  return e;
}
} // namespace

TEST_CASE("capacity is Cobb-Douglas in capital and labour") {
  Enterprise e;
  e.productivity = 2.0;
  e.capital = 8.0;
  e.workers = 1.0;
  EnterpriseParams params;
  params.capital_elasticity = 1.0 / 3.0;
  CHECK(capacity_of(e, params) == doctest::Approx(4.0));
}

TEST_CASE("CES capacity: Cobb-Douglas at the design intensity and in the limit sigma -> 1") {
  Enterprise e;
  e.productivity = 2.0;
  e.capital = 8.0;
  e.workers = 1.0;
  e.design_intensity = 8.0;
  EnterpriseParams params;
  params.capital_elasticity = 1.0 / 3.0;
  const double cobb_douglas = capacity_of(e, params);
  for (double sigma : {0.2, 0.4, 0.8, 1.5}) {
    params.substitution_elasticity = sigma;
    CHECK(capacity_of(e, params) == doctest::Approx(cobb_douglas));
  }
  // Away from the design intensity the CES approaches Cobb-Douglas as sigma -> 1.
  e.capital = 27.0;
  params.substitution_elasticity = 1.0;
  const double deepened = capacity_of(e, params); // 2 * 3 = 6
  CHECK(deepened == doctest::Approx(6.0));
  params.substitution_elasticity = 0.999;
  CHECK(capacity_of(e, params) == doctest::Approx(deepened).epsilon(1e-3));
}

TEST_CASE("with sigma below 1 capital beyond the design intensity yields less and less") {
  Enterprise e;
  e.productivity = 1.0;
  e.workers = 10.0;
  e.design_intensity = 1.0;
  EnterpriseParams params;
  params.capital_elasticity = 0.35;
  const auto gain_from_doubling = [&](double sigma, double capital) {
    params.substitution_elasticity = sigma;
    e.capital = capital;
    const double before = capacity_of(e, params);
    e.capital = 2.0 * capital;
    return capacity_of(e, params) / before;
  };
  // Cobb-Douglas: doubling capital always adds 2^0.35 - 1 = 27 %.
  CHECK(gain_from_doubling(1.0, 10.0) == doctest::Approx(std::pow(2.0, 0.35)));
  CHECK(gain_from_doubling(1.0, 40.0) == doctest::Approx(std::pow(2.0, 0.35)));
  // Weitzman's sigma 0.4: less at the design point, and less still once capital has deepened.
  CHECK(gain_from_doubling(0.4, 10.0) < std::pow(2.0, 0.35));
  CHECK(gain_from_doubling(0.4, 40.0) < gain_from_doubling(0.4, 10.0) - 0.05);
  // The CES is bounded by labour when sigma < 1: theta k0^alpha (1 - alpha)^(1 / rho) L.
  params.substitution_elasticity = 0.4;
  e.capital = 1e12;
  const double rho = (0.4 - 1.0) / 0.4;
  CHECK(capacity_of(e, params) == doctest::Approx(std::pow(0.65, 1.0 / rho) * 10.0));
  // Either input missing: nothing (sigma < 1).
  e.workers = 0.0;
  CHECK(capacity_of(e, params) == 0.0);
}

TEST_CASE("the ratchet makes long-horizon managers hide capacity; Weitzman's scheme less so") {
  EnterpriseParams params;
  params.ratchet = 0.5;
  CHECK_FALSE(hides_capacity(firm_with(100, 90, 1.0), params)); // 0.5 * 1 <= 1
  CHECK(hides_capacity(firm_with(100, 90, 3.0), params));       // 0.5 * 3 > 1
  params.ratchet = 0.0;
  CHECK_FALSE(hides_capacity(firm_with(100, 90, 30.0), params));
  params.ratchet = 0.5;
  params.bonus_scheme = BonusScheme::weitzman; // alpha / beta = 0.5
  CHECK_FALSE(hides_capacity(firm_with(100, 90, 3.0), params));
  CHECK(hides_capacity(firm_with(100, 90, 5.0), params));
}

TEST_CASE("a hiding manager fulfils the plan by 100-105 %, never above capacity") {
  EnterpriseParams params;
  params.ratchet = 0.9;
  for (std::uint32_t id = 0; id < 200; ++id) {
    engine::RandomStream random(1, engine::StreamKey{0, id, 0});
    const auto hider = firm_with(150, 100, 5.0);
    const double y = choose_planned_output(hider, params, random);
    CHECK(y >= 100.0);
    CHECK(y <= 105.0);
    engine::RandomStream again(1, engine::StreamKey{0, id, 0});
    CHECK(choose_planned_output(firm_with(102, 100, 5.0), params, again) <= 102.0);
    engine::RandomStream honest(1, engine::StreamKey{0, id, 0});
    CHECK(choose_planned_output(firm_with(150, 100, 0.5), params, honest) == 150.0);
  }
}

TEST_CASE("buffer stocks cost managers only under hard budgets") {
  const InputUse inputs[] = {{0, 0.2}, {1, 0.1}};
  EnterpriseParams params;
  params.precautionary_stock = 0.5;
  params.hoarding = 2.0;
  params.holding_cost = 2.0;
  const auto requested_with = [&](double bailout) {
    params.bailout_probability = bailout;
    Enterprise e;
    e.recent_output = 100;
    e.experienced_shortage = 0.3;
    request_inputs(e, inputs, 100, params);
    return e.requested[0];
  };
  const double soft = requested_with(1.0);
  const double hard = requested_with(0.0);
  CHECK(soft > hard);
  // Soft: buffer (0.5 + 2 * 0.3) / 1 = 1.1 months, topped up over three months.
  CHECK(soft == doctest::Approx(20.0 + 20.0 * 1.1 / 3.0));
}

TEST_CASE("output follows the scarcest input, softened by substitution") {
  const InputUse inputs[] = {{0, 0.5}, {1, 0.25}};
  Enterprise e;
  e.chosen_output = 100;
  e.stock = {50, 12.5, 0, 0}; // enough of the first, half of the second
  auto leontief = e;
  produce(leontief, inputs, 1.0);
  CHECK(leontief.output == doctest::Approx(50.0));
  CHECK(leontief.stock[1] == doctest::Approx(0.0));
  produce(e, inputs, 0.5);
  CHECK(e.output == doctest::Approx(100.0 * std::sqrt(0.5)));
  CHECK(e.stock[1] == 0.0); // never negative
}

TEST_CASE("under the market, output follows margins and what the firm can sell") {
  EnterpriseParams params;
  params.output_stock_months = 1.0;
  Enterprise e;
  e.capacity = 100;
  e.recent_sales = 80;                                            // room for 80 + 80 of stock
  CHECK(choose_market_output(e, 2.0, 1.0, 0.5, params) == 100.0); // margin covers labour
  CHECK(choose_market_output(e, 1.25, 1.0, 0.5, params) == doctest::Approx(50.0)); // half
  CHECK(choose_market_output(e, 0.9, 1.0, 0.5, params) == 0.0); // a loss on each unit
  e.output_stock = 100; // 20 short of the 80 + 80 a firm selling 80 wants to have
  CHECK(choose_market_output(e, 2.0, 1.0, 0.5, params) == doctest::Approx(60.0));
  e.output_stock = 200; // more than it wants: it sells down its stock
  CHECK(choose_market_output(e, 2.0, 1.0, 0.5, params) == 0.0);
  params.output_stock_months = 2.0;
  CHECK(choose_market_output(e, 2.0, 1.0, 0.5, params) == doctest::Approx(40.0));
}

TEST_CASE("shipping takes a share of output and output stock; the rest stays in stock") {
  Enterprise e;
  e.output = 30;
  e.output_stock = 10;
  e.recent_sales = 40;
  ship(e, 0.75);
  CHECK(e.shipped == doctest::Approx(30.0));
  CHECK(e.output_stock == doctest::Approx(10.0));
  CHECK(e.recent_sales < 40.0); // sales fell from 40 to 30
  CHECK(e.recent_sales > 30.0); // smoothed
  ship(e, 1.5);                 // shares outside 0..1 are clamped: nothing is created
  CHECK(e.shipped == doctest::Approx(40.0));
  CHECK(e.output_stock == 0.0);
}

TEST_CASE("managers falsify when short of target and audits are unlikely") {
  EnterpriseParams params;
  params.audit_probability = 0.01;
  params.audit_penalty = 3.0;
  params.falsification_max = 0.2;
  auto short_firm = firm_with(100, 100, 1.0);
  short_firm.output = 90;
  short_firm.manager.honesty = 0.2;
  write_report(short_firm, params, false);
  CHECK(short_firm.falsified);
  CHECK(short_firm.reported_output == doctest::Approx(100.0));

  auto audited = short_firm;
  params.audit_probability = 0.5;
  write_report(audited, params, false);
  CHECK_FALSE(audited.falsified);
  CHECK(audited.reported_output == 90);

  auto on_target = firm_with(100, 80, 1.0);
  on_target.output = 85;
  params.audit_probability = 0.0;
  write_report(on_target, params, true);
  CHECK_FALSE(on_target.falsified);
  CHECK(on_target.reported_capacity < on_target.capacity); // the hider reports what it made
}

TEST_CASE("bonuses: all or nothing at 100 % under the plain scheme, Weitzman's penalty below") {
  EnterpriseParams params;
  auto firm = firm_with(200, 100, 1.0);
  const auto bonus_at = [&](double reported) {
    firm.reported_output = reported;
    return bonus_of(firm, params);
  };
  params.bonus_scheme = BonusScheme::plain;
  CHECK(bonus_at(99.0) == 0.0);
  CHECK(bonus_at(100.0) == 1.0);
  CHECK(bonus_at(110.0) == doctest::Approx(1.1));
  params.bonus_scheme = BonusScheme::weitzman; // alpha 0.3 < beta 0.6 < gamma 0.9
  CHECK(bonus_at(100.0) == doctest::Approx(0.6));
  CHECK(bonus_at(110.0) == doctest::Approx(0.6 + 0.3 * 0.1));
  CHECK(bonus_at(90.0) == doctest::Approx(0.6 - 0.9 * 0.1));
  params.weitzman_gamma = 2.0; // a harsher penalty for falling short
  CHECK(bonus_at(90.0) == doctest::Approx(0.4));
  firm.target = 0.0;
  CHECK(bonus_of(firm, params) == 0.0);
}
