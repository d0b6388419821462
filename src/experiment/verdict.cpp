#include "plansim/experiment/verdict.hpp"

#include "plansim/experiment/decomposition.hpp"
#include "plansim/experiment/scaling.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_runner.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace plansim::experiment {

namespace fs = std::filesystem;

namespace {

std::string status_of(const sweep::CollectReport& report, std::size_t index) {
  const auto in = [&](const std::vector<std::size_t>& list) {
    return std::find(list.begin(), list.end(), index) != list.end();
  };
  return in(report.complete) ? "complete"
         : in(report.failed) ? "failed"
         : in(report.broken) ? "broken"
                             : "missing";
}

std::optional<double> figure_of(const sweep::CollectReport& report, std::size_t index,
                                std::size_t metric) {
  if (index >= report.figures.size() || metric >= report.figures[index].size()) {
    return std::nullopt;
  }
  return report.figures[index][metric];
}

using Figures = std::vector<std::optional<double>>;

// The figures of two arms a comparison can use, replicate by replicate: in a paired design only
// the replicates every arm in `also` gave too, otherwise every figure; `missing` counts the
// figures of a and b that are absent.
struct Usable {
  std::vector<double> a, b;
  std::size_t missing = 0;
};

Usable usable_figures(Pairing pairing, const Figures& a, const Figures& b,
                      const std::vector<const Figures*>& also = {}) {
  Usable usable;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t r = 0; r < n; ++r) {
    const bool fa = r < a.size() && a[r], fb = r < b.size() && b[r];
    usable.missing += (fa ? 0 : 1) + (fb ? 0 : 1);
    const bool others = std::all_of(also.begin(), also.end(), [&](const Figures* f) {
      return r < f->size() && (*f)[r].has_value();
    });
    if (pairing == Pairing::paired && !(fa && fb && others)) {
      continue;
    }
    if (fa) {
      usable.a.push_back(*a[r]);
    }
    if (fb) {
      usable.b.push_back(*b[r]);
    }
  }
  return usable;
}

Comparison compare(Pairing pairing, const Usable& u, Expect expect, double level,
                   std::uint64_t seed) {
  return pairing == Pairing::paired ? compare_paired(u.a, u.b, expect, level, seed)
                                    : compare_independent(u.a, u.b, expect, level, seed);
}

// (a - b) - (c - d), replicate by replicate where all four gave figures, in the expected
// direction; nothing with fewer than two such replicates.
std::optional<Comparison> difference_of_differences(const Figures& a, const Figures& b,
                                                    const Figures& c, const Figures& d,
                                                    Expect expect, double level,
                                                    std::uint64_t seed) {
  std::vector<double> first, second;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (a[r] && r < b.size() && b[r] && r < c.size() && c[r] && r < d.size() && d[r]) {
      first.push_back(*a[r] - *b[r]);
      second.push_back(*c[r] - *d[r]);
    }
  }
  if (first.size() < 2) {
    return std::nullopt;
  }
  return compare_paired(first, second, expect, level, seed);
}

std::string number(double value, int digits = 4) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

std::string window_text(const sweep::MetricSpec& metric) {
  return metric.from ? metric.from->to_string() + " to " + metric.to->to_string() : "the whole run";
}

std::string interval_text(const Comparison& c) {
  std::string text =
      number(100 * c.level, 3) + " % CI " + number(c.ci_low) + " to " + number(c.ci_high);
  text += c.bootstrapped
              ? "; bootstrap " + number(c.bootstrap_low) + " to " + number(c.bootstrap_high)
              : "; no bootstrap from fewer than " + std::to_string(min_bootstrap_runs) + " runs";
  return text;
}

// "0.207 (95 % CI 0.18 to 0.23; 50 runs)": group k's exponent as the paragraph gives it.
std::string exponent_text(const HypothesisVerdict& v, std::size_t k, std::size_t runs) {
  const auto& e = v.exponents.at(k);
  return number(e.fit.slope) + " (" + number(100 * v.effect.level, 3) + " % CI " +
         number(e.ci_low) + " to " + number(e.ci_high) + "; " + std::to_string(runs) + " runs)";
}

