#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/io/config.hpp"
#include "plansim/sweep/design.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace plansim;
using namespace plansim::experiment;

namespace {

const fs::path folder = fs::temp_directory_path() / "plansim_experiment_spec_tests" / "e01_demo";

// An experiment file with `hypothesis` and `extra` spliced in.
std::string experiment_text(const std::string& arms, const std::string& hypothesis,
                            const std::string& extra = "") {
  return "claim: Something the runs can show.\n"
         "source: {seed_file: 000_x.txt, title: A title, author: nobody}\n"
         "base: base.yaml\n"
         "arms:\n" +
         arms + "replicates: 4\nseed: 3\nhypothesis:\n" + hypothesis + extra;
}

const std::string two_arms = "  slow: {channels.report.latency: 6}\n"
                             "  fast: {channels.report.latency: 0, planner.tautness: 1.2}\n";
// The knock-out and placebo every hypothesis needs, at the end of a hypothesis's text.
const std::string controls = "  knockout: {mechanism: the ratchet, set: {enterprises.ratchet: 0}}\n"
                             "  placebo: {window: [1928-01, 1928-06]}\n";
const std::string good_hypothesis = "  metric: output_true\n  window: [1929-01, 1930-12]\n"
                                    "  statistic: mean\n  compare: fast - slow\n"
                                    "  expect: greater\n  alpha: 0.05\n" +
                                    controls;

fs::path write(const std::string& text) {
  fs::create_directories(folder);
  std::ofstream(folder / "base.yaml") << "scale: tiny\ncalendar: {end: 1930-12}\n";
  std::ofstream(folder / "experiment.yaml") << text;
  return folder;
}

std::vector<std::string> errors_of(const std::string& text) {
  const auto dir = write(text);
  try {
    load_experiment(dir.string());
  } catch (const io::ConfigError& error) {
    std::vector<std::string> lines;
    for (const auto& d : error.diagnostics()) {
      lines.push_back(d.to_string().substr((dir / "experiment.yaml").string().size()));
    }
    return lines;
  }
  return {};
}

// The good experiment with another count of replicates.
std::string with_replicates(const std::string& count) {
  std::string text = experiment_text(two_arms, good_hypothesis);
  const std::string given = "replicates: 4\n";
  return text.replace(text.find(given), given.size(), "replicates: " + count + "\n");
}

bool has(const std::vector<std::string>& errors, const std::string& text) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const std::string& e) { return e.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("an experiment folder is read with its arms and hypothesis") {
  const auto spec = load_experiment(write(experiment_text(two_arms, good_hypothesis)).string());
  CHECK(spec.id == "e01_demo");
  CHECK(spec.claim == "Something the runs can show.");
  CHECK(spec.claim_source.seed_file == "000_x.txt");
  REQUIRE(spec.arms.size() == 4); // with the knock-out arms
  CHECK(spec.arms[1].name == "fast");
  CHECK(spec.replicates == 4);
  CHECK(spec.pairing == Pairing::paired);
  REQUIRE(spec.hypotheses.size() == 1);
  const auto& h = spec.main_hypothesis();
  CHECK(h.name == "main");
  CHECK(h.metric.series == "output_true");
  CHECK(h.arm_a == "fast");
  CHECK(h.arm_b == "slow");
  CHECK(h.expect == Expect::greater);
  CHECK(h.knockout.mechanism == "the ratchet");
  CHECK(h.knockout_a == "fast/knockout");
  CHECK(spec.arms[2].name == "fast/knockout");
  CHECK(spec.arms[2].knockout);
  // The knock-out arm is the arm with the mechanism's parameters on top.
  CHECK(spec.arms[2].set ==
        std::vector<std::pair<std::string, std::string>>{{"channels.report.latency", "0"},
                                                         {"planner.tautness", "1.2"},
                                                         {"enterprises.ratchet", "0"}});
  REQUIRE(h.placebo.metric);
  CHECK(h.placebo.metric->from->to_string() == "1928-01");
  CHECK(h.placebo_metric_index == 1u);
  CHECK(experiment_metrics(spec).size() == 2);
  CHECK(!spec.robustness);
  CHECK(!spec.exploratory());
}

TEST_CASE("the arms become a paired list sweep; parameters an arm leaves alone keep the base's") {
  const auto spec = load_experiment(write(experiment_text(two_arms, good_hypothesis)).string());
  const auto sweep = arms_sweep(spec);
  CHECK(sweep.design == sweep::Design::list);
  CHECK(sweep::run_count(sweep) == 16);
  CHECK(sweep.paired == 4);
  REQUIRE(sweep.axes.size() == 3);
  CHECK(sweep.axes[0].path == "channels.report.latency");
  CHECK(sweep.axes[0].values == std::vector<std::string>{"6", "0", "0", "6"});
  CHECK(sweep.axes[1].path == "planner.tautness");
  CHECK(sweep.axes[1].values ==
        std::vector<std::string>{"1.05", "1.2", "1.2", "1.05"}); // slow: the default
  CHECK(sweep.axes[2].path == "enterprises.ratchet");
  CHECK(sweep.axes[2].values == std::vector<std::string>{"0.5", "0.5", "0", "0"});
  CHECK(sweep.metrics.size() == 2);
  // Replicate r of both arms shares a seed.
  CHECK(sweep::run_point(sweep, 1).seed == sweep::run_point(sweep, 5).seed);
  CHECK(sweep::run_point(sweep, 1).seed != sweep::run_point(sweep, 2).seed);
}

TEST_CASE("a robustness sweep runs the compared arms at every point, paired") {
  const auto spec =
      load_experiment(write(experiment_text(two_arms, good_hypothesis,
                                            "robustness:\n  parameters:\n"
                                            "    enterprises.ratchet: {range: [0.1, 0.9]}\n"
                                            "  design: lhs\n  samples: 3\n  replicates: 2\n"))
                          .string());
  const auto sweep = robustness_sweep(spec);
  REQUIRE(sweep);
  CHECK(sweep::run_count(*sweep) == 3 * 2 * 2);
  REQUIRE(sweep->axes.size() == 3);
  CHECK(sweep->axes[0].path == "enterprises.ratchet");
  for (std::size_t point = 0; point < 3; ++point) {
    // The compared arms in the order of `arms`: slow, then fast.
    const auto a = sweep::run_point(*sweep, point * 4 + 3); // arm a (fast), replicate 1
    const auto b = sweep::run_point(*sweep, point * 4 + 1); // arm b (slow), replicate 1
    CHECK(a.values[0] == b.values[0]);                      // the same point
    CHECK(a.values[1].second == "0");
    CHECK(b.values[1].second == "6");
    CHECK(a.seed == b.seed);
  }
}

TEST_CASE("experiment errors name their place") {
  CHECK(has(errors_of(experiment_text(two_arms, good_hypothesis, "replicats: 3\n")),
            ":18:1: unknown key 'replicats' (did you mean 'replicates'?)"));
  CHECK(has(errors_of(experiment_text(two_arms, "  metric: output_tru\n  statistic: mean\n"
                                                "  compare: fast - slow\n  expect: greater\n" +
                                                    controls)),
            "no series 'output_tru' in a run (did you mean 'output_true'?)"));
  CHECK(has(errors_of(experiment_text(two_arms, "  metric: output_true\n  statistic: mean\n"
                                                "  compare: fast - slwo\n  expect: greater\n" +
                                                    controls)),
            ":12:12: no arm 'slwo' in 'arms' (did you mean 'slow'?)"));
  CHECK(has(errors_of(experiment_text(two_arms, "  metric: output_true\n  statistic: mean\n"
                                                "  compare: fast - slow\n  expect: bigger\n" +
                                                    controls)),
            ":13:11: 'hypothesis.expect' must be greater or less"));
  CHECK(has(
      errors_of(experiment_text("  a: {channels.report.latncy: 6}\n  b: {}\n", good_hypothesis)),
      "unknown parameter 'channels.report.latncy'"));
  CHECK(has(errors_of(experiment_text("  fast: {}\n  slow: {}\n", good_hypothesis)),
            "the arms set no parameters"));
  CHECK(has(errors_of(experiment_text(two_arms, good_hypothesis,
                                      "robustness:\n  parameters:\n"
                                      "    planner.tautness: {values: [1.0, 1.1]}\n"
                                      "  design: list\n")),
            "arm 'fast' sets 'planner.tautness': robustness must vary other parameters"));
  CHECK(has(errors_of(experiment_text(two_arms, good_hypothesis,
                                      "robustness:\n  parameters:\n"
                                      "    enterprises.ratchet: {values: [0.1, 0.5]}\n"
                                      "    enterprises.hoarding: {values: [1, 2, 3]}\n"
                                      "  design: list\n")),
            ":21:27: a list design needs the same number of values for every parameter"));
  CHECK(has(errors_of(experiment_text(two_arms, good_hypothesis,
                                      "robustness:\n  parameters:\n"
                                      "    enterprises.ratchet: {range: [0.1, 0.5]}\n"
                                      "  design: lhs\n")),
            "design 'lhs' needs 'samples: N'"));
  CHECK(has(errors_of(experiment_text(two_arms, "  metric: output_true\n  statistic: halving\n"
                                                "  compare: fast - slow\n  expect: less\n" +
                                                    controls)),
            ":10:3: statistic 'halving' needs a window"));
  CHECK(has(errors_of(experiment_text(two_arms, good_hypothesis, "design: crossed\n")),
            "'design' must be paired or independent"));
  CHECK(has(errors_of(experiment_text(two_arms, "  metric: output_true\n  statistic: mean\n"
                                                "  compare: fast - slow\n  expect: less\n"
                                                "  alpha: 2\n" +
                                                    controls)),
            "'hypothesis.alpha' must be a number between"));
  CHECK(has(errors_of(with_replicates("4294967296")),
            ":7:13: 'replicates' must be a whole number from 2 to 100000, got '4294967296'"));
  CHECK(has(errors_of(with_replicates("60000")),
            ":7:13: the arms (4 x 60000 replicates) would have more than 100000 runs"));
  CHECK(has(errors_of(experiment_text(two_arms, good_hypothesis,
                                      "robustness:\n  parameters:\n"
                                      "    enterprises.ratchet: {range: [0.1, 0.5]}\n"
                                      "  design: lhs\n  samples: 30000\n")),
            ":19:3: the robustness sweep (points x compared arms x replicates) would have more "
            "than 100000 runs"));
  CHECK(has(errors_of(experiment_text(two_arms + "  slow: {channels.report.latency: 12}\n",
                                      good_hypothesis)),
            ":7:3: duplicate key 'slow'"));
  CHECK(has(errors_of(experiment_text(two_arms + "  lucky: {run.seed: 7}\n", good_hypothesis)),
            ":7:11: 'run.seed' is set for each run from the sweep's seed"));
  // Several problems at once: all reported.
  CHECK(errors_of(experiment_text(two_arms, "  metric: nothing\n  statistic: median\n"
                                            "  compare: a - b\n  expect: up\n"))
            .size() >= 4);
}

TEST_CASE("every hypothesis needs a knock-out control and a placebo") {
  const std::string bare = "  metric: output_true\n  statistic: mean\n"
                           "  compare: fast - slow\n  expect: greater\n";
  const auto errors = errors_of(experiment_text(two_arms, bare));
  CHECK(has(errors, "'hypothesis' needs 'knockout: {mechanism: ..., set: {...}}'"));
  CHECK(has(errors, "'hypothesis' needs 'placebo: {window: [FROM, TO]}'"));
  CHECK(has(errors_of(experiment_text(two_arms, bare + "  knockout: {mechanism: m, set: {}}\n"
                                                       "  placebo: {compare: fast - slow}\n")),
            "'hypothesis.knockout.set' must set the parameters"));
  CHECK(has(errors_of(experiment_text(two_arms, bare + "  knockout: {mechanism: m, set: "
                                                       "{enterprises.ratchet: 0}}\n"
                                                       "  placebo: {compare: fast - slwo}\n")),
            "no arm 'slwo' in 'arms'"));
}

TEST_CASE("several named hypotheses, each with its knock-out arms and an interaction") {
  const std::string four_arms =
      "  slow: {channels.report.latency: 6}\n"
      "  fast: {channels.report.latency: 0}\n"
      "  slow_taut: {channels.report.latency: 6, planner.tautness: 1.2}\n"
      "  fast_taut: {channels.report.latency: 0, planner.tautness: 1.2}\n";
  const std::string text = "claim: Something the runs can show.\n"
                           "source: {seed_file: 000_x.txt, title: A title, author: nobody}\n"
                           "base: base.yaml\narms:\n" +
                           four_arms +
                           "replicates: 4\nhypotheses:\n"
                           "  output:\n    metric: output_true\n    statistic: mean\n"
                           "    compare: fast_taut - slow_taut\n    expect: greater\n"
                           "    knockout: {mechanism: delays, set: {channels.report.jitter: 0}}\n"
                           "    placebo: {window: [1928-01, 1928-03]}\n"
                           "    interaction: {compare: fast - slow, when: plans are taut}\n"
                           "  error:\n    metric: planner_information_error\n"
                           "    statistic: mean\n    compare: slow - fast\n    expect: greater\n"
                           "    knockout: {mechanism: noise, set: {channels.report.noise: 0}}\n"
                           "    placebo: {compare: slow_taut - slow}\n";
  const auto spec = load_experiment(write(text).string());
  REQUIRE(spec.hypotheses.size() == 2);
  CHECK(spec.hypotheses[0].name == "output");
  CHECK(spec.hypotheses[0].knockout_a == "fast_taut/knockout-output");
  CHECK(spec.hypotheses[1].knockout_b == "fast/knockout-error");
  REQUIRE(spec.hypotheses[0].interaction);
  CHECK(spec.hypotheses[0].interaction->when == "plans are taut");
  CHECK(spec.hypotheses[1].placebo.arm_a == "slow_taut");
  CHECK(spec.arms.size() == 8);
  CHECK(experiment_metrics(spec).size() == 3);
  CHECK(experiment_metrics(spec)[1].label() == "error");
  CHECK(robustness_arms(spec) ==
        std::vector<std::string>{"slow", "fast", "slow_taut", "fast_taut"});
}

TEST_CASE("hypotheses whose knock-outs change an arm the same way share its knock-out runs") {
  const std::string text =
      "claim: Something the runs can show.\n"
      "source: {seed_file: 000_x.txt, title: A title, author: nobody}\n"
      "base: base.yaml\narms:\n  slow: {channels.report.latency: 6}\n"
      "  fast: {channels.report.latency: 0}\nreplicates: 4\nhypotheses:\n"
      "  output:\n    metric: output_true\n    statistic: mean\n"
      "    compare: fast - slow\n    expect: greater\n"
      "    knockout: {mechanism: delays, set: {channels.report.jitter: 0, planner.tautness: 1}}\n"
      "    placebo: {window: [1928-01, 1928-03]}\n"
      "  late:\n    metric: output_true\n    statistic: final\n"
      "    compare: fast - slow\n    expect: greater\n"
      "    knockout: {mechanism: delays, set: {planner.tautness: 1, channels.report.jitter: 0}}\n"
      "    placebo: {window: [1928-01, 1928-03]}\n"
      "  error:\n    metric: planner_information_error\n    statistic: mean\n"
      "    compare: slow - fast\n    expect: greater\n"
      "    knockout: {mechanism: noise, set: {channels.report.noise: 0}}\n"
      "    placebo: {window: [1928-01, 1928-03]}\n";
  const auto spec = load_experiment(write(text).string());
  REQUIRE(spec.hypotheses.size() == 3);
  // The same settings in another order: the second hypothesis uses the first one's arms.
  CHECK(spec.hypotheses[1].knockout_a == "fast/knockout-output");
  CHECK(spec.hypotheses[1].knockout_b == "slow/knockout-output");
  CHECK(spec.hypotheses[2].knockout_a == "slow/knockout-error");
  CHECK(spec.arms.size() == 6); // two arms, two shared knock-outs, two of their own
}

TEST_CASE("a scaling hypothesis names groups of arms that set the parameter") {
  const std::string arms = "  p10: {scale.goods: 10}\n  p20: {scale.goods: 20}\n"
                           "  p40: {scale.goods: 40}\n  m10: {scale.goods: 10, planner.method: "
                           "market}\n  m20: {scale.goods: 20, planner.method: market}\n"
                           "  m40: {scale.goods: 40, planner.method: market}\n";
  const std::string scaling = "  metric: bureaucrats\n  statistic: mean\n"
                              "  scaling:\n    parameter: scale.goods\n    groups:\n"
                              "      plan: [p10, p20, p40]\n      market: [m10, m20, m40]\n"
                              "  compare: plan - market\n  expect: greater\n" +
                              controls;
  const auto spec = load_experiment(write(experiment_text(arms, scaling)).string());
  const auto& h = spec.main_hypothesis();
  REQUIRE(h.scaling);
  CHECK(h.scaling->arms_of("market") == std::vector<std::string>{"m10", "m20", "m40"});
  CHECK(h.knockout_group_a ==
        std::vector<std::string>{"p10/knockout", "p20/knockout", "p40/knockout"});
  CHECK(spec.arms.size() == 12);
  CHECK(robustness_arms(spec).size() == 6);
  // Groups must exist, have three arms, and their arms must set the parameter.
  auto bad = scaling;
  bad.replace(bad.find("plan - market"), 13, "plan - marke");
  CHECK(has(errors_of(experiment_text(arms, bad)), "no name 'marke' in 'scaling.groups'"));
  auto short_group = scaling;
  short_group.replace(short_group.find("[p10, p20, p40]"), 15, "[p10, p20]");
  CHECK(has(errors_of(experiment_text(arms, short_group)), "a scaling group needs at least three"));
  auto unset = scaling;
  unset.replace(unset.find("parameter: scale.goods"), 22, "parameter: scale.regions");
  CHECK(has(errors_of(experiment_text(arms, unset)), "must set 'scale.regions' to a positive"));
}

TEST_CASE("a decomposition hypothesis names two factors and four cells of arms") {
  const std::string arms = "  cp: {bureaucracy.competence_weight: 1}\n"
                           "  cm: {bureaucracy.competence_weight: 1, planner.method: market}\n"
                           "  lp: {bureaucracy.competence_weight: 0}\n"
                           "  lm: {bureaucracy.competence_weight: 0, planner.method: market}\n";
  const std::string decomposition = "  metric: output_true\n  statistic: mean\n"
                                    "  decomposition:\n    factors: [selection, doctrine]\n"
                                    "    cells: [[cp, cm], [lp, lm]]\n"
                                    "  compare: selection - doctrine\n  expect: greater\n" +
                                    controls;
  const auto spec = load_experiment(write(experiment_text(arms, decomposition)).string());
  const auto& h = spec.main_hypothesis();
  REQUIRE(h.decomposition);
  CHECK(h.decomposition->arms() == std::vector<std::string>{"cp", "cm", "lp", "lm"});
  CHECK(h.arm_a == "selection");
  CHECK(h.knockout_cells ==
        std::vector<std::string>{"cp/knockout", "cm/knockout", "lp/knockout", "lm/knockout"});
  CHECK(spec.arms.size() == 8);
  CHECK(robustness_arms(spec) == std::vector<std::string>{"cp", "cm", "lp", "lm"});
  // The factors named in compare, four different arms that exist, no interaction.
  auto bad = decomposition;
  bad.replace(bad.find("selection - doctrine"), 20, "selection - doctrin");
  CHECK(has(errors_of(experiment_text(arms, bad)), "no name 'doctrin' in 'decomposition.factors'"));
  auto twice = decomposition;
  twice.replace(twice.find("[lp, lm]"), 8, "[lp, cp]");
  CHECK(has(errors_of(experiment_text(arms, twice)), "must be four different arms"));
  auto missing = decomposition;
  missing.replace(missing.find("[lp, lm]"), 8, "[lp, xm]");
  CHECK(has(errors_of(experiment_text(arms, missing)), "no arm 'xm' in 'arms'"));
  auto flat = decomposition;
  flat.replace(flat.find("[[cp, cm], [lp, lm]]"), 20, "[cp, cm, lp, lm]");
  CHECK(has(errors_of(experiment_text(arms, flat)), "'hypothesis.decomposition' must be"));
}

TEST_CASE("a hypothesis column is checked against the columns the arms' runs record") {
  // The tiny world of base.yaml has two regions: columns region_0 and region_1.
  const auto grouped = [](const std::string& column) {
    return "  metric: by_region/shortage_consumer\n" + column +
           "  statistic: mean\n  compare: fast - slow\n  expect: greater\n" + controls;
  };
  CHECK(errors_of(experiment_text(two_arms, grouped("  column: region_1\n"))).empty());
  CHECK(has(errors_of(experiment_text(two_arms, grouped("  column: region_7\n"))),
            ":11:11: no column 'region_7' in by_region/shortage_consumer for arm 'fast' (its "
            "columns: region_0, region_1)"));
  CHECK(has(errors_of(experiment_text(two_arms, grouped(""))),
            ":10:11: by_region/shortage_consumer is a series by region: 'hypothesis.column' must "
            "name one of its columns (region_0, region_1)"));
  CHECK(has(errors_of(experiment_text(two_arms, "  metric: output_true\n  column: heavy\n"
                                                "  statistic: mean\n  compare: fast - slow\n"
                                                "  expect: greater\n" +
                                                    controls)),
            ":11:11: output_true has no columns: leave out 'hypothesis.column'"));
  // An arm that changes the world changes the columns.
  CHECK(has(errors_of(experiment_text("  slow: {scale.regions: 1}\n  fast: {scale.regions: 2}\n",
                                      grouped("  column: region_1\n"))),
            "no column 'region_1' in by_region/shortage_consumer for arm 'slow' (its columns: "
            "region_0)"));
}
