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

namespace {

// Enterprise targets after each tick 0 .. last.
std::vector<std::vector<double>> targets_by_tick(const EconomyParams& params, int last) {
  Economy economy(params);
  std::vector<std::vector<double>> out;
  for (int tick = 0; tick <= last; ++tick) {
    economy.pipeline().run_tick(tick);
    auto& row = out.emplace_back();
    for (const auto& firm : economy.enterprises()) {
      row.push_back(firm.target);
    }
  }
  return out;
}

// How unevenly the glavks' enterprises saw their targets change between two plans: the
// standard deviation of log(after / before) within each glavk node, averaged over the nodes.
// Exact directives split by the ratchet base (ratchet 0) give 0.
double spread_within_glavks(const EconomyParams& params, const std::vector<double>& before,
                            const std::vector<double>& after) {
  const Economy economy(params);
  const auto& hierarchy = economy.hierarchy();
  double total = 0.0;
  const std::size_t node_count = hierarchy.nodes(glavk_level).size();
  for (std::size_t node = 0; node < node_count; ++node) {
    const auto children = hierarchy.children(glavk_level, node);
    double sum = 0.0;
    double sum2 = 0.0;
    for (auto child : children) {
      const double x = std::log(after[child] / before[child]);
      sum += x;
      sum2 += x * x;
    }
    const double n = double(children.size());
    total += std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)));
  }
  return total / double(node_count);
}

// The first tick at which each enterprise's target differs from the one it held at `from`.
double mean_arrival(const std::vector<std::vector<double>>& targets, int from) {
  const auto& held = targets[static_cast<std::size_t>(from)];
  double total = 0.0;
  for (std::size_t e = 0; e < held.size(); ++e) {
    int tick = from;
    while (static_cast<std::size_t>(tick + 1) < targets.size() &&
           targets[static_cast<std::size_t>(tick)][e] == held[e]) {
      ++tick;
    }
    total += tick - from;
  }
  return total / double(held.size());
}

} // namespace

TEST_CASE("bureaus promoted for competence split their targets more accurately") {
  const auto spread = [](double competence_weight, double competence_planning) {
    double total = 0.0;
    for (auto seed : seeds) {
      auto params = planning_world(seed);
      perfect_information(params);
      params.bureaucracy.competence_weight = competence_weight;
      params.bureaucracy.competence_planning = competence_planning;
      const auto targets = targets_by_tick(params, 13); // the January 1929 plan arrives in 13
      total += spread_within_glavks(params, targets[12], targets[13]);
    }
    return total / double(std::size(seeds));
  };
  CHECK(spread(0.0, 0.0) < 1e-9); // without the mechanism nobody errs
  const double competent = spread(1.0, 1.0);
  const double loyal = spread(0.0, 1.0);
  CHECK(competent > 0.01);
  CHECK(loyal > 2.0 * competent);
}

TEST_CASE("bureaus promoted for loyalty pass directives on faster and more faithfully") {
  struct Outcome {
    double spread = 0.0;
    double arrival = 0.0;
  };
  const auto outcome = [](double competence_weight, double loyalty_obedience) {
    Outcome out;
    for (auto seed : seeds) {
      auto params = planning_world(seed);
      perfect_information(params);
      params.directive_channel = {1, 1, 0.3, 0.0};
      params.bureaucracy.competence_weight = competence_weight;
      params.bureaucracy.loyalty_obedience = loyalty_obedience;
      const auto targets = targets_by_tick(params, 23); // the 1929 plan is down by tick 20
      out.spread +=
          spread_within_glavks(params, targets[12], targets[23]) / double(std::size(seeds));
      out.arrival += mean_arrival(targets, 12) / double(std::size(seeds));
    }
    return out;
  };
  const Outcome competent = outcome(1.0, 1.0);
  const Outcome loyal = outcome(0.0, 1.0);
  const Outcome unread = outcome(0.0, 0.0);
  CHECK(loyal.spread < 0.6 * competent.spread);
  CHECK(loyal.arrival < competent.arrival - 0.3);
  CHECK(unread.spread > competent.spread); // loyalty does nothing unless obedience is on
  CHECK(unread.arrival >= competent.arrival - 0.1);
}

TEST_CASE("caught cheating adds figures to every report, and the bureaus grow to read them") {
  const auto controls = [](double response, double audits) {
    return [=](EconomyParams& p) {
      p.bureaucracy.control_response = response;
      p.enterprises.audit_probability = audits;
    };
  };
  // Knock-outs: no response, or no audits (so nobody is caught): the forms stay as they were.
  CHECK(mean_of(controls(0.0, 0.05), "plan_indicators") == 1.0);
  CHECK(mean_of(controls(2.0, 0.0), "plan_indicators") == 1.0);
  const double indicators = mean_of(controls(2.0, 0.05), "plan_indicators");
  CHECK(indicators > 1.05);
  CHECK(mean_of(controls(4.0, 0.05), "plan_indicators") > indicators);
  // Each report costs its bureau as many messages' work as it carries figures, so more
  // indicators mean more officials.
  CHECK(mean_of(controls(4.0, 0.05), "bureaucrats") > mean_of(controls(0.0, 0.05), "bureaucrats"));
}

TEST_CASE("the indicators grow each January by the response times the catches per enterprise") {
  auto params = planning_world(11);
  params.bureaucracy.control_response = 2.0;
  const auto indicators = run_series(params, {}, "plan_indicators");
  const auto caught = run_series(params, {}, "managers_replaced");
  const auto firms = run_series(params, {}, "enterprises");
  // Summing each month's catches over that month's enterprises equals the code's yearly sum over
  // January's enterprises while no plant is founded (this world founds none).
  double expected = 1.0;
  for (std::size_t year = 1; 12 * year < indicators.size(); ++year) {
    double share = 0.0;
    for (std::size_t t = 12 * (year - 1); t < 12 * year; ++t) {
      share += caught[t] / firms[t];
    }
    expected *= 1.0 + 2.0 * share;
    CHECK(indicators[12 * year] == doctest::Approx(expected).epsilon(1e-9));
    CHECK(indicators[12 * year + 11] == indicators[12 * year]); // only in January
  }
  CHECK(expected > 1.0); // someone was caught, so the checks above were not vacuous
}