std::string scaling_paragraph(const ExperimentSpec& spec, const Hypothesis& h,
                              const HypothesisVerdict& v) {
  const auto& c = v.effect;
  std::string text = (spec.hypotheses.size() > 1 ? h.name + ": " : "") +
                     "Test: the exponent b of " + h.metric.statistic + " of " + h.metric.series +
                     " over " + window_text(h.metric) + " ~ " + h.scaling->parameter +
                     "^b, fitted on logs over every run of a group, " + h.arm_a + " minus " +
                     h.arm_b + ", expected " + to_string(h.expect) +
                     " than 0. The runs give b = " + exponent_text(v, 0, c.n_a) + " and " +
                     exponent_text(v, 1, c.n_b) + ", difference " + number(c.estimate) + " (" +
                     number(100 * c.level, 3) + " % CI " + number(c.ci_low) + " to " +
                     number(c.ci_high) + "), t = " + number(c.test.t, 3) + " on " +
                     number(c.test.df, 3) + " df, one-sided p = " + number(c.p_value, 3) + ".";
  if (v.knockout && v.shrink) {
    text += " Knock-out (" + h.knockout.mechanism + " off): exponents " +
            number(v.knockout->mean_a) + " and " + number(v.knockout->mean_b) +
            "; the difference is " +
            (v.shrinks ? "significantly larger" : "not significantly larger") +
            " with the mechanism (one-sided p = " + number(v.shrink->p_value, 3) + ").";
  }
  if (v.placebo) {
    text += " Placebo (window " + window_text(*h.placebo.metric) + "): exponent difference " +
            number(v.placebo->estimate) + ", two-sided p = " + number(v.placebo_p_two_sided, 3) +
            ".";
  }
  if (v.robustness) {
    text += " Across " + std::to_string(v.robustness->points) +
            " robustness points the difference kept its expected sign at " +
            std::to_string(v.robustness->kept) + ".";
  }
  return text + " Verdict: " + v.label + ".";
}

// "; the effect is significantly larger with the mechanism (by ..., one-sided p = ...)."
std::string shrink_text(const HypothesisVerdict& v) {
  return std::string("; the effect is ") +
         (v.shrinks ? "significantly larger" : "not significantly larger") +
         " with the mechanism (by " + number(v.shrink->estimate) +
         ", one-sided p = " + number(v.shrink->p_value, 3) + ").";
}

// `what` names the placebo's figure when it is not the hypothesis's own difference.
std::string placebo_text(const Hypothesis& h, const HypothesisVerdict& v,
                         const std::string& what = "") {
  if (!v.placebo) {
    return "";
  }
  return " Placebo (" +
         (h.placebo.metric ? "window " + window_text(*h.placebo.metric)
                           : h.placebo.arm_a + " minus " + h.placebo.arm_b) +
         "): " + what + number(v.placebo->estimate) +
         ", two-sided p = " + number(v.placebo_p_two_sided, 3) +
         (v.placebo_passed ? ", no effect, as expected." : ", an effect where none is expected.");
}

// "selection 0.81 (95 % CI 0.7 to 0.9), doctrine ..., interaction ...": the shares whose
// component ends with `suffix`.
std::string shares_text(const HypothesisVerdict& v, const std::string& suffix) {
  std::string text;
  for (const auto& s : v.shares) {
    const bool knocked =
        s.component.size() > 9 && s.component.compare(s.component.size() - 9, 9, "/knockout") == 0;
    if (knocked != (suffix == "/knockout")) {
      continue;
    }
    const std::string name = knocked ? s.component.substr(0, s.component.size() - 9) : s.component;
    text += (text.empty() ? "" : ", ") + name + " " + number(s.share, 3) + " (" +
            number(s.ci_low, 3) + " to " + number(s.ci_high, 3) + ")";
  }
  return text;
}

