#include "tiny_world.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/model/economy.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>
#include <vector>

using namespace plansim;
using namespace plansim::model;

namespace {

constexpr std::uint64_t seeds[] = {11, 12, 13};

// The tiny world, four years.
EconomyParams tiny(std::uint64_t seed) {
  return testing::tiny_world(seed, 1931);
}

// Mean of a series (column `column` of a grouped one) over the second half of the run,
// averaged over the seeds.
double mean_over_seeds(const std::function<void(EconomyParams&)>& change, const char* series,
                       std::size_t column = 0, const char* group = "") {
  double total = 0.0;
  for (auto seed : seeds) {
    auto params = tiny(seed);
    change(params);
    Economy economy(params);
    economy.run();
    const auto values = economy.recorder().history_of(series, column, group);
    const auto half = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    total += std::accumulate(half, values.end(), 0.0) / static_cast<double>(values.end() - half);
  }
  return total / static_cast<double>(std::size(seeds));
}

void perfect_information(EconomyParams& p) {
  p.report_channel = {0, 0, 0.0, 0.0};
  p.directive_channel = {0, 0, 0.0, 0.0};
  p.bureaucracy.competence_noise = 0.0;
  p.bureaucracy.career_inflation = 0.0;
  p.enterprises.ratchet = 0.0;           // nobody hides capacity
  p.enterprises.honesty_mean = 1.0;      // honest managers: honesty U(0.5, 1) ...
  p.enterprises.falsification_max = 0.0; // ... and none of them can inflate a report
}

} // namespace

TEST_CASE("with instant, exact reports and honest managers the planner knows true capacity") {
  const double error = mean_over_seeds(perfect_information, "planner_information_error");
  CHECK(error < 0.02);
  const double age = mean_over_seeds(perfect_information, "planner_information_age");
  CHECK(age < 0.5);
}

TEST_CASE("delay and noise in reports raise the planner's information error and misallocation") {
  const auto with = [](int latency, double noise) {
    return [=](EconomyParams& p) {
      perfect_information(p);
      p.report_channel = {latency, 1, noise, 0.0};
    };
  };
  const double clear_error = mean_over_seeds(with(0, 0.0), "planner_information_error");
  const double late_error = mean_over_seeds(with(6, 0.0), "planner_information_error");
  const double noisy_error = mean_over_seeds(with(0, 0.3), "planner_information_error");
  CHECK(late_error > clear_error);
  CHECK(noisy_error > clear_error + 0.05);
  CHECK(mean_over_seeds(with(6, 0.0), "planner_information_age") > 6.0);
  CHECK(mean_over_seeds(with(6, 0.3), "misallocation") >
        mean_over_seeds(with(0, 0.0), "misallocation"));
}

TEST_CASE("a stronger ratchet raises hidden capacity and bunching at 100-105 %") {
  const auto ratchet = [](double lambda) {
    return [=](EconomyParams& p) { p.enterprises.ratchet = lambda; };
  };
  CHECK(mean_over_seeds(ratchet(0.9), "hidden_capacity_share") >
        mean_over_seeds(ratchet(0.1), "hidden_capacity_share") + 0.05);
  CHECK(mean_over_seeds(ratchet(0.9), "plan_fulfilment_100_105") >
        mean_over_seeds(ratchet(0.1), "plan_fulfilment_100_105") + 0.1);
}

TEST_CASE("a soft budget raises the hoarding ratio") {
  const auto bailout = [](double p_b) {
    return [=](EconomyParams& p) { p.enterprises.bailout_probability = p_b; };
  };
  CHECK(mean_over_seeds(bailout(1.0), "hoarding_ratio") >
        mean_over_seeds(bailout(0.0), "hoarding_ratio") * 1.1);
}

TEST_CASE("rarer audits raise report inflation") {
  const auto audits = [](double p_a) {
    return [=](EconomyParams& p) { p.enterprises.audit_probability = p_a; };
  };
  CHECK(mean_over_seeds(audits(0.0), "report_inflation") >
        mean_over_seeds(audits(0.5), "report_inflation") + 0.005);
  CHECK(mean_over_seeds(audits(0.5), "report_inflation") == doctest::Approx(1.0).epsilon(0.002));
}

