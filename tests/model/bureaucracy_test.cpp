// The bureaucracy (bureaucracy.cpp): reports up through delayed, noisy channels, staffing,
// promotion.

#include "planning_world.hpp"

#include <doctest/doctest.h>

using namespace plansim;
using namespace plansim::model;
using namespace plansim::model::testing;

namespace {
const auto& seeds = planning_seeds;
} // namespace

TEST_CASE("with instant, exact reports and honest managers the planner knows true capacity") {
  CHECK(mean_of(perfect_information, "planner_information_error") < 0.02);
  CHECK(mean_of(perfect_information, "planner_information_age") < 0.5);
}

TEST_CASE("delay and noise in reports raise the planner's information error and misallocation") {
  const auto with = [](int latency, double noise) {
    return [=](EconomyParams& p) {
      perfect_information(p);
      p.report_channel = {latency, 1, noise, 0.0};
    };
  };
  const double clear_error = mean_of(with(0, 0.0), "planner_information_error");
  const double late_error = mean_of(with(6, 0.0), "planner_information_error");
  const double noisy_error = mean_of(with(0, 0.3), "planner_information_error");
  CHECK(late_error > clear_error);
  CHECK(noisy_error > clear_error + 0.05);
  CHECK(mean_of(with(6, 0.0), "planner_information_age") > 6.0);
  CHECK(mean_of(with(6, 0.3), "misallocation") > mean_of(with(0, 0.0), "misallocation"));
}

TEST_CASE("the bureaucracy grows with the number of goods, and less under the market") {
  const auto world = [](int goods, PlanningMethod method) {
    return [=](EconomyParams& p) {
      p.goods.count = goods;
      p.enterprises.count = 300;
      p.planner.method = method;
    };
  };
  const double few = mean_of(world(10, PlanningMethod::material_balances), "bureaucrats");
  const double many = mean_of(world(150, PlanningMethod::material_balances), "bureaucrats");
  const double market = mean_of(world(150, PlanningMethod::market), "bureaucrats");
  CHECK(many > few + 2.0);
  CHECK(market < many - 2.0);
}

TEST_CASE("officials promoted for loyalty and inflating for their careers blur the plan") {
  const auto bureaus = [](double competence_weight, double career_inflation) {
    return [=](EconomyParams& p) {
      perfect_information(p);
      p.bureaucracy.competence_noise = 0.3;
      p.bureaucracy.competence_weight = competence_weight;
      p.bureaucracy.career_inflation = career_inflation;
    };
  };
  const double competent = mean_of(bureaus(1.0, 0.0), "planner_information_error");
  const double loyal = mean_of(bureaus(0.0, 0.0), "planner_information_error");
  const double inflating = mean_of(bureaus(0.0, 0.3), "planner_information_error");
  CHECK(loyal > competent + 0.02);
  CHECK(inflating > loyal);
}

TEST_CASE("a glavk splits its target over its enterprises by the ratchet base") {
  // With a ratchet of 0 the base is last year's target, so the enterprises of one glavk node
  // keep their targets in proportion when the second plan (January 1929) comes down; with
  // instant directives it reaches them in February.
  auto params = planning_world(11);
  perfect_information(params);
  Economy economy(params);
  for (int tick = 0; tick <= 12; ++tick) {
    economy.pipeline().run_tick(tick);
  }
  std::vector<double> before;
  for (const auto& firm : economy.enterprises()) {
    before.push_back(firm.target);
  }
  economy.pipeline().run_tick(13);
  const auto& hierarchy = economy.hierarchy();
  const auto& firms = economy.enterprises();
  int changed = 0;
  for (std::size_t node = 0; node < hierarchy.nodes(glavk_level).size(); ++node) {
    const auto children = hierarchy.children(glavk_level, node);
    const double ratio = firms[children[0]].target / before[children[0]];
    changed += ratio != doctest::Approx(1.0) ? 1 : 0;
    for (auto child : children) {
      CHECK(firms[child].target / before[child] == doctest::Approx(ratio).epsilon(1e-9));
    }
  }
  CHECK(changed > 0); // the new plan did come down
}
