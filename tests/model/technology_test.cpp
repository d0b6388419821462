// Technology (technology.cpp): when retooling pays a manager, and inventions and their
// adoption in a tiny world.

#include "tiny_runs.hpp"

#include "plansim/model/technology.hpp"

#include <doctest/doctest.h>

#include <numeric>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {

constexpr std::uint64_t seeds[] = {31, 32, 33};

TechnologyParams technology() {
  TechnologyParams p;
  p.invention_gain = 0.1;
  p.retooling_months = 6;
  p.retooling_loss = 0.5; // three months of output lost
  return p;
}

EconomyParams inventive_world(std::uint64_t seed) {
  auto p = tiny_world(seed, 1950);
  p.technology.invention_rate = 1.0;
  return p;
}

double total(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0);
}

double late_mean(const EconomyParams& params, const char* series) {
  const auto values = run_series(params, {}, series);
  return mean(values, values.size() / 2, values.size());
}

} // namespace

TEST_CASE("retooling pays when the gain over the horizon beats the months lost") {
  const auto p = technology();
  // Without a ratchet: 12 x 0.1 x H months of bonus against 3 lost: H > 2.5 years.
  CHECK_FALSE(adoption_pays(1.1, 2.4, 0.0, p));
  CHECK(adoption_pays(1.1, 2.6, 0.0, p));
  // The ratchet takes part of the gain into the target each year, so a longer horizon is
  // needed: 1.2 (1 - 0.7^H) / ln(1 / 0.7) > 3 needs H > 6.2 years at ratchet 0.3.
  CHECK_FALSE(adoption_pays(1.1, 6.1, 0.3, p));
  CHECK(adoption_pays(1.1, 6.4, 0.3, p));
  // At ratchet 0.5 the gain is bounded by 1.2 / ln 2 = 1.73 months: it never pays.
  CHECK_FALSE(adoption_pays(1.1, 100.0, 0.5, p));
  // Two inventions behind, the gain of 21 % pays sooner.
  CHECK(adoption_pays(1.21, 2.0, 0.0, p));
  auto free_retooling = p;
  free_retooling.retooling_loss = 0.0;
  CHECK(adoption_pays(1.1, 0.1, 0.5, free_retooling));
}

TEST_CASE("scrapping capital to retool makes plants wait for a larger gain") {
  for (auto seed : seeds) {
    const auto free_capital = inventive_world(seed);
    auto scrapping = free_capital;
    scrapping.technology.retooling_capital = 0.3;
    CHECK(late_mean(scrapping, "technique_gap") > late_mean(free_capital, "technique_gap") + 0.2);
  }
}

TEST_CASE("an enterprise keeps part of its capacity while it retools") {
  const auto p = technology();
  Enterprise firm;
  CHECK(retooling_factor(firm, p) == 1.0);
  firm.retooling_left = 2;
  CHECK(retooling_factor(firm, p) == 0.5);
}

TEST_CASE("without inventions nothing is invented, adopted or behind") {
  const auto params = tiny_world(31, 1935);
  for (const char* series : {"inventions", "adoptions", "technique_gap"}) {
    CHECK(total(run_series(params, {}, series)) == 0.0);
  }
}

TEST_CASE("inventions are adopted, and raise capacity over a world without them") {
  for (auto seed : seeds) {
    const auto params = inventive_world(seed);
    const double inventions = total(run_series(params, {}, "inventions"));
    // Four sectors, one a year each, over 23 years: about 92.
    CHECK(inventions == doctest::Approx(92).epsilon(0.25));
    CHECK(total(run_series(params, {}, "adoptions")) > 0.0);
    auto without = params;
    without.technology.invention_rate = 0.0;
    CHECK(late_mean(params, "capacity_true") > 1.2 * late_mean(without, "capacity_true"));
  }
}

TEST_CASE("the ratchet keeps planned enterprises further behind the frontier") {
  for (auto seed : seeds) {
    auto soft = inventive_world(seed);
    soft.enterprises.ratchet = 0.0;
    auto hard = soft;
    hard.enterprises.ratchet = 0.6;
    // Under the hard ratchet a manager waits until several inventions make retooling pay.
    CHECK(total(run_series(hard, {}, "adoptions")) <
          0.8 * total(run_series(soft, {}, "adoptions")));
    CHECK(late_mean(hard, "technique_gap") > late_mean(soft, "technique_gap") + 0.2);
    // Retooling that costs nothing is always taken up: the gap is what retooling takes.
    auto free_retooling = hard;
    free_retooling.technology.retooling_loss = 0.0;
    CHECK(late_mean(free_retooling, "technique_gap") < late_mean(soft, "technique_gap"));
  }
}

TEST_CASE("sparing retooled plants the ratchet makes retooling pay sooner") {
  auto p = technology();
  CHECK_FALSE(adoption_pays(1.1, 5.0, 0.3, p));
  p.ratchet_exemption_years = 3.0; // 3 years whole, then 2 ratcheted: 1.2 (3 + 1.37) > 3
  CHECK(adoption_pays(1.1, 5.0, 0.3, p));
  for (auto seed : seeds) {
    auto ratcheted = inventive_world(seed);
    ratcheted.enterprises.ratchet = 0.6;
    auto spared = ratcheted;
    spared.technology.ratchet_exemption_years = 5.0;
    CHECK(late_mean(spared, "technique_gap") < late_mean(ratcheted, "technique_gap") - 0.2);
  }
}

TEST_CASE("artels retool for consumer-goods inventions when it pays their members") {
  for (auto seed : seeds) {
    const auto params = inventive_world(seed);
    auto short_sighted = params;
    short_sighted.technology.artel_horizon_years = 0.5; // waits for a gain of a half and more
    const double gap = late_mean(params, "artel_technique_gap");
    CHECK(gap > 0.0);
    CHECK(gap < late_mean(short_sighted, "artel_technique_gap") - 0.5);
  }
}

TEST_CASE(
    "ministries' orders to retool close the planned plants' gap, and exist only under a plan") {
  for (auto seed : seeds) {
    auto hard = inventive_world(seed);
    hard.enterprises.ratchet = 0.6;
    auto ordered = hard;
    ordered.technology.order_gap = 1;
    CHECK(late_mean(ordered, "technique_gap") < late_mean(hard, "technique_gap") - 0.3);
    auto market = hard;
    market.planner.method = PlanningMethod::market;
    auto market_ordered = market;
    market_ordered.technology.order_gap = 1;
    CHECK(run_series(market_ordered, {}, "technique_gap") ==
          run_series(market, {}, "technique_gap"));
  }
}

TEST_CASE("the lag until half a sector's capacity uses an invention is timed, shorter when "
          "retooling is free") {
  for (auto seed : seeds) {
    auto hard = inventive_world(seed);
    hard.enterprises.ratchet = 0.6;
    const auto lag = run_series(hard, {}, "half_adoption_lag");
    CHECK(lag.front() == 0.0); // nothing invented yet has got that far
    CHECK(lag.back() > 0.5);
    auto free_retooling = hard;
    free_retooling.technology.retooling_loss = 0.0;
    // Free retooling is taken up each January: on average half a year plus the retooling.
    const double free_lag = late_mean(free_retooling, "half_adoption_lag");
    CHECK(free_lag > 0.5);
    CHECK(free_lag <= 1.5);
    CHECK(free_lag < late_mean(hard, "half_adoption_lag"));
  }
}
