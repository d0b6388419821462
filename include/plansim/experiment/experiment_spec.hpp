#pragma once

#include "plansim/experiment/statistics.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plansim::experiment {

/// Where a claim comes from: a seed essay (../shared/seeds/FILE), its title and author.
struct ClaimSource {
  std::string seed_file, title, author;
};

/// One arm: a name and the parameters it sets on top of the base scenario.
struct Arm {
  std::string name;
  std::vector<std::pair<std::string, std::string>> set;
};

/// What the runs are to show: a statistic of a series over a window, compared between two
/// arms (a - b), expected greater or less than 0 at significance alpha.
struct Hypothesis {
  sweep::MetricSpec metric;
  std::string arm_a, arm_b;
  Expect expect = Expect::greater;
  double alpha = 0.05;
};

/// A sweep over other parameters: at each of its points both compared arms are run, and the
/// share of points where the effect keeps the expected sign is reported.
struct Robustness {
  std::vector<sweep::Axis> axes;
  sweep::Design design = sweep::Design::lhs;
  int samples = 0;
  int replicates = 2;
};

enum class Pairing { paired, independent };

/// experiments/ID/experiment.yaml, checked.
struct ExperimentSpec {
  std::string id;     ///< the folder's name
  std::string source; ///< the experiment file
  std::string claim;
  ClaimSource claim_source;
  std::string base;                                     ///< scenario file (resolved path)
  std::vector<std::pair<std::string, std::string>> set; ///< overrides for every arm
  std::vector<Arm> arms;
  int replicates = 10;
  std::uint64_t seed = 1;
  Pairing pairing = Pairing::paired;
  Hypothesis hypothesis;
  std::optional<Robustness> robustness;
};

/// Reads experiments/ID/experiment.yaml (give the folder or the file). Throws io::ConfigError
/// with FILE:LINE:COL for every problem found.
ExperimentSpec load_experiment(const std::string& path);

/// Which of an experiment's sweeps a problem is about.
enum class Part { arms, robustness };

/// A sweep of the experiment that would have more runs than a sweep may have
/// (sweep::max_runs).
struct SizeProblem {
  Part part;
  std::string message;
};

/// The first of the experiment's sweeps that is too large, if any: checked on reading, and to
/// be checked again after the counts are changed (--replicates, --robustness-samples).
std::optional<SizeProblem> size_problem(const ExperimentSpec& spec);

/// Why the hypothesis's metric cannot be read from the runs of the compared arms (a series by
/// group without a column, a column their runs do not record, a column of a scalar series), or
/// nothing: checked on reading, and to be checked again after --set changes the world.
std::optional<std::string> column_problem(const ExperimentSpec& spec);

/// The arms x replicates as a sweep (list design over the arms' parameters; paired seeds
/// unless the arms are independent). Run k is arm k / replicates, replicate k % replicates.
sweep::SweepSpec arms_sweep(const ExperimentSpec& spec);

/// The robustness points x {arm a, arm b} x replicates as a sweep, or nothing without a
/// robustness section. Run k: point k / (2 replicates), arm (k / replicates) % 2.
std::optional<sweep::SweepSpec> robustness_sweep(const ExperimentSpec& spec);

std::string to_string(Expect expect);
std::string to_string(Pairing pairing);

} // namespace plansim::experiment
