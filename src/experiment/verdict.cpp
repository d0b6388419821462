#include "plansim/experiment/verdict.hpp"

#include "plansim/io/csv.hpp"
#include "plansim/io/text_file.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_runner.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
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

std::optional<double> figure_of(const sweep::CollectReport& report, std::size_t index) {
  if (index >= report.figures.size() || report.figures[index].empty()) {
    return std::nullopt;
  }
  return report.figures[index][0];
}

// The figures of two arms a comparison can use, replicate by replicate: in a paired design only
// the replicates both arms gave, otherwise every figure; `missing` counts the figures absent.
struct Usable {
  std::vector<double> a, b;
  std::size_t missing = 0;
};

Usable usable_figures(Pairing pairing, const std::vector<std::optional<double>>& a,
                      const std::vector<std::optional<double>>& b) {
  Usable usable;
  const std::optional<double> none;
  for (std::size_t r = 0; r < std::max(a.size(), b.size()); ++r) {
    const auto& fa = r < a.size() ? a[r] : none;
    const auto& fb = r < b.size() ? b[r] : none;
    usable.missing += (fa ? 0 : 1) + (fb ? 0 : 1);
    if (pairing == Pairing::paired && !(fa && fb)) {
      continue;
    }
    if (fa) {
      usable.a.push_back(*fa);
    }
    if (fb) {
      usable.b.push_back(*fb);
    }
  }
  return usable;
}

std::string number(double value, int digits = 4) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

std::string window_text(const sweep::MetricSpec& metric) {
  return metric.from ? metric.from->to_string() + " to " + metric.to->to_string() : "the whole run";
}

std::string paragraph(const ExperimentSpec& spec, const Verdict& v) {
  const auto& h = spec.hypothesis;
  const auto& c = v.comparison;
  std::string text =
      spec.id + ": " + spec.claim + " Test: " + h.metric.statistic + " of " + h.metric.series +
      (h.metric.column.empty() ? "" : "[" + h.metric.column + "]") + " over " +
      window_text(h.metric) + ", " + h.arm_a + " minus " + h.arm_b + ", expected " +
      to_string(h.expect) + " than 0. The runs give " + number(c.estimate) + " (" +
      number(100 * c.level, 3) + " % CI " + number(c.ci_low) + " to " + number(c.ci_high) +
      "; bootstrap " + number(c.bootstrap_low) + " to " + number(c.bootstrap_high) + "), " +
      to_string(spec.pairing) + " t = " + number(c.test.t, 3) + " on " + number(c.test.df, 3) +
      " df, one-sided p = " + number(c.p_value, 3) + ", effect size " + number(c.effect_size, 3) +
      ", n = " + std::to_string(c.n_a) + " and " + std::to_string(c.n_b) + " runs.";
  if (v.runs_missing > 0) {
    text += " " + std::to_string(v.runs_missing) +
            " runs gave no figure and were left out (with their pairs, in a paired design).";
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

} // namespace

std::vector<ArmFigures> arm_figures(const ExperimentSpec& spec, const sweep::SweepSpec& sweep,
                                    const sweep::CollectReport& report) {
  std::vector<ArmFigures> arms;
  for (std::size_t a = 0; a < spec.arms.size(); ++a) {
    ArmFigures arm;
    arm.name = spec.arms[a].name;
    for (int r = 0; r < spec.replicates; ++r) {
      const std::size_t index =
          a * static_cast<std::size_t>(spec.replicates) + static_cast<std::size_t>(r);
      arm.figures.push_back(figure_of(report, index));
      arm.status.push_back(status_of(report, index));
      arm.seeds.push_back(sweep::run_point(sweep, index).seed);
    }
    arms.push_back(std::move(arm));
  }
  return arms;
}

RobustnessResult robustness_result(const ExperimentSpec& spec, const sweep::CollectReport& report) {
  RobustnessResult result;
  const auto replicates = static_cast<std::size_t>(spec.robustness->replicates);
  const std::size_t points = report.runs / (2 * replicates);
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<std::optional<double>> a, b;
    for (std::size_t r = 0; r < replicates; ++r) {
      a.push_back(figure_of(report, (2 * p) * replicates + r));
      b.push_back(figure_of(report, (2 * p + 1) * replicates + r));
    }
    const auto usable = usable_figures(spec.pairing, a, b);
    if (usable.a.empty() || usable.b.empty()) {
      continue;
    }
    const double ma = mean(usable.a), mb = mean(usable.b);
    ++result.points;
    const bool kept = spec.hypothesis.expect == Expect::greater ? ma > mb : ma < mb;
    result.kept += kept ? 1 : 0;
  }
  return result;
}

