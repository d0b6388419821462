#pragma once

// Scaling hypotheses (experiments/README.md): in each group of arms, one arm per value of a
// parameter, a figure is fitted as c parameter^b over every run, and the groups' exponents
// are compared, with the knock-out's and the placebo window's.

#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/experiment/statistics.hpp"
#include "plansim/experiment/verdict.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plansim::experiment {

/// The scaling parameter's value in an arm (checked positive when the file was read).
double scaling_x(const ExperimentSpec& spec, const Scaling& scaling, const std::string& arm_name);

/// The (parameter, figure) points of every run of a group's arms, and the runs without one.
struct GroupFigures {
  std::vector<double> x, y;
  std::size_t missing = 0;
};

GroupFigures group_figures(const ExperimentSpec& spec, const Scaling& scaling,
                           const std::vector<std::string>& arm_names,
                           const std::vector<ArmFigures>& arms, std::size_t metric);

/// The power-law fit of a group's points, or nothing with too few of them.
std::optional<PowerFit> fit_of(const GroupFigures& g);

/// Fills the effect (exponent of group a minus group b), the knock-out, the shrink test and
/// the placebo of a scaling hypothesis; throws std::runtime_error when a group cannot be fitted.
void judge_scaling(const ExperimentSpec& spec, const Hypothesis& h,
                   const std::vector<ArmFigures>& arms, HypothesisVerdict& v);

} // namespace plansim::experiment
