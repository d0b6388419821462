#include "plansim/experiment/verdict.hpp"
#include "plansim/experiment/verdict_file.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <vector>

namespace fs = std::filesystem;
using namespace plansim;
using namespace plansim::experiment;

namespace {

using Figures = std::vector<std::optional<double>>;

// Arms a and b, their knock-out arms, and a placebo window (metric 1).
ExperimentSpec two_arm_spec(Expect expect) {
  ExperimentSpec spec;
  spec.id = "e02_demo";
  spec.claim = "Arm a gives more.";
  spec.arms = {Arm{"a", {}, false}, Arm{"b", {}, false}, Arm{"a/knockout", {}, true},
               Arm{"b/knockout", {}, true}};
  spec.replicates = 5;
  Hypothesis h;
  h.name = "main";
  h.metric.series = "output_true";
  h.metric.statistic = "mean";
  h.arm_a = "a";
  h.arm_b = "b";
  h.expect = expect;
  h.knockout = KnockOut{"the mechanism", {{"enterprises.ratchet", "0"}}};
  h.knockout_a = "a/knockout";
  h.knockout_b = "b/knockout";
  sweep::MetricSpec placebo = h.metric;
  placebo.name = "main_placebo";
  placebo.from = engine::YearMonth{1928, 1};
  placebo.to = engine::YearMonth{1928, 6};
  h.placebo.metric = placebo;
  h.metric_index = 0;
  h.placebo_metric_index = 1;
  spec.hypotheses = {h};
  return spec;
}

ArmFigures arm(std::string name, Figures figures, Figures placebo) {
  ArmFigures result;
  result.name = std::move(name);
  result.figures = {std::move(figures), std::move(placebo)};
  result.status.assign(result.figures[0].size(), "complete");
  result.seeds.assign(result.figures[0].size(), 1);
  return result;
}

const Figures flat = {10.0, 10.1, 9.9, 10.2, 10.0};
const Figures flat_too = {10.05, 10.0, 9.95, 10.15, 10.05};

// a above b; the knock-out removes the gap; no difference in the placebo window.
std::vector<ArmFigures> effect_with(Figures knockout_a) {
  return {arm("a", {10.4, 11.1, 10.9, 10.6, 11.3}, flat),
          arm("b", {10.0, 10.2, 10.1, 10.3, 10.4}, flat_too),
          arm("a/knockout", std::move(knockout_a), flat),
          arm("b/knockout", {10.0, 10.2, 10.1, 10.3, 10.4}, flat)};
}
const auto a_above_b = effect_with({10.05, 10.15, 10.1, 10.35, 10.4});

} // namespace

TEST_CASE("a clear effect that the knock-out removes and the placebo lacks is supported") {
  const auto v = judge(two_arm_spec(Expect::greater), a_above_b, {});
  REQUIRE(v.hypotheses.size() == 1);
  const auto& h = v.hypotheses[0];
  CHECK(h.significant);
  CHECK(h.shrinks);
  CHECK(h.placebo_passed);
  CHECK(v.supported);
  CHECK(v.label == "supported");
  CHECK(h.effect.estimate == doctest::Approx(0.66));
  CHECK(h.knockout->estimate == doctest::Approx(0.01));
  CHECK(h.shrink->estimate == doctest::Approx(0.65));
  CHECK(h.runs_used == 10);
  CHECK(h.effect.bootstrapped);
}

TEST_CASE("an effect that survives the knock-out is not attributable to the mechanism") {
  const auto survives = effect_with({10.4, 11.1, 10.9, 10.6, 11.3});
  const auto v = judge(two_arm_spec(Expect::greater), survives, {});
  CHECK(v.hypotheses[0].significant);
  CHECK(!v.hypotheses[0].shrinks);
  CHECK(v.label == "not attributable");
  CHECK(!v.supported);
}

TEST_CASE("an effect in the placebo window makes it not attributable") {
  auto arms = a_above_b;
  arms[0].figures[1] = {11.0, 11.2, 10.9, 11.3, 11.1}; // a differs before anything happens
  const auto v = judge(two_arm_spec(Expect::greater), arms, {});
  CHECK(!v.hypotheses[0].placebo_passed);
  CHECK(v.label == "not attributable");
}

TEST_CASE("the verdict flips when the expected direction flips") {
  const auto v = judge(two_arm_spec(Expect::less), a_above_b, {});
  CHECK(!v.supported);
  CHECK(v.hypotheses[0].contradicted);
  CHECK(v.label == "contradicted");
}