TEST_CASE("the bureaucracy grows with the number of goods, and less under the market") {
  const auto world = [](int goods, PlanningMethod method) {
    return [=](EconomyParams& p) {
      p.goods.count = goods;
      p.enterprises.count = 300;
      p.planner.method = method;
    };
  };
  const double few = mean_over_seeds(world(10, PlanningMethod::material_balances), "bureaucrats");
  const double many = mean_over_seeds(world(150, PlanningMethod::material_balances), "bureaucrats");
  const double market = mean_over_seeds(world(150, PlanningMethod::market), "bureaucrats");
  CHECK(many > few + 2.0);
  CHECK(market < many - 2.0);
}

TEST_CASE("economies differing only in their accumulation share start from the same state") {
  const auto first_capital = [](const std::function<void(EconomyParams&)>& change) {
    auto params = tiny(11);
    params.end = {1928, 1};
    change(params);
    Economy economy(params);
    economy.run();
    return economy.recorder().history_of("capital_stock").front();
  };
  const auto investing = [](double share) {
    return [=](EconomyParams& p) { p.planner.accumulation_share = share; };
  };
  const auto having_invested = [](double share) {
    return [=](EconomyParams& p) { p.planner.initial_accumulation_share = share; };
  };
  CHECK(first_capital(investing(0.15)) == first_capital(investing(0.35)));
  CHECK(first_capital(having_invested(0.35)) > first_capital(having_invested(0.15)) * 1.2);
}

TEST_CASE("the stop-go rule cuts investment when tension is high") {
  const auto stop_go = [](bool on, double threshold) {
    return [=](EconomyParams& p) {
      p.planner.stop_go = on;
      p.planner.stop_go_threshold = threshold;
    };
  };
  const double off = mean_over_seeds(stop_go(false, 0.0), "investment_share");
  const double always = mean_over_seeds(stop_go(true, 0.0), "investment_share");
  const double never = mean_over_seeds(stop_go(true, 100.0), "investment_share");
  CHECK(always < off * 0.8);
  CHECK(never == doctest::Approx(off)); // a threshold tension never reaches changes nothing
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
  const double fed = mean_over_seeds(hunger(1.0, false), "investment_share");
  const double plain = mean_over_seeds(hunger(0.0, false), "investment_share");
  CHECK(fed > plain + 0.02);
  CHECK(mean_over_seeds(hunger(1.0, false), "output_stock_ratio") <
        mean_over_seeds(hunger(0.0, false), "output_stock_ratio") * 0.8);
  // A stop phase halts the hungry starts too: a year without investment, then one month that
  // takes what piled up meanwhile.
  for (auto seed : seeds) {
    auto params = tiny(seed);
    hunger(1.0, true)(params);
    Economy economy(params);
    economy.run();
    const auto investment = economy.recorder().history_of("investment_share");
    const auto idle = std::count(investment.begin() + 1, investment.end(), 0.0);
    CHECK(idle >= static_cast<std::ptrdiff_t>(investment.size() * 4 / 5));
  }
}

TEST_CASE("a sector whose goods pile up unsold gets less new capital") {
  // Without investment hunger heavy industry's goods pile up in this world (the ratchet of
  // configs/calibrated.yaml); capital takes years to build, so it runs eighteen.
  const auto heavy_share = [](std::uint64_t seed, double b) {
    auto params = testing::tiny_world(seed, 1945);
    params.enterprises.ratchet = 0.3;
    params.planner.investment_from_surplus = b;
    Economy economy(params);
    economy.run();
    const auto heavy = static_cast<std::size_t>(Sector::heavy);
    const auto of_heavy = economy.recorder().history_of("output_true", heavy, "sector");
    const auto all = economy.recorder().history_of("output_true");
    const auto half = of_heavy.size() / 2;
    return std::accumulate(of_heavy.begin() + half, of_heavy.end(), 0.0) /
           std::accumulate(all.begin() + half, all.end(), 0.0);
  };
  for (auto seed : seeds) {
    CHECK(heavy_share(seed, 1.0) < heavy_share(seed, 0.0) - 0.01);
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
    return mean_over_seeds(pressure(m), "output_true", military, "sector") /
           mean_over_seeds(pressure(m), "output_true");
  };
  CHECK(military_share(1.0) > military_share(0.0) * 1.1);
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
  const double competent = mean_over_seeds(bureaus(1.0, 0.0), "planner_information_error");
  const double loyal = mean_over_seeds(bureaus(0.0, 0.0), "planner_information_error");
  const double inflating = mean_over_seeds(bureaus(0.0, 0.3), "planner_information_error");
  CHECK(loyal > competent + 0.02);
  CHECK(inflating > loyal);
}

