// Scaling hypotheses: exponents fitted in groups of arms (experiments/README.md).

#include "plansim/experiment/scaling.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace plansim::experiment {

double scaling_x(const ExperimentSpec& spec, const Scaling& scaling, const std::string& arm_name) {
  const auto arm = std::find_if(spec.arms.begin(), spec.arms.end(),
                                [&](const Arm& a) { return a.name == arm_name; });
  for (const auto& [path, value] : arm->set) {
    if (path == scaling.parameter) {
      return std::stod(value);
    }
  }
  return 0.0;
}

GroupFigures group_figures(const ExperimentSpec& spec, const Scaling& scaling,
                           const std::vector<std::string>& arm_names,
                           const std::vector<ArmFigures>& arms, std::size_t metric) {
  GroupFigures g;
  for (const auto& name : arm_names) {
    const double x = scaling_x(spec, scaling, name);
    const auto arm =
        std::find_if(arms.begin(), arms.end(), [&](const ArmFigures& a) { return a.name == name; });
    if (arm == arms.end()) {
      throw std::runtime_error("no figures for arm '" + name + "'");
    }
    for (const auto& figure : arm->figures[metric]) {
      if (figure) {
        g.x.push_back(x);
        g.y.push_back(*figure);
      } else {
        ++g.missing;
      }
    }
  }
  return g;
}

std::optional<PowerFit> fit_of(const GroupFigures& g) {
  try {
    return fit_power_law(g.x, g.y);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

void judge_scaling(const ExperimentSpec& spec, const Hypothesis& h,
                   const std::vector<ArmFigures>& arms, HypothesisVerdict& v) {
  const auto& scaling = *h.scaling;
  const double level = 1.0 - h.alpha;
  const std::array<double, 2> difference = {1.0, -1.0};
  const auto fit = [&](const std::vector<std::string>& names, std::size_t metric) {
    return fit_of(group_figures(spec, scaling, names, arms, metric));
  };
  const auto ga = group_figures(spec, scaling, scaling.arms_of(h.arm_a), arms, h.metric_index);
  const auto gb = group_figures(spec, scaling, scaling.arms_of(h.arm_b), arms, h.metric_index);
  const auto a = fit_of(ga), b = fit_of(gb);
  v.runs_missing = ga.missing + gb.missing;
  if (!a || !b) {
    throw std::runtime_error("too few runs gave a figure to fit the scaling of " + h.arm_a +
                             " and " + h.arm_b + ": no verdict");
  }
  v.runs_used = ga.y.size() + gb.y.size();
  const auto add_exponent = [&](const std::string& group, const PowerFit& fit) {
    const double half = t_quantile(fit.df, level) * fit.se;
    v.exponents.push_back(GroupExponent{group, fit, fit.slope - half, fit.slope + half});
  };
  add_exponent(h.arm_a, *a);
  add_exponent(h.arm_b, *b);
  const std::array<PowerFit, 2> effect = {*a, *b};
  v.effect = compare_fits(effect, difference, h.expect, level);
  const auto ka = fit(h.knockout_group_a, h.metric_index);
  const auto kb = fit(h.knockout_group_b, h.metric_index);
  if (ka && kb) {
    add_exponent(h.arm_a + "/knockout", *ka);
    add_exponent(h.arm_b + "/knockout", *kb);
    const std::array<PowerFit, 2> knocked = {*ka, *kb};
    v.knockout = compare_fits(knocked, difference, h.expect, level);
    const std::array<PowerFit, 4> four = {*a, *b, *ka, *kb};
    const std::array<double, 4> signs = {1.0, -1.0, -1.0, 1.0};
    v.shrink = compare_fits(four, signs, h.expect, level);
  }
  if (h.placebo_metric_index) {
    const auto pa = fit(scaling.arms_of(h.arm_a), *h.placebo_metric_index);
    const auto pb = fit(scaling.arms_of(h.arm_b), *h.placebo_metric_index);
    if (pa && pb) {
      const std::array<PowerFit, 2> placebo = {*pa, *pb};
      v.placebo = compare_fits(placebo, difference, h.expect, level);
    }
  }
}

} // namespace plansim::experiment