TEST_CASE("no effect is not supported, and not contradicted either") {
  const std::vector<ArmFigures> same = {
      arm("a", {10.1, 9.9, 10.3, 9.8, 10.0}, flat), arm("b", {10.0, 10.0, 10.2, 9.9, 10.1}, flat),
      arm("a/knockout", flat, flat), arm("b/knockout", flat, flat)};
  const auto v = judge(two_arm_spec(Expect::greater), same, {});
  CHECK(!v.supported);
  CHECK(!v.hypotheses[0].contradicted);
  CHECK(v.label == "not supported");
}

TEST_CASE("an effect that keeps its sign at too few robustness points holds only in part") {
  const auto robust = judge(two_arm_spec(Expect::greater), a_above_b, {RobustnessResult{10, 9}});
  CHECK(robust.label == "supported");
  const auto fragile = judge(two_arm_spec(Expect::greater), a_above_b, {RobustnessResult{10, 5}});
  CHECK(fragile.label == "holds only in part of the parameter space");
  CHECK(fragile.paragraph.find("at 5 (50 %)") != std::string::npos);
}

TEST_CASE("a claim with a condition holds only when it: a significant interaction") {
  auto spec = two_arm_spec(Expect::greater);
  spec.arms.push_back(Arm{"c", {}, false});
  spec.arms.push_back(Arm{"d", {}, false});
  spec.hypotheses[0].interaction = Interaction{"c", "d", "information is poor"};
  auto arms = a_above_b;
  arms.push_back(arm("c", {10.0, 10.2, 10.1, 10.3, 10.4}, flat)); // no effect without it
  arms.push_back(arm("d", {10.05, 10.15, 10.1, 10.3, 10.45}, flat));
  const auto v = judge(spec, arms, {});
  CHECK(v.hypotheses[0].conditional);
  CHECK(v.label == "holds only when information is poor");
  CHECK(v.supported);
  // The same effect with and without the condition: supported, no condition needed.
  arms[4].figures[0] = arms[0].figures[0];
  arms[5].figures[0] = arms[1].figures[0];
  CHECK(judge(spec, arms, {}).label == "supported");
}

TEST_CASE("paired designs leave out the pairs of failed runs; too few runs give no verdict") {
  auto arms = a_above_b;
  arms[0].figures[0][1] = std::nullopt;
  const auto v = judge(two_arm_spec(Expect::greater), arms, {});
  CHECK(v.hypotheses[0].effect.n_a == 4);
  CHECK(v.hypotheses[0].effect.n_b == 4);
  CHECK(v.hypotheses[0].runs_missing == 1);
  CHECK(!v.hypotheses[0].effect.bootstrapped); // no bootstrap from fewer than five pairs
  auto independent = two_arm_spec(Expect::greater);
  independent.pairing = Pairing::independent;
  CHECK(judge(independent, arms, {}).hypotheses[0].effect.n_b == 5);
  arms[0].figures[0] = {1.0, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  CHECK_THROWS_AS(judge(two_arm_spec(Expect::greater), arms, {}), std::runtime_error);
}

TEST_CASE("verdict.yaml holds what the verdict computed, and the run's provenance") {
  auto spec = two_arm_spec(Expect::greater);
  spec.published_replicates = 20;
  spec.overrides = {"--replicates 5", "--set scale=tiny"};
  const auto v = judge(spec, a_above_b, {RobustnessResult{4, 4}});
  const auto dir = fs::temp_directory_path() / "plansim_verdict_test";
  fs::create_directories(dir);
  write_verdict(spec, v, dir);
  write_summary(spec, a_above_b, dir);
  const auto yaml = YAML::LoadFile((dir / "verdict.yaml").string());
  CHECK(yaml["experiment"].as<std::string>() == "e02_demo");
  CHECK(yaml["supported"].as<bool>());
  CHECK(yaml["verdict"].as<std::string>() == "supported");
  CHECK(yaml["effect"].as<double>() == doctest::Approx(v.hypotheses[0].effect.estimate));
  CHECK(yaml["p_value"].as<double>() == doctest::Approx(v.hypotheses[0].effect.p_value));
  CHECK(yaml["n"]["a"].as<int>() == 5);
  CHECK(yaml["robustness"]["share"].as<double>() == 1.0);
  CHECK(yaml["hypothesis"]["compare"].as<std::string>() == "a - b");
  CHECK(yaml["exploratory"].as<bool>());
  CHECK(yaml["published"]["replicates"].as<int>() == 20);
  CHECK(yaml["overrides"][1].as<std::string>() == "--set scale=tiny");
  CHECK(!yaml["plansim"]["commit"].as<std::string>().empty());
  const auto h = yaml["hypotheses"][0];
  CHECK(h["knockout"]["shrinks"].as<bool>());
  CHECK(h["knockout"]["compare"].as<std::string>() == "a/knockout - b/knockout");
  CHECK(h["placebo"]["passed"].as<bool>());
  CHECK(h["placebo"]["window"][0].as<std::string>() == "1928-01");
  CHECK(fs::exists(dir / "summary.csv"));
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK(entry.path().filename().string().find(".partial") == std::string::npos);
  }
}

