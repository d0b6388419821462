#pragma once

#include "plansim/experiment/statistics.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <array>
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
  bool knockout = false; ///< added for a hypothesis's knock-out control
};

/// The same comparison with the mechanism that should carry the effect switched off: these
/// parameters are set on top of both compared arms, as arms of their own.
struct KnockOut {
  std::string mechanism; ///< the mechanism and the code path that carries it, in words
  std::vector<std::pair<std::string, std::string>> set;
};

/// Where no effect is expected: the same arms over another window, or two other arms over the
/// same window. The difference must not be significant (two-sided, at alpha).
struct Placebo {
  std::optional<sweep::MetricSpec> metric; ///< another window (the hypothesis's arms)
  std::string arm_a, arm_b;                ///< other arms (the hypothesis's metric)
};

/// A claim with a condition ("when information is poor"): the effect under the condition (the
/// hypothesis's arms) against the effect without it (arm_a - arm_b), tested as an interaction.
struct Interaction {
  std::string arm_a, arm_b;
  std::string when; ///< the condition, in words: "holds only when WHEN"
};

/// A claim about how a figure scales with a parameter: in each group of arms (one arm per
/// value of the parameter) the figure is fitted as figure = c parameter^b by least squares on
/// logs over every run, and the exponents b of two groups are compared (compare: GROUP_A -
/// GROUP_B).
struct Scaling {
  std::string parameter;
  std::vector<std::pair<std::string, std::vector<std::string>>> groups; ///< name -> arms
  /// The arms of a group (empty when there is none of that name).
  std::vector<std::string> arms_of(const std::string& group) const;
};

/// A claim that one factor of a 2 x 2 design matters more than another: the four cells are
/// arms, rows the levels of the first factor and columns those of the second. The variance
/// among the cells' mean figures splits into the two main effects and their interaction; the
/// shares of the two factors are compared (compare: FACTOR_A - FACTOR_B), with a bootstrap
/// over the paired seeds.
struct Decomposition {
  std::array<std::string, 2> factors;
  std::array<std::array<std::string, 2>, 2> cells; ///< [level of factor 0][level of factor 1]
  /// The four arms, row by row.
  std::vector<std::string> arms() const;
};

/// What the runs are to show: a statistic of a series over a window, compared between two
/// arms (a - b), expected greater or less than 0 at significance alpha; with the knock-out
/// control and the placebo every experiment must have, and an optional interaction.
struct Hypothesis {
  std::string name; ///< "main" for a file's single `hypothesis:`
  sweep::MetricSpec metric;
  std::string arm_a, arm_b;
  Expect expect = Expect::greater;
  double alpha = 0.05;
  KnockOut knockout;
  std::string knockout_a, knockout_b; ///< the knock-out arms (added to the experiment's arms)
  Placebo placebo;
  std::optional<Interaction> interaction;
  std::optional<Scaling> scaling;             ///< arm_a, arm_b then name groups, not arms
  std::optional<Decomposition> decomposition; ///< arm_a, arm_b then name factors, not arms
  /// With a decomposition, the cells' knock-out arms, row by row.
  std::vector<std::string> knockout_cells;
  /// With scaling, each group's knock-out arms (the group's arms with the knock-out on top).
  std::vector<std::string> knockout_group_a, knockout_group_b;
  std::size_t metric_index = 0;                    ///< position in experiment_metrics()
  std::optional<std::size_t> placebo_metric_index; ///< when the placebo is another window
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
  std::vector<Hypothesis> hypotheses; ///< one or more
  std::optional<Robustness> robustness;
  /// The settings the file publishes (before --replicates and the robustness options).
  int published_replicates = 10;
  std::optional<Robustness> published_robustness;
  /// What the command line changed (--set, --replicates, ...), as given; a run with any is
  /// exploratory.
  std::vector<std::string> overrides;

  const Hypothesis& main_hypothesis() const { return hypotheses.front(); }
  bool exploratory() const { return !overrides.empty(); }
};

/// The metrics every run of the experiment reports, hypotheses' first, then placebo windows.
std::vector<sweep::MetricSpec> experiment_metrics(const ExperimentSpec& spec);

/// The arms the robustness sweep runs at every point: each arm some hypothesis compares
/// (knock-out arms aside), in the order of `arms`.
std::vector<std::string> robustness_arms(const ExperimentSpec& spec);

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

/// The robustness points x robustness_arms() x replicates as a sweep, or nothing without a
/// robustness section. Run k: point k / (A replicates), arm (k / replicates) % A.
std::optional<sweep::SweepSpec> robustness_sweep(const ExperimentSpec& spec);

std::string to_string(Expect expect);
std::string to_string(Pairing pairing);

} // namespace plansim::experiment