std::string decomposition_paragraph(const ExperimentSpec& spec, const Hypothesis& h,
                                    const HypothesisVerdict& v) {
  const auto& c = v.effect;
  const auto& d = *h.decomposition;
  std::string text = (spec.hypotheses.size() > 1 ? h.name + ": " : "") +
                     "Test: " + h.metric.statistic + " of " + h.metric.series + " over " +
                     window_text(h.metric) + ", averaged over seeds in " +
                     "each of the four cells (" + d.factors[0] + " x " + d.factors[1] +
                     "); the variance among the cells splits into the two main effects and their " +
                     "interaction; the share of " + h.arm_a + " minus that of " + h.arm_b +
                     " is expected " + to_string(h.expect) + " than 0, with a bootstrap over " +
                     std::to_string(c.n_a) + " seeds. Main effects: " + h.arm_a + " " +
                     number(c.mean_a) + ", " + h.arm_b + " " + number(c.mean_b) + ". Shares (" +
                     number(100 * c.level, 3) + " % bootstrap CI): " + shares_text(v, "") +
                     "; difference " + number(c.estimate) + " (" + number(c.ci_low) + " to " +
                     number(c.ci_high) + "), one-sided bootstrap p = " + number(c.p_value, 3) + ".";
  if (v.runs_missing > 0) {
    text += " " + std::to_string(v.runs_missing) +
            " runs gave no figure and were left out with their seeds.";
  }
  if (v.knockout && v.shrink) {
    text += " Knock-out (" + h.knockout.mechanism + " off): shares " + shares_text(v, "/knockout") +
            ", difference " + number(v.knockout->estimate) + shrink_text(v);
  } else {
    text += " Knock-out: too few runs to compare.";
  }
  text += placebo_text(h, v, "main effect of " + claimed_factor(h) + " ");
  if (v.robustness) {
    text += " Across " + std::to_string(v.robustness->points) +
            " robustness points the difference kept its expected sign at " +
            std::to_string(v.robustness->kept) + ".";
  }
  return text + " Verdict: " + v.label + ".";
}

std::string paragraph(const ExperimentSpec& spec, const Hypothesis& h, const HypothesisVerdict& v) {
  const auto& c = v.effect;
  if (h.scaling) {
    return scaling_paragraph(spec, h, v);
  }
  if (h.decomposition) {
    return decomposition_paragraph(spec, h, v);
  }
  std::string text =
      (spec.hypotheses.size() > 1 ? h.name + ": " : "") + "Test: " + h.metric.statistic + " of " +
      h.metric.series + (h.metric.column.empty() ? "" : "[" + h.metric.column + "]") + " over " +
      window_text(h.metric) + ", " + h.arm_a + " minus " + h.arm_b + ", expected " +
      to_string(h.expect) + " than 0. The runs give " + number(c.estimate) + " (" +
      interval_text(c) + "), " + to_string(spec.pairing) + " t = " + number(c.test.t, 3) + " on " +
      number(c.test.df, 3) + " df, one-sided p = " + number(c.p_value, 3) + ", effect size " +
      number(c.effect_size, 3) + ", n = " + std::to_string(c.n_a) + " and " +
      std::to_string(c.n_b) + " runs.";
  if (v.runs_missing > 0) {
    text += " " + std::to_string(v.runs_missing) +
            " runs gave no figure and were left out (with their pairs, in a paired design).";
  }
  if (v.knockout && v.shrink) {
    text += " Knock-out (" + h.knockout.mechanism + " off): the difference is " +
            number(v.knockout->estimate) + shrink_text(v);
  } else {
    text += " Knock-out: too few runs to compare.";
  }
  text += placebo_text(h, v);
  if (v.interaction && v.other_condition) {
    text += " Without the condition (" + h.interaction->arm_a + " minus " + h.interaction->arm_b +
            "): " + number(v.other_condition->estimate) +
            " (one-sided p = " + number(v.other_condition->p_value, 3) + "); interaction " +
            number(v.interaction->estimate) +
            " (one-sided p = " + number(v.interaction->p_value, 3) + ").";
  }
  if (v.robustness) {
    text += " Across " + std::to_string(v.robustness->points) +
            " robustness points the effect kept its expected sign at " +
            std::to_string(v.robustness->kept) + " (" + number(100 * v.robustness->share(), 3) +
            " %).";
  }
  text += " Verdict: " + v.label + ".";
  return text;
}

std::string label_of(const Hypothesis& h, const HypothesisVerdict& v);
std::string paragraph(const ExperimentSpec& spec, const Hypothesis& h, const HypothesisVerdict& v);

// The tests' outcomes, the label and the paragraph, once the comparisons are made.
HypothesisVerdict finish(const Hypothesis& h, HypothesisVerdict& v,
                         const std::optional<RobustnessResult>& robustness,
                         const ExperimentSpec& spec) {
  v.significant = v.effect.p_value < h.alpha;
  v.contradicted = !v.significant && 1.0 - v.effect.p_value < h.alpha;
  v.shrinks = v.shrink && v.shrink->p_value < h.alpha;
  if (v.placebo) {
    v.placebo_p_two_sided = two_sided_p(v.placebo->p_value);
    v.placebo_passed = v.placebo_p_two_sided >= h.alpha;
  }
  v.robustness = robustness;
  v.label = label_of(h, v);
  v.supported = v.label == "supported" || v.label.rfind("holds only when", 0) == 0;
  v.paragraph = paragraph(spec, h, v);
  return v;
}