Verdict judge(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
              const std::optional<RobustnessResult>& robustness) {
  const auto named = [&](const std::string& name) -> const ArmFigures& {
    return *std::find_if(arms.begin(), arms.end(), [&](const auto& a) { return a.name == name; });
  };
  const auto& a = named(spec.hypothesis.arm_a);
  const auto& b = named(spec.hypothesis.arm_b);
  Verdict v;
  const auto usable = usable_figures(spec.pairing, a.figures, b.figures);
  const auto& xa = usable.a;
  const auto& xb = usable.b;
  v.runs_missing = usable.missing;
  if (xa.size() < 2 || xb.size() < 2) {
    throw std::runtime_error("too few runs gave a figure (" + std::to_string(xa.size()) + " in " +
                             a.name + ", " + std::to_string(xb.size()) + " in " + b.name +
                             "; at least two each are needed): no verdict");
  }
  v.runs_used = xa.size() + xb.size();
  const double level = 1.0 - spec.hypothesis.alpha;
  v.comparison = spec.pairing == Pairing::paired
                     ? compare_paired(xa, xb, spec.hypothesis.expect, level, spec.seed)
                     : compare_independent(xa, xb, spec.hypothesis.expect, level, spec.seed);
  const double opposite_p = 1.0 - v.comparison.p_value;
  v.supported = v.comparison.p_value < spec.hypothesis.alpha;
  v.contradicted = !v.supported && opposite_p < spec.hypothesis.alpha;
  v.robustness = robustness;
  if (v.supported) {
    v.label = robustness && robustness->share() < robust_share
                  ? "holds only in part of the parameter space"
                  : "supported";
  } else {
    v.label = v.contradicted ? "contradicted" : "not supported";
  }
  v.paragraph = paragraph(spec, v);
  return v;
}

void write_verdict(const ExperimentSpec& spec, const Verdict& v, const fs::path& dir) {
  const auto& h = spec.hypothesis;
  const auto& c = v.comparison;
  YAML::Emitter out;
  out.SetDoublePrecision(10);
  out << YAML::Comment("Written by plansim experiment: computed from the runs in arms/ and "
                       "robustness/.");
  out << YAML::BeginMap;
  out << YAML::Key << "experiment" << YAML::Value << spec.id;
  out << YAML::Key << "claim" << YAML::Value << spec.claim;
  out << YAML::Key << "source" << YAML::Value << YAML::BeginMap << YAML::Key << "seed_file"
      << YAML::Value << spec.claim_source.seed_file << YAML::Key << "title" << YAML::Value
      << spec.claim_source.title << YAML::Key << "author" << YAML::Value << spec.claim_source.author
      << YAML::EndMap;
  out << YAML::Key << "hypothesis" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "metric" << YAML::Value << h.metric.series;
  if (!h.metric.column.empty()) {
    out << YAML::Key << "column" << YAML::Value << h.metric.column;
  }
  out << YAML::Key << "statistic" << YAML::Value << h.metric.statistic;
  if (h.metric.from) {
    out << YAML::Key << "window" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << h.metric.from->to_string() << h.metric.to->to_string() << YAML::EndSeq;
  }
  out << YAML::Key << "compare" << YAML::Value << h.arm_a + " - " + h.arm_b;
  out << YAML::Key << "expect" << YAML::Value << to_string(h.expect);
  out << YAML::Key << "alpha" << YAML::Value << h.alpha << YAML::EndMap;
  out << YAML::Key << "design" << YAML::Value << to_string(spec.pairing);
  out << YAML::Key << "n" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << h.arm_a
      << YAML::Value << c.n_a << YAML::Key << h.arm_b << YAML::Value << c.n_b << YAML::EndMap;
  out << YAML::Key << "runs_missing" << YAML::Value << v.runs_missing;
  out << YAML::Key << "mean" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << h.arm_a
      << YAML::Value << c.mean_a << YAML::Key << h.arm_b << YAML::Value << c.mean_b << YAML::EndMap;
  out << YAML::Key << "effect" << YAML::Value << c.estimate;
  out << YAML::Key << "confidence" << YAML::Value << c.level;
  out << YAML::Key << "ci" << YAML::Value << YAML::Flow << YAML::BeginSeq << c.ci_low << c.ci_high
      << YAML::EndSeq;
  out << YAML::Key << "bootstrap_ci" << YAML::Value << YAML::Flow << YAML::BeginSeq
      << c.bootstrap_low << c.bootstrap_high << YAML::EndSeq;
  out << YAML::Key << "t" << YAML::Value << c.test.t;
  out << YAML::Key << "df" << YAML::Value << c.test.df;
  out << YAML::Key << "p_value" << YAML::Value << c.p_value;
  out << YAML::Key << "effect_size" << YAML::Value << c.effect_size;
  if (v.robustness) {
    out << YAML::Key << "robustness" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "points" << YAML::Value << v.robustness->points << YAML::Key << "kept_sign"
        << YAML::Value << v.robustness->kept << YAML::Key << "share" << YAML::Value
        << v.robustness->share() << YAML::EndMap;
  }
  out << YAML::Key << "supported" << YAML::Value << v.supported;
  out << YAML::Key << "verdict" << YAML::Value << v.label;
  out << YAML::Key << "summary" << YAML::Value << v.paragraph;
  out << YAML::EndMap;
  io::write_text_atomically(dir / "verdict.yaml", std::string(out.c_str()) + "\n");
}

void write_summary(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
                   const fs::path& dir) {
  std::string csv =
      "arm,replicate,seed,status," + io::csv_field(spec.hypothesis.metric.label()) + ",file\n";
  for (std::size_t a = 0; a < arms.size(); ++a) {
    for (std::size_t r = 0; r < arms[a].figures.size(); ++r) {
      const std::size_t index = a * arms[a].figures.size() + r;
      const auto& figure = arms[a].figures[r];
      csv += io::csv_field(arms[a].name) + "," + std::to_string(r) + "," +
             std::to_string(arms[a].seeds[r]) + "," + arms[a].status[r] + "," +
             (figure ? io::csv_number(*figure) : "") + ",arms/runs/" + std::to_string(index) +
             ".h5\n";
    }
  }
  io::write_text_atomically(dir / "summary.csv", csv);
}

} // namespace plansim::experiment
