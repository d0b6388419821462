#include "plansim/io/config.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace plansim;

namespace {

fs::path write(const std::string& name, const std::string& text) {
  const auto dir = fs::temp_directory_path() / "plansim_sweep_spec_tests";
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

std::vector<std::string> errors_of(const std::string& text) {
  write("base.yaml", "scale: tiny\n");
  const auto path = write("s.yaml", text);
  try {
    sweep::load_sweep(path.string());
  } catch (const io::ConfigError& error) {
    std::vector<std::string> lines;
    for (const auto& d : error.diagnostics()) {
      lines.push_back(d.to_string().substr(path.string().size()));
    }
    return lines;
  }
  return {};
}

} // namespace

TEST_CASE("a sweep file is read with its axes, design and metrics") {
  write("base.yaml", "scale: tiny\n");
  const auto path = write("good.yaml", "base: base.yaml\n"
                                       "set: {scale: tiny, calendar: {end: 1930-12}}\n"
                                       "parameters:\n"
                                       "  channels.report.latency: {values: [0, 3, 6]}\n"
                                       "  channels.report.noise: {range: [0.01, 0.4], log: true}\n"
                                       "design: lhs\nsamples: 20\nreplicates: 2\nseed: 9\n"
                                       "metrics:\n"
                                       "  - {series: output_true, statistic: growth, window: "
                                       "[1929-01, 1930-12]}\n");
  const auto spec = sweep::load_sweep(path.string());
  CHECK(spec.base == (path.parent_path() / "base.yaml").string());
  REQUIRE(spec.set.size() == 2);
  CHECK(spec.set[0] == std::pair<std::string, std::string>{"scale.preset", "tiny"});
  CHECK(spec.set[1].first == "calendar.end");
  REQUIRE(spec.axes.size() == 2);
  CHECK(spec.axes[0].values.size() == 3);
  CHECK(spec.axes[1].log);
  CHECK(spec.design == sweep::Design::lhs);
  CHECK(spec.samples == 20);
  CHECK(spec.replicates == 2);
  CHECK(spec.seed == 9);
  REQUIRE(spec.metrics.size() == 1);
  CHECK(spec.metrics[0].label() == "output_true_growth");
}

TEST_CASE("mistakes in a sweep file are reported with their places") {
  CHECK(errors_of("base: base.yaml\nparameters:\n  channels.reprt.latency: {values: [1]}\n") ==
        std::vector<std::string>{":3:3: unknown parameter 'channels.reprt.latency' (did you mean "
                                 "'channels.report.latency'?)"});
  CHECK(errors_of("base: base.yaml\nparameters:\n  channels.report.latency: {values: [1, -2]}\n") ==
        std::vector<std::string>{
            ":3:41: 'channels.report.latency' must be between 0 and 120, got -2"});
  CHECK(errors_of("base: base.yaml\nparameters:\n  planner.method: {range: [0, 1]}\n") ==
        std::vector<std::string>{
            ":3:27: 'planner.method' is not a number: give 'values' instead of a range"});
  CHECK(errors_of("base: base.yaml\nparameters:\n  enterprises.ratchet: {range: [0, 1]}\n"
                  "design: random\n") ==
        std::vector<std::string>{":1:1: design 'random' needs 'samples: N'"});
  CHECK(errors_of("base: base.yaml\nparameters:\n  enterprises.ratchet: {values: [0, 1]}\n"
                  "  planner.tautness: {values: [1]}\ndesign: list\n") ==
        std::vector<std::string>{
            ":4:21: a list design needs the same number of values for every parameter"});
  CHECK(errors_of("base: base.yaml\nparameters: {enterprises.ratchet: {values: [0]}}\n"
                  "desing: grid\nmetrics: [{series: output_ture, statistic: meadian}]\n") ==
        std::vector<std::string>{
            ":3:1: unknown key 'desing' (did you mean 'design'?)",
            ":4:20: no series 'output_ture' in a run (did you mean "
            "'output_true'?)",
            ":4:44: statistic must be mean, final, min, max, sd, median, pNN (p1 to p99), trend, "
            "growth, halving, recovery, growth_sd, cycle_years or slowdown, got 'meadian' (did "
            "you mean 'median'?)"});
  for (const char* bad : {"p0", "p100", "p05", "p", "px"}) {
    CAPTURE(bad);
    const auto errors = errors_of(std::string("base: base.yaml\nparameters: {enterprises.ratchet: "
                                              "{values: [0]}}\nmetrics: [{series: output_true, "
                                              "statistic: ") +
                                  bad + "}]\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("statistic must be") != std::string::npos);
  }
  CHECK(errors_of("base: base.yaml\nparameters: {enterprises.ratchet: {values: [0]}}\n"
                  "metrics: [{series: output_true, statistic: halving}]\n") ==
        std::vector<std::string>{
            ":3:11: statistic 'halving' needs a window: it is timed from the window's start"});
  const auto base =
      errors_of("base: missing.yaml\nparameters: {enterprises.ratchet: {values: [0]}}\n");
  REQUIRE(base.size() == 2);
  CHECK(base[0] == ":1:7: base scenario 'missing.yaml' is not valid:");
}

TEST_CASE("whole numbers beyond their range are refused with their place, not truncated") {
  const std::string head = "base: base.yaml\nparameters: {enterprises.ratchet: {values: [0, 1]}}\n";
  const auto refused = [&](const std::string& line) {
    const auto errors = errors_of(head + line + "\n");
    return errors.size() == 1 ? errors[0]
                              : std::string("(" + std::to_string(errors.size()) + " errors)");
  };
  CHECK(refused("replicates: 4294967296") ==
        ":3:13: 'replicates' must be a whole number from 1 to 100000, got '4294967296'");
  CHECK(refused("replicates: 2147483648") ==
        ":3:13: 'replicates' must be a whole number from 1 to 100000, got '2147483648'");
  CHECK(refused("replicates: 1e23") ==
        ":3:13: 'replicates' must be a whole number from 1 to 100000, got '1e23'");
  CHECK(refused("paired: 4294967296") ==
        ":3:9: 'paired' must be a whole number from 0 to 100000, got '4294967296'");
  CHECK(refused("seed: 99999999999999999999999") ==
        ":3:7: 'seed' must be a whole number from 0 to 9223372036854775807, got "
        "'99999999999999999999999'");
  CHECK(refused("design: lhs\nsamples: 3000000000") ==
        ":4:10: 'samples' must be a whole number from 1 to 100000, got '3000000000'");
  CHECK(errors_of("base: base.yaml\nparameters: {enterprises.ratchet: {range: [0, 1], "
                  "samples: 4294967297}}\n") ==
        std::vector<std::string>{
            ":2:60: 'samples' must be a whole number from 1 to 100000, got '4294967297'"});
}

TEST_CASE("a sweep of more runs than a sweep may have is refused where its size is given") {
  const std::string thousand = "{range: [0, 1], samples: 1000}";
  CHECK(errors_of("base: base.yaml\nparameters:\n  enterprises.ratchet: " + thousand +
                  "\n  enterprises.audit_probability: " + thousand +
                  "\n  enterprises.hoarding: " + thousand + "\n") ==
        std::vector<std::string>{":3:3: the sweep has more than 100000 runs (the most a sweep "
                                 "may have): split it into several, or sample the space with a "
                                 "random, lhs or sobol design"});
  CHECK(errors_of("base: base.yaml\nparameters:\n  enterprises.ratchet: {range: [0, 1]}\n"
                  "design: lhs\nsamples: 100000\nreplicates: 2\n") ==
        std::vector<std::string>{":6:13: the sweep has more than 100000 runs (the most a sweep "
                                 "may have): split it into several, or sample the space with a "
                                 "random, lhs or sobol design"});
  CHECK(errors_of("base: base.yaml\nparameters:\n  enterprises.ratchet: {range: [0, 1]}\n"
                  "design: lhs\nsamples: 50000\nreplicates: 2\n")
            .empty());
}

TEST_CASE("a key given twice anywhere in a sweep file is an error, not a silent choice") {
  CHECK(errors_of("base: base.yaml\nparameters:\n  channels.report.latency: {values: [0, 3]}\n"
                  "  channels.report.latency: {values: [9]}\n") ==
        std::vector<std::string>{":4:3: duplicate key 'channels.report.latency'"});
  CHECK(errors_of("base: base.yaml\nparameters:\n  channels.report.latency: {values: [0, 3], "
                  "values: [9]}\n") == std::vector<std::string>{":3:45: duplicate key 'values'"});
  CHECK(errors_of("base: base.yaml\nseed: 3\nparameters:\n  channels.report.latency: "
                  "{values: [0]}\nseed: 4\n") ==
        std::vector<std::string>{":5:1: duplicate key 'seed'"});
  CHECK(errors_of("base: base.yaml\nset: {calendar.end: 1930-12, calendar.end: 1931-12}\n"
                  "parameters: {channels.report.latency: {values: [0]}}\n") ==
        std::vector<std::string>{":2:30: duplicate key 'calendar.end'"});
}

TEST_CASE("run.seed is the sweep's to set: sweeping or setting it is refused") {
  CHECK(errors_of("base: base.yaml\nparameters:\n  run.seed: {values: [1, 2]}\n") ==
        std::vector<std::string>{":3:3: 'run.seed' is set for each run from the sweep's seed "
                                 "and the run's index: change 'seed' or 'replicates' instead"});
  CHECK(errors_of("base: base.yaml\nset: {run: {seed: 5}}\n"
                  "parameters: {channels.report.latency: {values: [0]}}\n") ==
        std::vector<std::string>{":2:13: 'run.seed' is set for each run from the sweep's seed "
                                 "and the run's index: change 'seed' or 'replicates' instead"});
}