// The rules of experiments/README.md, in order.
std::string label_of(const Hypothesis& h, const HypothesisVerdict& v) {
  if (!v.significant) {
    return v.contradicted ? "contradicted" : "not supported";
  }
  if (!v.placebo_passed || !v.shrinks) {
    return "not attributable";
  }
  if (v.robustness && v.robustness->share() < robust_share) {
    return "holds only in part of the parameter space";
  }
  if (v.conditional) {
    return "holds only when " + h.interaction->when;
  }
  return "supported";
}

const ArmFigures& arm_named(const std::vector<ArmFigures>& arms, const std::string& name) {
  const auto found =
      std::find_if(arms.begin(), arms.end(), [&](const auto& a) { return a.name == name; });
  if (found == arms.end()) {
    throw std::runtime_error("no figures for arm '" + name + "'");
  }
  return *found;
}

HypothesisVerdict judge_one(const ExperimentSpec& spec, const Hypothesis& h,
                            const std::vector<ArmFigures>& arms,
                            const std::optional<RobustnessResult>& robustness, std::uint64_t seed) {
  HypothesisVerdict v;
  v.name = h.name;
  if (h.scaling) {
    judge_scaling(spec, h, arms, v);
    return finish(h, v, robustness, spec);
  }
  if (h.decomposition) {
    judge_decomposition(h, arms, v, seed);
    return finish(h, v, robustness, spec);
  }
  const std::size_t m = h.metric_index;
  const auto& a = arm_named(arms, h.arm_a).figures[m];
  const auto& b = arm_named(arms, h.arm_b).figures[m];
  const double level = 1.0 - h.alpha;
  const auto usable = usable_figures(spec.pairing, a, b);
  v.runs_missing = usable.missing;
  if (usable.a.size() < 2 || usable.b.size() < 2) {
    throw std::runtime_error(
        (spec.hypotheses.size() > 1 ? "hypothesis " + h.name + ": " : std::string()) +
        "too few runs gave a figure (" + std::to_string(usable.a.size()) + " in " + h.arm_a + ", " +
        std::to_string(usable.b.size()) + " in " + h.arm_b +
        "; at least two each are needed): no verdict");
  }
  v.runs_used = usable.a.size() + usable.b.size();
  v.effect = compare(spec.pairing, usable, h.expect, level, seed);

  const auto& ka = arm_named(arms, h.knockout_a).figures[m];
  const auto& kb = arm_named(arms, h.knockout_b).figures[m];
  const auto knocked = usable_figures(spec.pairing, ka, kb);
  if (knocked.a.size() >= 2 && knocked.b.size() >= 2) {
    v.knockout = compare(spec.pairing, knocked, h.expect, level, seed + 1);
  }
  v.shrink = difference_of_differences(a, b, ka, kb, h.expect, level, seed + 2);

  const bool other_window = h.placebo.metric.has_value();
  const auto& pa = other_window ? arm_named(arms, h.arm_a).figures[*h.placebo_metric_index]
                                : arm_named(arms, h.placebo.arm_a).figures[m];
  const auto& pb = other_window ? arm_named(arms, h.arm_b).figures[*h.placebo_metric_index]
                                : arm_named(arms, h.placebo.arm_b).figures[m];
  const auto placebo = usable_figures(spec.pairing, pa, pb);
  if (placebo.a.size() >= 2 && placebo.b.size() >= 2) {
    v.placebo = compare(spec.pairing, placebo, h.expect, level, seed + 3);
  }

  if (h.interaction) {
    const auto& c = arm_named(arms, h.interaction->arm_a).figures[m];
    const auto& d = arm_named(arms, h.interaction->arm_b).figures[m];
    const auto other = usable_figures(spec.pairing, c, d);
    if (other.a.size() >= 2 && other.b.size() >= 2) {
      v.other_condition = compare(spec.pairing, other, h.expect, level, seed + 4);
    }
    v.interaction = difference_of_differences(a, b, c, d, h.expect, level, seed + 5);
    v.conditional = v.interaction && v.other_condition && v.interaction->p_value < h.alpha &&
                    v.other_condition->p_value >= h.alpha;
  }
  return finish(h, v, robustness, spec);
}

} // namespace

