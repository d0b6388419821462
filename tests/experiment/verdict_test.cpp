#include "plansim/experiment/verdict.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <vector>

namespace fs = std::filesystem;
using namespace plansim;
using namespace plansim::experiment;

namespace {

ExperimentSpec two_arm_spec(Expect expect) {
  ExperimentSpec spec;
  spec.id = "e02_demo";
  spec.claim = "Arm a gives more.";
  spec.arms = {Arm{"a", {}}, Arm{"b", {}}};
  spec.replicates = 5;
  spec.hypothesis.metric.series = "output_true";
  spec.hypothesis.metric.statistic = "mean";
  spec.hypothesis.arm_a = "a";
  spec.hypothesis.arm_b = "b";
  spec.hypothesis.expect = expect;
  return spec;
}

ArmFigures arm(std::string name, std::vector<std::optional<double>> figures) {
  ArmFigures result;
  result.name = std::move(name);
  result.figures = std::move(figures);
  result.status.assign(result.figures.size(), "complete");
  result.seeds.assign(result.figures.size(), 1);
  return result;
}

const std::vector<ArmFigures> a_above_b = {arm("a", {10.4, 11.1, 10.9, 10.6, 11.3}),
                                           arm("b", {10.0, 10.2, 10.1, 10.3, 10.4})};

} // namespace

TEST_CASE("a clear effect in the expected direction is supported") {
  const auto v = judge(two_arm_spec(Expect::greater), a_above_b, std::nullopt);
  CHECK(v.supported);
  CHECK(v.label == "supported");
  CHECK(v.comparison.estimate == doctest::Approx(0.66));
  CHECK(v.runs_used == 10);
}

TEST_CASE("the verdict flips when the expected direction flips") {
  const auto v = judge(two_arm_spec(Expect::less), a_above_b, std::nullopt);
  CHECK(!v.supported);
  CHECK(v.contradicted);
  CHECK(v.label == "contradicted");
}

TEST_CASE("no effect is not supported, and not contradicted either") {
  const std::vector<ArmFigures> same = {arm("a", {10.1, 9.9, 10.3, 9.8, 10.0}),
                                        arm("b", {10.0, 10.0, 10.2, 9.9, 10.1})};
  const auto v = judge(two_arm_spec(Expect::greater), same, std::nullopt);
  CHECK(!v.supported);
  CHECK(!v.contradicted);
  CHECK(v.label == "not supported");
}

TEST_CASE("an effect that keeps its sign at too few robustness points holds only in part") {
  const auto robust = judge(two_arm_spec(Expect::greater), a_above_b, RobustnessResult{10, 9});
  CHECK(robust.label == "supported");
  const auto fragile = judge(two_arm_spec(Expect::greater), a_above_b, RobustnessResult{10, 5});
  CHECK(fragile.supported);
  CHECK(fragile.label == "holds only in part of the parameter space");
  CHECK(fragile.paragraph.find("at 5 (50 %)") != std::string::npos);
}

TEST_CASE("paired designs leave out the pairs of failed runs; too few runs give no verdict") {
  auto arms = a_above_b;
  arms[0].figures[1] = std::nullopt;
  const auto v = judge(two_arm_spec(Expect::greater), arms, std::nullopt);
  CHECK(v.comparison.n_a == 4);
  CHECK(v.comparison.n_b == 4);
  CHECK(v.runs_missing == 1);
  auto independent = two_arm_spec(Expect::greater);
  independent.pairing = Pairing::independent;
  CHECK(judge(independent, arms, std::nullopt).comparison.n_b == 5);
  arms[0].figures = {1.0, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  CHECK_THROWS_AS(judge(two_arm_spec(Expect::greater), arms, std::nullopt), std::runtime_error);
}

TEST_CASE("verdict.yaml holds what the verdict computed") {
  const auto spec = two_arm_spec(Expect::greater);
  const auto v = judge(spec, a_above_b, RobustnessResult{4, 4});
  const auto dir = fs::temp_directory_path() / "plansim_verdict_test";
  fs::create_directories(dir);
  write_verdict(spec, v, dir);
  write_summary(spec, a_above_b, dir);
  const auto yaml = YAML::LoadFile((dir / "verdict.yaml").string());
  CHECK(yaml["experiment"].as<std::string>() == "e02_demo");
  CHECK(yaml["supported"].as<bool>());
  CHECK(yaml["verdict"].as<std::string>() == "supported");
  CHECK(yaml["effect"].as<double>() == doctest::Approx(v.comparison.estimate));
  CHECK(yaml["p_value"].as<double>() == doctest::Approx(v.comparison.p_value));
  CHECK(yaml["n"]["a"].as<int>() == 5);
  CHECK(yaml["robustness"]["share"].as<double>() == 1.0);
  CHECK(yaml["hypothesis"]["compare"].as<std::string>() == "a - b");
  CHECK(fs::exists(dir / "summary.csv"));
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK(entry.path().filename().string().find(".partial") == std::string::npos);
  }
}
