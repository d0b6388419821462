// Decomposition hypotheses (decomposition.cpp): variance shares of a 2 x 2 design and their
// verdict.

#include "plansim/experiment/decomposition.hpp"
#include "plansim/experiment/verdict_file.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace plansim;
using namespace plansim::experiment;

namespace {

using Figures = std::vector<std::optional<double>>;

ArmFigures arm(std::string name, Figures figures, Figures placebo) {
  ArmFigures result;
  result.name = std::move(name);
  result.figures = {std::move(figures), std::move(placebo)};
  result.status.assign(result.figures[0].size(), "complete");
  result.seeds.assign(result.figures[0].size(), 1);
  return result;
}

// Selection (competent / loyal) x doctrine (plan / market), each cell's runs at its mean
// plus a seed's wobble. `selection` and `doctrine` are the main effects, with and without
// the knock-out.
struct Design {
  ExperimentSpec spec;
  std::vector<ArmFigures> arms;
};

// In the placebo window the cells differ by `early_selection` and `early_doctrine`.
Design design(double selection, double doctrine, double knocked_selection, Expect expect,
              double early_selection = 0.0, double early_doctrine = 0.0) {
  Design d;
  d.spec.id = "e06_demo";
  d.spec.claim = "Selection matters more than doctrine.";
  d.spec.replicates = 8;
  Hypothesis h;
  h.name = "main";
  h.metric.series = "output_true";
  h.metric.statistic = "mean";
  h.arm_a = "selection";
  h.arm_b = "doctrine";
  h.expect = expect;
  h.knockout = KnockOut{"competence and loyalty", {{"bureaucracy.competence_noise", "0"}}};
  Decomposition decomposition;
  decomposition.factors = {"selection", "doctrine"};
  decomposition.cells = {{{"cp", "cm"}, {"lp", "lm"}}};
  h.decomposition = decomposition;
  sweep::MetricSpec placebo = h.metric;
  placebo.from = engine::YearMonth{1928, 1};
  placebo.to = engine::YearMonth{1928, 1};
  h.placebo.metric = placebo;
  h.metric_index = 0;
  h.placebo_metric_index = 1;
  const double wobble[] = {0.3, -0.2, 0.1, -0.4, 0.2, 0.0, -0.1, 0.25};
  for (const auto& name : decomposition.arms()) {
    const double s = name[0] == 'c' ? 0.5 : -0.5;
    const double m = name[1] == 'p' ? 0.5 : -0.5;
    Figures figures, knocked, quiet;
    for (std::size_t r = 0; r < 8; ++r) {
      // Each cell gets its own noise, smaller than the effects.
      const double noise = 0.1 * wobble[(r + name.size() + (name[0] == 'c' ? 3 : 0)) % 8];
      figures.push_back(100.0 + selection * s + doctrine * m + noise);
      knocked.push_back(100.0 + knocked_selection * s + doctrine * m + noise);
      quiet.push_back(100.0 + early_selection * s + early_doctrine * m + noise);
    }
    d.spec.arms.push_back(Arm{name, {}, false});
    d.spec.arms.push_back(Arm{name + "/knockout", {}, true});
    h.knockout_cells.push_back(name + "/knockout");
    d.arms.push_back(arm(name, figures, quiet));
    d.arms.push_back(arm(name + "/knockout", knocked, quiet));
  }
  d.spec.hypotheses = {h};
  return d;
}

} // namespace

TEST_CASE("the variance among four cells splits into two main effects and the interaction") {
  // Rows: first factor; columns: second. Effects 4 and 2, interaction 0: shares 16:4:0.
  const auto shares = variance_shares({{{13.0, 11.0}, {9.0, 7.0}}});
  CHECK(shares[0] == doctest::Approx(0.8));
  CHECK(shares[1] == doctest::Approx(0.2));
  CHECK(shares[2] == doctest::Approx(0.0));
  // A pure interaction.
  const auto crossed = variance_shares({{{1.0, 0.0}, {0.0, 1.0}}});
  CHECK(crossed[2] == doctest::Approx(1.0));
  // Equal cells: nothing to share.
  const auto equal = variance_shares({{{5.0, 5.0}, {5.0, 5.0}}});
  CHECK(equal[0] + equal[1] + equal[2] == 0.0);
}

