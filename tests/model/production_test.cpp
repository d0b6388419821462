// Production (production.cpp, enterprise.cpp): the ratchet, hoarding, falsification and the
// bonus schemes at work in a tiny world.

#include "planning_world.hpp"

#include <doctest/doctest.h>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {
const auto& seeds = planning_seeds;
} // namespace

TEST_CASE("a stronger ratchet raises hidden capacity and bunching at 100-105 %") {
  const auto ratchet = [](double lambda) {
    return [=](EconomyParams& p) { p.enterprises.ratchet = lambda; };
  };
  CHECK(mean_of(ratchet(0.9), "hidden_capacity_share") >
        mean_of(ratchet(0.1), "hidden_capacity_share") + 0.05);
  CHECK(mean_of(ratchet(0.9), "plan_fulfilment_100_105") >
        mean_of(ratchet(0.1), "plan_fulfilment_100_105") + 0.1);
}

TEST_CASE("a soft budget raises the hoarding ratio") {
  const auto bailout = [](double p_b) {
    return [=](EconomyParams& p) { p.enterprises.bailout_probability = p_b; };
  };
  CHECK(mean_of(bailout(1.0), "hoarding_ratio") > mean_of(bailout(0.0), "hoarding_ratio") * 1.1);
}

TEST_CASE("rarer audits raise report inflation") {
  const auto audits = [](double p_a) {
    return [=](EconomyParams& p) { p.enterprises.audit_probability = p_a; };
  };
  CHECK(mean_of(audits(0.0), "report_inflation") >
        mean_of(audits(0.5), "report_inflation") + 0.005);
  CHECK(mean_of(audits(0.5), "report_inflation") == doctest::Approx(1.0).epsilon(0.002));
}

TEST_CASE("Weitzman's scheme makes hiding capacity less worth while than the plain bonus") {
  const auto scheme = [](BonusScheme s) {
    return [=](EconomyParams& p) {
      p.enterprises.ratchet = 0.5;
      p.enterprises.bonus_scheme = s;
    };
  };
  CHECK(mean_of(scheme(BonusScheme::weitzman), "hidden_capacity_share") <
        mean_of(scheme(BonusScheme::plain), "hidden_capacity_share") - 0.02);
}

TEST_CASE("enterprises report to their glavk monthly under the plan, each December under the "
          "market") {
  const auto reports_in_year = [](PlanningMethod method) {
    auto params = planning_world(12);
    params.planner.method = method;
    params.end = {1929, 12};
    Economy economy(params);
    economy.run();
    // What the glavks know of their enterprises was sent in the month origin_tick says.
    std::vector<int> months;
    for (const auto& report : economy.hierarchy().known(enterprise_level)) {
      months.push_back(static_cast<int>(report.origin_tick));
    }
    return months;
  };
  for (int month : reports_in_year(PlanningMethod::market)) {
    CHECK((month == 11 || month == 23 || month == 0)); // Decembers (or the census)
  }
  int recent = 0;
  for (int month : reports_in_year(PlanningMethod::material_balances)) {
    recent += month >= 18 ? 1 : 0; // at most a few months old at the end of 1929
  }
  CHECK(recent > 50);
}

TEST_CASE("a soft budget raises the share of input requests that is buffer, not need") {
  const auto bailout = [](double p_b) {
    return [=](EconomyParams& p) { p.enterprises.bailout_probability = p_b; };
  };
  const double soft = mean_of(bailout(1.0), "buffer_request_share");
  const double hard = mean_of(bailout(0.0), "buffer_request_share");
  CHECK(soft > hard + 0.02);
  CHECK(soft < 1.0);
}

TEST_CASE("with little substitution (sigma 0.4) the capital the economy accumulates yields less") {
  for (auto seed : seeds) {
    auto cobb_douglas = tiny_world(seed, 1950);
    cobb_douglas.enterprises.depreciation = 0.002; // capital deepens
    auto low_sigma = cobb_douglas;
    low_sigma.enterprises.substitution_elasticity = 0.4;
    const auto output_cd = run_series(cobb_douglas, {}, "capacity_true");
    const auto output_low = run_series(low_sigma, {}, "capacity_true");
    // Every plant starts at its design intensity, where the two agree.
    CHECK(output_low.front() == doctest::Approx(output_cd.front()).epsilon(1e-9));
    const double late_cd = mean(output_cd, output_cd.size() / 2, output_cd.size());
    const double late_low = mean(output_low, output_low.size() / 2, output_low.size());
    CHECK(late_low < 0.97 * late_cd);
  }
}