std::vector<ArmFigures> arm_figures(const ExperimentSpec& spec, const sweep::SweepSpec& sweep,
                                    const sweep::CollectReport& report) {
  const std::size_t metrics = experiment_metrics(spec).size();
  std::vector<ArmFigures> arms;
  for (std::size_t a = 0; a < spec.arms.size(); ++a) {
    ArmFigures arm;
    arm.name = spec.arms[a].name;
    arm.figures.assign(metrics, {});
    for (int r = 0; r < spec.replicates; ++r) {
      const std::size_t index =
          a * static_cast<std::size_t>(spec.replicates) + static_cast<std::size_t>(r);
      for (std::size_t m = 0; m < metrics; ++m) {
        arm.figures[m].push_back(figure_of(report, index, m));
      }
      arm.status.push_back(status_of(report, index));
      arm.seeds.push_back(sweep::run_point(sweep, index).seed);
    }
    arms.push_back(std::move(arm));
  }
  return arms;
}

std::vector<RobustnessResult> robustness_results(const ExperimentSpec& spec,
                                                 const sweep::CollectReport& report) {
  const auto names = robustness_arms(spec);
  const auto replicates = static_cast<std::size_t>(spec.robustness->replicates);
  const std::size_t per_point = names.size() * replicates;
  const std::size_t points = per_point ? report.runs / per_point : 0;
  const auto position = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  std::vector<RobustnessResult> results;
  for (const auto& h : spec.hypotheses) {
    RobustnessResult result;
    if (h.scaling) {
      // At each point, each group's exponent from its arms' runs there.
      for (std::size_t p = 0; p < points; ++p) {
        const auto fit_at_point = [&](const std::string& group) {
          std::vector<double> x, y;
          for (const auto& name : h.scaling->arms_of(group)) {
            for (std::size_t r = 0; r < replicates; ++r) {
              if (const auto f = figure_of(report, p * per_point + position(name) * replicates + r,
                                           h.metric_index)) {
                x.push_back(scaling_x(spec, *h.scaling, name));
                y.push_back(*f);
              }
            }
          }
          return fit_of(GroupFigures{x, y, 0});
        };
        const auto a = fit_at_point(h.arm_a), b = fit_at_point(h.arm_b);
        if (!a || !b) {
          continue;
        }
        ++result.points;
        result.kept += (h.expect == Expect::greater ? a->slope > b->slope : a->slope < b->slope);
      }
      results.push_back(result);
      continue;
    }
    if (h.decomposition) {
      results.push_back(decomposition_robustness(
          h, points, replicates, [&](const std::string& arm, std::size_t p, std::size_t r) {
            return figure_of(report, p * per_point + position(arm) * replicates + r,
                             h.metric_index);
          }));
      continue;
    }
    for (std::size_t p = 0; p < points; ++p) {
      Figures a, b;
      for (std::size_t r = 0; r < replicates; ++r) {
        a.push_back(
            figure_of(report, p * per_point + position(h.arm_a) * replicates + r, h.metric_index));
        b.push_back(
            figure_of(report, p * per_point + position(h.arm_b) * replicates + r, h.metric_index));
      }
      const auto usable = usable_figures(spec.pairing, a, b);
      if (usable.a.empty() || usable.b.empty()) {
        continue;
      }
      const double ma = mean(usable.a), mb = mean(usable.b);
      ++result.points;
      result.kept += (h.expect == Expect::greater ? ma > mb : ma < mb) ? 1 : 0;
    }
    results.push_back(result);
  }
  return results;
}

Verdict judge(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
              const std::vector<RobustnessResult>& robustness) {
  Verdict verdict;
  verdict.supported = true;
  for (std::size_t i = 0; i < spec.hypotheses.size(); ++i) {
    const auto r = i < robustness.size() ? std::optional(robustness[i]) : std::nullopt;
    verdict.hypotheses.push_back(judge_one(spec, spec.hypotheses[i], arms, r, spec.seed + 16 * i));
    verdict.supported = verdict.supported && verdict.hypotheses.back().supported;
  }
  if (verdict.hypotheses.size() == 1) {
    verdict.label = verdict.hypotheses.front().label;
  } else {
    for (const auto& v : verdict.hypotheses) {
      verdict.label += (verdict.label.empty() ? "" : "; ") + v.name + " " + v.label;
    }
  }
  verdict.paragraph = spec.id + ": " + spec.claim;
  for (const auto& v : verdict.hypotheses) {
    verdict.paragraph += " " + v.paragraph;
  }
  if (spec.exploratory()) {
    verdict.paragraph += " (Exploratory: run with overrides of the published settings.)";
  }
  return verdict;
}

} // namespace plansim::experiment