TEST_CASE("a scaling hypothesis compares the exponents of two groups of arms") {
  ExperimentSpec spec;
  spec.id = "e07_demo";
  spec.claim = "Plans need more officials as goods multiply.";
  spec.replicates = 2;
  Hypothesis h;
  h.name = "main";
  h.metric.series = "bureaucrats";
  h.metric.statistic = "mean";
  h.arm_a = "plan";
  h.arm_b = "market";
  h.expect = Expect::greater;
  h.knockout = KnockOut{"hiring", {{"bureaucracy.hire_threshold", "1000"}}};
  Scaling scaling;
  scaling.parameter = "scale.goods";
  std::vector<ArmFigures> arms;
  const double wobble[] = {1.03, 0.97};
  for (const std::string group : {"plan", "market"}) {
    std::vector<std::string> names, knocked;
    for (int goods : {10, 100, 1000}) {
      const std::string name = group + "_" + std::to_string(goods);
      const std::string value = std::to_string(goods);
      spec.arms.push_back(Arm{name, {{"scale.goods", value}}, false});
      spec.arms.push_back(Arm{name + "/knockout", {{"scale.goods", value}}, true});
      names.push_back(name);
      knocked.push_back(name + "/knockout");
      const double exponent = group == "plan" ? 0.7 : 0.1;
      Figures figures, knockout, placebo;
      for (double w : wobble) {
        figures.push_back(std::pow(goods, exponent) * w);
        knockout.push_back(5.0 * w); // no hiring: staff does not follow the goods
        placebo.push_back(2.0);      // the first month: everyone starts with the same staff
      }
      arms.push_back(arm(name, figures, placebo));
      arms.push_back(arm(name + "/knockout", knockout, placebo));
    }
    scaling.groups.emplace_back(group, names);
    (group == "plan" ? h.knockout_group_a : h.knockout_group_b) = knocked;
  }
  h.scaling = scaling;
  sweep::MetricSpec placebo = h.metric;
  placebo.from = engine::YearMonth{1928, 1};
  placebo.to = engine::YearMonth{1928, 1};
  h.placebo.metric = placebo;
  h.metric_index = 0;
  h.placebo_metric_index = 1;
  spec.hypotheses = {h};
  const auto v = judge(spec, arms, {});
  const auto& result = v.hypotheses[0];
  CHECK(result.effect.mean_a == doctest::Approx(0.7).epsilon(0.05));
  CHECK(result.effect.mean_b == doctest::Approx(0.1).epsilon(0.3));
  CHECK(result.significant);
  CHECK(result.knockout->estimate == doctest::Approx(0.0).epsilon(1e-9));
  CHECK(result.shrinks);
  CHECK(result.placebo_passed);
  CHECK(v.label == "supported");
  CHECK(result.paragraph.find("exponent") != std::string::npos);
  // Each group's exponent with its own t interval, the knocked-out groups' too.
  REQUIRE(result.exponents.size() == 4);
  CHECK(result.exponents[0].group == "plan");
  CHECK(result.exponents[3].group == "market/knockout");
  for (const auto& e : result.exponents) {
    CAPTURE(e.group);
    CHECK(e.fit.n == 6);
    CHECK(e.ci_low <= e.fit.slope);
    CHECK(e.fit.slope <= e.ci_high);
    const double half = t_quantile(e.fit.df, 0.95) * e.fit.se;
    CHECK(e.ci_high - e.fit.slope == doctest::Approx(half));
  }
  CHECK(result.exponents[0].ci_low > result.exponents[1].ci_high); // 0.7 against 0.1
  CHECK(result.exponents[2].ci_low < 0.0);
  CHECK(result.exponents[2].ci_high > 0.0); // no hiring: no scaling
  CHECK(result.paragraph.find("0.7 (95 % CI") != std::string::npos);
  const auto dir = fs::temp_directory_path() / "plansim_verdict_scaling_test";
  fs::create_directories(dir);
  write_verdict(spec, v, dir);
  const auto yaml = YAML::LoadFile((dir / "verdict.yaml").string());
  const auto plan = yaml["exponents"]["plan"];
  CHECK(plan["b"].as<double>() == doctest::Approx(result.exponents[0].fit.slope));
  CHECK(plan["ci"][0].as<double>() == doctest::Approx(result.exponents[0].ci_low));
  CHECK(plan["runs"].as<int>() == 6);
  CHECK(yaml["exponents"]["market/knockout"]["se"].as<double>() > 0.0);
  fs::remove_all(dir);
}