TEST_CASE("tauter plans leave more enterprises short of target") {
  const auto tautness = [](double t) { return [=](EconomyParams& p) { p.planner.tautness = t; }; };
  CHECK(mean_over_seeds(tautness(1.3), "plan_fulfilment_below_100") >
        mean_over_seeds(tautness(0.9), "plan_fulfilment_below_100") + 0.1);
}

TEST_CASE("material balancing cuts the plans of short goods' users") {
  const auto balancing = [](int rounds, int goods) {
    return [=](EconomyParams& p) {
      p.planner.tautness = 1.2; // plans that do not fit
      p.planner.balance_iterations = rounds;
      p.planner.balanced_goods = goods;
    };
  };
  const double unbalanced = mean_over_seeds(balancing(0, 277), "shortage_inputs");
  const double balanced = mean_over_seeds(balancing(6, 277), "shortage_inputs");
  const double none_checked = mean_over_seeds(balancing(6, 0), "shortage_inputs");
  CHECK(balanced < unbalanced * 0.7);
  CHECK(none_checked == doctest::Approx(unbalanced)); // P = 0: nothing is balanced
}

TEST_CASE("prices move only under the market method") {
  const auto method = [](PlanningMethod m) {
    return [=](EconomyParams& p) { p.planner.method = m; };
  };
  CHECK(mean_over_seeds(method(PlanningMethod::material_balances), "price_index") == 1.0);
  CHECK(std::abs(mean_over_seeds(method(PlanningMethod::market), "price_index") - 1.0) > 0.005);
}

TEST_CASE("Weitzman's scheme makes hiding capacity less worth while than the plain bonus") {
  const auto scheme = [](BonusScheme s) {
    return [=](EconomyParams& p) {
      p.enterprises.ratchet = 0.5;
      p.enterprises.bonus_scheme = s;
    };
  };
  CHECK(mean_over_seeds(scheme(BonusScheme::weitzman), "hidden_capacity_share") <
        mean_over_seeds(scheme(BonusScheme::plain), "hidden_capacity_share") - 0.02);
}

TEST_CASE("unsold output stays in its producers' stocks; the military and the shops take all") {
  for (auto seed : seeds) {
    auto params = tiny(seed);
    params.enterprises.ratchet = 0.3; // configs/calibrated.yaml: heavy goods beyond planned uses
    Economy economy(params);
    economy.run();
    double stocks = 0.0, made = 0.0;
    for (const auto& firm : economy.enterprises()) {
      const Sector sector = economy.goods().sector(firm.good);
      if (sector == Sector::military || sector == Sector::consumer) {
        CHECK(firm.output_stock == doctest::Approx(0.0));
      }
      CHECK(firm.output_stock >= 0.0);
      stocks += firm.output_stock;
      made += firm.output;
    }
    CHECK(stocks > 0.0);
    CHECK(economy.recorder().history_of("output_stock_ratio").back() ==
          doctest::Approx(stocks / made));
  }
}

TEST_CASE("market firms keep the output stock they aim at; planned enterprises ignore it") {
  const auto world = [](PlanningMethod method, double months) {
    return [=](EconomyParams& p) {
      p.planner.method = method;
      p.enterprises.output_stock_months = months;
    };
  };
  // Margins and capacity bind first, so the stocks stay well below the aim; but a firm that
  // wants no stock sells what it has.
  const double wanted = mean_over_seeds(world(PlanningMethod::market, 6.0), "output_stock_ratio");
  const double none = mean_over_seeds(world(PlanningMethod::market, 0.0), "output_stock_ratio");
  CHECK(wanted > 0.02);
  CHECK(none < wanted / 10.0);
  // The plan counts what was made, not what was sold: the market's parameter changes nothing.
  CHECK(mean_over_seeds(world(PlanningMethod::material_balances, 6.0), "output_true") ==
        mean_over_seeds(world(PlanningMethod::material_balances, 0.0), "output_true"));
}

