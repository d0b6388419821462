#include "tiny_world.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/model/economy.hpp"

#include <doctest/doctest.h>

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

// Mean of a series over the second half of the run, averaged over the seeds.
double mean_over_seeds(const std::function<void(EconomyParams&)>& change, const char* series) {
  double total = 0.0;
  for (auto seed : seeds) {
    auto params = tiny(seed);
    change(params);
    Economy economy(params);
    economy.run();
    const auto values = economy.recorder().history_of(series);
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
  p.enterprises.ratchet = 0.0; // nobody hides capacity
  p.enterprises.honesty_mean = 1.0;
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
