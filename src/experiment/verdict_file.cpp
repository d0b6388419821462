// verdict.yaml and summary.csv (experiments/README.md).

#include "plansim/experiment/verdict_file.hpp"

#include "plansim/io/csv.hpp"
#include "plansim/io/text_file.hpp"
#include "plansim/version.hpp"

#include <yaml-cpp/yaml.h>

namespace plansim::experiment {

namespace fs = std::filesystem;

namespace {

void emit_comparison(YAML::Emitter& out, const Comparison& c) {
  out << YAML::Key << "effect" << YAML::Value << c.estimate;
  out << YAML::Key << "ci" << YAML::Value << YAML::Flow << YAML::BeginSeq << c.ci_low << c.ci_high
      << YAML::EndSeq;
  out << YAML::Key << "p_value" << YAML::Value << c.p_value;
}

void emit_bootstrap(YAML::Emitter& out, const Comparison& c) {
  out << YAML::Key << "bootstrap_ci" << YAML::Value;
  if (c.bootstrapped) {
    out << YAML::Flow << YAML::BeginSeq << c.bootstrap_low << c.bootstrap_high << YAML::EndSeq;
  } else {
    out << YAML::Null;
  }
}

void emit_hypothesis_spec(YAML::Emitter& out, const Hypothesis& h) {
  out << YAML::BeginMap;
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
  if (h.scaling) {
    out << YAML::Key << "scaling" << YAML::Value << YAML::BeginMap << YAML::Key << "parameter"
        << YAML::Value << h.scaling->parameter << YAML::Key << "groups" << YAML::Value
        << YAML::BeginMap;
    for (const auto& [name, arms] : h.scaling->groups) {
      out << YAML::Key << name << YAML::Value << YAML::Flow << arms;
    }
    out << YAML::EndMap << YAML::EndMap;
  }
  if (h.decomposition) {
    const auto& d = *h.decomposition;
    out << YAML::Key << "decomposition" << YAML::Value << YAML::BeginMap << YAML::Key << "factors"
        << YAML::Value << YAML::Flow << YAML::BeginSeq << d.factors[0] << d.factors[1]
        << YAML::EndSeq << YAML::Key << "cells" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << YAML::Flow << YAML::BeginSeq << d.cells[0][0] << d.cells[0][1] << YAML::EndSeq
        << YAML::Flow << YAML::BeginSeq << d.cells[1][0] << d.cells[1][1] << YAML::EndSeq
        << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::Key << "expect" << YAML::Value << to_string(h.expect);
  out << YAML::Key << "alpha" << YAML::Value << h.alpha << YAML::EndMap;
}

// The numbers of one hypothesis's effect, flat (the top level holds the main hypothesis's).
void emit_effect(YAML::Emitter& out, const Hypothesis& h, const HypothesisVerdict& v) {
  const auto& c = v.effect;
  out << YAML::Key << "n" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << h.arm_a
      << YAML::Value << c.n_a << YAML::Key << h.arm_b << YAML::Value << c.n_b << YAML::EndMap;
  out << YAML::Key << "runs_missing" << YAML::Value << v.runs_missing;
  out << YAML::Key << (h.decomposition ? "main_effect" : "mean") << YAML::Value << YAML::Flow
      << YAML::BeginMap << YAML::Key << h.arm_a << YAML::Value << c.mean_a << YAML::Key << h.arm_b
      << YAML::Value << c.mean_b << YAML::EndMap;
  out << YAML::Key << "effect" << YAML::Value << c.estimate;
  out << YAML::Key << "confidence" << YAML::Value << c.level;
  out << YAML::Key << "ci" << YAML::Value << YAML::Flow << YAML::BeginSeq << c.ci_low << c.ci_high
      << YAML::EndSeq;
  emit_bootstrap(out, c);
  out << YAML::Key << "t" << YAML::Value << c.test.t;
  out << YAML::Key << "df" << YAML::Value << c.test.df;
  out << YAML::Key << "p_value" << YAML::Value << c.p_value;
  out << YAML::Key << "effect_size" << YAML::Value << c.effect_size;
  if (!v.exponents.empty()) {
    out << YAML::Key << "exponents" << YAML::Value << YAML::BeginMap;
    for (const auto& e : v.exponents) {
      out << YAML::Key << e.group << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "b"
          << YAML::Value << e.fit.slope << YAML::Key << "se" << YAML::Value << e.fit.se << YAML::Key
          << "ci" << YAML::Value << YAML::Flow << YAML::BeginSeq << e.ci_low << e.ci_high
          << YAML::EndSeq << YAML::Key << "runs" << YAML::Value << e.fit.n << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  if (!v.shares.empty()) {
    out << YAML::Key << "shares" << YAML::Value << YAML::BeginMap;
    for (const auto& s : v.shares) {
      out << YAML::Key << s.component << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
          << "share" << YAML::Value << s.share << YAML::Key << "ci" << YAML::Value << YAML::Flow
          << YAML::BeginSeq << s.ci_low << s.ci_high << YAML::EndSeq << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  if (v.robustness) {
    out << YAML::Key << "robustness" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "points" << YAML::Value << v.robustness->points << YAML::Key << "kept_sign"
        << YAML::Value << v.robustness->kept << YAML::Key << "share" << YAML::Value
        << v.robustness->share() << YAML::EndMap;
  }
}

void emit_controls(YAML::Emitter& out, const Hypothesis& h, const HypothesisVerdict& v) {
  out << YAML::Key << "knockout" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "mechanism" << YAML::Value << h.knockout.mechanism;
  out << YAML::Key << "compare" << YAML::Value
      << (h.scaling || h.decomposition ? h.arm_a + "/knockout - " + h.arm_b + "/knockout"
                                       : h.knockout_a + " - " + h.knockout_b);
  if (v.knockout) {
    emit_comparison(out, *v.knockout);
  }
  if (v.shrink) {
    out << YAML::Key << "shrink" << YAML::Value << YAML::BeginMap;
    emit_comparison(out, *v.shrink);
    out << YAML::EndMap;
  }
  out << YAML::Key << "shrinks" << YAML::Value << v.shrinks << YAML::EndMap;
  out << YAML::Key << "placebo" << YAML::Value << YAML::BeginMap;
  if (h.placebo.metric) {
    out << YAML::Key << "window" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << h.placebo.metric->from->to_string() << h.placebo.metric->to->to_string() << YAML::EndSeq;
  } else {
    out << YAML::Key << "compare" << YAML::Value << h.placebo.arm_a + " - " + h.placebo.arm_b;
  }
  if (v.placebo) {
    emit_comparison(out, *v.placebo);
    out << YAML::Key << "p_two_sided" << YAML::Value << v.placebo_p_two_sided;
  }
  out << YAML::Key << "passed" << YAML::Value << v.placebo_passed << YAML::EndMap;
  if (h.interaction) {
    out << YAML::Key << "interaction" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "when" << YAML::Value << h.interaction->when;
    out << YAML::Key << "compare" << YAML::Value
        << h.interaction->arm_a + " - " + h.interaction->arm_b;
    if (v.other_condition) {
      out << YAML::Key << "without_condition" << YAML::Value << YAML::BeginMap;
      emit_comparison(out, *v.other_condition);
      out << YAML::EndMap;
    }
    if (v.interaction) {
      out << YAML::Key << "difference" << YAML::Value << YAML::BeginMap;
      emit_comparison(out, *v.interaction);
      out << YAML::EndMap;
    }
    out << YAML::Key << "conditional" << YAML::Value << v.conditional << YAML::EndMap;
  }
}

void emit_provenance(YAML::Emitter& out, const ExperimentSpec& spec) {
  out << YAML::Key << "plansim" << YAML::Value << YAML::BeginMap << YAML::Key << "version"
      << YAML::Value << std::string(version()) << YAML::Key << "commit" << YAML::Value
      << std::string(git_commit()) << YAML::EndMap;
  out << YAML::Key << "published" << YAML::Value << YAML::BeginMap << YAML::Key << "replicates"
      << YAML::Value << spec.published_replicates;
  if (spec.published_robustness) {
    out << YAML::Key << "robustness_samples" << YAML::Value << spec.published_robustness->samples
        << YAML::Key << "robustness_replicates" << YAML::Value
        << spec.published_robustness->replicates;
  }
  out << YAML::EndMap;
  out << YAML::Key << "overrides" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& o : spec.overrides) {
    out << o;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "exploratory" << YAML::Value << spec.exploratory();
}

} // namespace

void write_verdict(const ExperimentSpec& spec, const Verdict& verdict, const fs::path& dir) {
  const auto& h = spec.main_hypothesis();
  const auto& v = verdict.hypotheses.front();
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
  emit_provenance(out, spec);
  out << YAML::Key << "hypothesis" << YAML::Value;
  emit_hypothesis_spec(out, h);
  out << YAML::Key << "design" << YAML::Value << to_string(spec.pairing);
  emit_effect(out, h, v);
  out << YAML::Key << "supported" << YAML::Value << verdict.supported;
  out << YAML::Key << "verdict" << YAML::Value << verdict.label;
  out << YAML::Key << "hypotheses" << YAML::Value << YAML::BeginSeq;
  for (std::size_t i = 0; i < spec.hypotheses.size(); ++i) {
    const auto& hi = spec.hypotheses[i];
    const auto& vi = verdict.hypotheses[i];
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << hi.name;
    out << YAML::Key << "hypothesis" << YAML::Value;
    emit_hypothesis_spec(out, hi);
    emit_effect(out, hi, vi);
    emit_controls(out, hi, vi);
    out << YAML::Key << "supported" << YAML::Value << vi.supported;
    out << YAML::Key << "verdict" << YAML::Value << vi.label;
    out << YAML::Key << "summary" << YAML::Value << vi.paragraph << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "summary" << YAML::Value << verdict.paragraph;
  out << YAML::EndMap;
  io::write_text_atomically(dir / "verdict.yaml", std::string(out.c_str()) + "\n");
}

void write_summary(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
                   const fs::path& dir) {
  const auto metrics = experiment_metrics(spec);
  std::string csv = "arm,replicate,seed,status";
  for (const auto& metric : metrics) {
    csv += "," + io::csv_field(metric.label());
  }
  csv += ",file\n";
  for (std::size_t a = 0; a < arms.size(); ++a) {
    const std::size_t replicates = arms[a].status.size();
    for (std::size_t r = 0; r < replicates; ++r) {
      const std::size_t index = a * replicates + r;
      csv += io::csv_field(arms[a].name) + "," + std::to_string(r) + "," +
             std::to_string(arms[a].seeds[r]) + "," + arms[a].status[r];
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        const auto& figure = arms[a].figures[m][r];
        csv += "," + (figure ? io::csv_number(*figure) : "");
      }
      csv += ",arms/runs/" + std::to_string(index) + ".h5\n";
    }
  }
  io::write_text_atomically(dir / "summary.csv", csv);
}

} // namespace plansim::experiment