TEST_CASE("an economy's series are bitwise identical at 1, 2 and 4 threads") {
  const auto run = [](int threads, std::uint64_t seed) {
    engine::ThreadLimit limit(threads);
    auto params = tiny(seed);
    params.enterprises.count = 600; // several chunks per parallel loop
    Economy economy(params);
    economy.run();
    std::vector<double> flat;
    for (const auto& frame : economy.recorder().history()) {
      flat.insert(flat.end(), frame.values.begin(), frame.values.end());
    }
    return flat;
  };
  const auto one = run(1, 5);
  const auto same = [&](const std::vector<double>& other) {
    return other.size() == one.size() &&
           std::memcmp(other.data(), one.data(), one.size() * sizeof(double)) == 0;
  };
  CHECK(same(run(2, 5)));
  CHECK(same(run(4, 5)));
  CHECK_FALSE(same(run(2, 6)));
}

TEST_CASE("policy changes apply at their tick and are logged") {
  auto params = tiny(1);
  Economy economy(params);
  economy.set_policy([](int tick, EconomyParams& p) {
    PolicyChanges changes;
    if (tick == 24) {
      p.enterprises.audit_probability = 1.0;
      changes.parameter_changes.push_back("enterprises.audit_probability = 1");
    }
    return changes;
  });
  economy.run();
  CHECK(economy.params().enterprises.audit_probability == 1.0);
  const auto events = economy.take_events();
  REQUIRE_FALSE(events.empty());
  CHECK(events.front().tick == 24);
  const auto falsified = economy.recorder().history_of("falsified_share");
  CHECK(falsified.back() == 0.0); // with certain audits nobody falsifies
}

TEST_CASE("an economy runs on a given input-output matrix") {
  auto params = tiny(1);
  // Goods 0-1 military, 2-4 heavy, 5-8 materials, 9-11 consumer in the tiny world.
  params.goods.matrix = {{0, 2, 0.2}, {9, 5, 0.3}, {10, 6, 0.3}, {11, 7, 0.3}, {2, 8, 0.1}};
  Economy economy(params);
  CHECK(economy.goods().inputs(9)[0].input == 5);
  CHECK(economy.goods().inputs(3).empty());
  economy.run();
  CHECK(economy.recorder().history_of("output_true").back() > 0.0);
}

TEST_CASE("panel snapshots: enterprises by position, households and artels by id") {
  auto params = testing::tiny_world(5, 1929);
  params.households.workforce_growth = 0.1;
  params.panel_every = 6;
  params.panel = {};
  params.panel_households = {"income", "workplace", "employer"};
  params.panel_artels = {"members"};
  Economy economy(params);
  const auto panels = economy.panels();
  REQUIRE(panels.size() == 2); // no enterprise fields: no enterprise panel
  CHECK(panels[0].kind == "households");
  CHECK(panels[0].by_id);
  CHECK(panels[0].agents == 2000);
  CHECK(panels[1].kind == "artels");
  economy.run();
  std::vector<std::size_t> widths;
  for (const auto& frame : economy.recorder().history()) {
    if (frame.tick % 6 != 0) {
      CHECK(frame.panels.empty());
      continue;
    }
    REQUIRE(frame.panels.size() == 2);
    REQUIRE(frame.panels[0].size() % 3 == 0);
    widths.push_back(frame.panels[0].size() / 3);
  }
  CHECK(widths.size() == 4);
  CHECK(widths.front() == 2000);
  CHECK(widths.back() == economy.households().id_bound()); // grew in January 1929
  CHECK(widths.back() > widths.front());
  // The last snapshot (December 1929 is tick 23; the last one is tick 18) has each live
  // worker's workplace and employer in its id's column; the ids of the dead are NaN.
  const auto& last = economy.recorder().history()[18].panels[0];
  const std::size_t width = last.size() / 3;
  std::size_t alive = 0;
  for (std::size_t id = 0; id < width; ++id) {
    const double workplace = last[width + id];
    const double employer = last[2 * width + id];
    if (std::isnan(workplace)) {
      CHECK(std::isnan(employer));
      continue;
    }
    ++alive;
    CHECK((workplace == 0.0 || workplace == 1.0));
    if (workplace == 0.0) {
      CHECK(employer < double(economy.enterprises().size()));
    }
  }
  CHECK(alive > 2000);
  CHECK(Economy::household_panel_fields().front() == "region");
  CHECK(Economy::artel_panel_fields().size() > 5);
}