TEST_CASE("a factor that explains more than the other, through the mechanism, is supported") {
  const auto d = design(4.0, 1.0, 0.0, Expect::greater);
  const auto v = judge(d.spec, d.arms, {});
  const auto& h = v.hypotheses.at(0);
  CHECK(h.effect.n_a == 8);
  CHECK(h.effect.estimate > 0.8);
  CHECK(h.effect.ci_low > 0.5);
  CHECK(h.significant);
  CHECK(h.knockout->estimate < -0.8); // without it, doctrine is all there is
  CHECK(h.shrinks);
  CHECK(h.placebo_passed);
  CHECK(v.label == "supported");
  REQUIRE(h.shares.size() == 6);
  CHECK(h.shares[0].component == "selection");
  CHECK(h.shares[0].share == doctest::Approx(16.0 / 17.0).epsilon(0.02));
  CHECK(h.shares[0].ci_low <= h.shares[0].share);
  CHECK(h.shares[0].share <= h.shares[0].ci_high);
  CHECK(h.shares[5].component == "interaction/knockout");
  CHECK(h.paragraph.find("selection 0.9") != std::string::npos);
  const auto dir = fs::temp_directory_path() / "plansim_decomposition_test";
  fs::create_directories(dir);
  write_verdict(d.spec, v, dir);
  const auto yaml = YAML::LoadFile((dir / "verdict.yaml").string());
  CHECK(yaml["main_effect"]["selection"].as<double>() == doctest::Approx(4.0).epsilon(0.02));
  CHECK(yaml["main_effect"]["doctrine"].as<double>() == doctest::Approx(1.0).epsilon(0.05));
  CHECK(yaml["shares"]["doctrine"]["share"].as<double>() == doctest::Approx(h.shares[1].share));
  CHECK(yaml["hypothesis"]["decomposition"]["cells"][1][0].as<std::string>() == "lp");
  fs::remove_all(dir);
}

TEST_CASE("a factor that explains less is contradicted, and equal effects are not supported") {
  const auto weaker = design(1.0, 4.0, 0.0, Expect::greater);
  CHECK(judge(weaker.spec, weaker.arms, {}).label == "contradicted");
  const auto knocked_too = design(4.0, 1.0, 4.0, Expect::greater);
  CHECK(judge(knocked_too.spec, knocked_too.arms, {}).label == "not attributable");
}

TEST_CASE("the placebo window tests only the factor the claim says matters more") {
  // Doctrine may act at once (a market allocates from its first month) ...
  const auto early_doctrine = design(4.0, 1.0, 0.0, Expect::greater, 0.0, 3.0);
  const auto quick = judge(early_doctrine.spec, early_doctrine.arms, {}).hypotheses.at(0);
  CHECK(quick.placebo_passed);
  CHECK(quick.placebo->estimate == doctest::Approx(0.0).epsilon(0.05));
  // ... but selection, whose mechanism needs reports to pass, must not.
  const auto early_selection = design(4.0, 1.0, 0.0, Expect::greater, 2.0, 0.0);
  const auto v = judge(early_selection.spec, early_selection.arms, {});
  CHECK_FALSE(v.hypotheses.at(0).placebo_passed);
  CHECK(v.hypotheses.at(0).placebo->estimate == doctest::Approx(2.0).epsilon(0.05));
  CHECK(v.label == "not attributable");
  CHECK(v.hypotheses.at(0).paragraph.find("main effect of selection") != std::string::npos);
}

TEST_CASE("a decomposition needs five seeds with all four cells") {
  auto d = design(4.0, 1.0, 0.0, Expect::greater);
  for (std::size_t r = 0; r < 4; ++r) {
    d.arms[0].figures[0][r].reset(); // cp loses four of its eight runs
  }
  CHECK_THROWS_WITH_AS(judge(d.spec, d.arms, {}), doctest::Contains("only 4 seeds"),
                       std::runtime_error);
}

TEST_CASE("at each robustness point the cells' means decide the sign") {
  const auto d = design(4.0, 1.0, 0.0, Expect::greater);
  const auto& h = d.spec.hypotheses[0];
  // Point 0: selection dominates; point 1: doctrine does; point 2: a cell gave nothing.
  const auto figure = [](const std::string& arm, std::size_t p,
                         std::size_t) -> std::optional<double> {
    const double s = arm[0] == 'c' ? 1.0 : 0.0, m = arm[1] == 'p' ? 1.0 : 0.0;
    if (p == 2 && arm == "lm") {
      return std::nullopt;
    }
    return p == 0 ? 3.0 * s + m : s + 3.0 * m;
  };
  const auto result = decomposition_robustness(h, 3, 2, figure);
  CHECK(result.points == 2);
  CHECK(result.kept == 1);
}
