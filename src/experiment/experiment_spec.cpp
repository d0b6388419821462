#include "plansim/experiment/experiment_spec.hpp"

#include "plansim/experiment/hypothesis_reader.hpp"
#include "plansim/io/comma_list.hpp"
#include "plansim/io/config.hpp"
#include "plansim/io/series_columns.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/field_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

namespace plansim::experiment {

namespace fs = std::filesystem;
using io::Diagnostic;
using io::SourcePlace;

std::string to_string(Expect expect) {
  return expect == Expect::greater ? "greater" : "less";
}

std::string to_string(Pairing pairing) {
  return pairing == Pairing::paired ? "paired" : "independent";
}

namespace {

void read_source(sweep::FieldReader& reader, const YAML::Node& node, ClaimSource& source) {
  if (!node || !node.IsMap()) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "an experiment needs 'source: {seed_file: ..., title: ..., author: ...}'");
    return;
  }
  reader.only_keys(node, {"seed_file", "title", "author"}, "'source'");
  source.seed_file = text_of(reader, node["seed_file"], "source.seed_file");
  source.title = text_of(reader, node["title"], "source.title");
  source.author = text_of(reader, node["author"], "source.author");
}

void read_arms(sweep::FieldReader& reader, const YAML::Node& node, ExperimentSpec& spec) {
  if (!node || !node.IsMap() || node.size() < 2) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "an experiment needs 'arms:', a mapping of two or more arm names to the "
                 "parameters each sets ({} for none)");
    return;
  }
  for (const auto& item : node) {
    Arm arm;
    arm.name = item.first.Scalar();
    if (item.second.IsMap()) {
      reader.read_set(item.second, "", arm.set);
    } else if (!item.second.IsNull()) {
      reader.error(item.second, "arm '" + arm.name + "' must map parameters to values");
    }
    spec.arms.push_back(std::move(arm));
  }
}

void read_robustness(sweep::FieldReader& reader, const YAML::Node& node, ExperimentSpec& spec) {
  if (!node.IsMap()) {
    reader.error(node, "'robustness' must be a mapping (parameters, design, samples, replicates)");
    return;
  }
  reader.only_keys(node, {"parameters", "design", "samples", "replicates"}, "'robustness'");
  Robustness robustness;
  if (const auto parameters = node["parameters"]; parameters && parameters.IsMap()) {
    for (const auto& item : parameters) {
      auto axis = reader.read_axis(item.first.Scalar(), item.first, item.second);
      if (!axis) {
        continue;
      }
      // Only the compared arms run at every point.
      const auto compared = robustness_arms(spec);
      for (const auto& arm : spec.arms) {
        if (std::find(compared.begin(), compared.end(), arm.name) == compared.end()) {
          continue;
        }
        for (const auto& [path, value] : arm.set) {
          if (path == axis->path) {
            reader.error(item.first, "arm '" + arm.name + "' sets '" + path +
                                         "': robustness must vary other parameters");
          }
        }
      }
      robustness.axes.push_back(std::move(*axis));
    }
  } else {
    reader.error(node, "'robustness' needs 'parameters:', a mapping of parameter paths to "
                       "values or ranges");
  }
  if (const auto design = node["design"]) {
    robustness.design = reader.read_design(design).value_or(robustness.design);
  }
  if (const auto samples = node["samples"]) {
    robustness.samples = reader.count(samples, "samples", 1).value_or(0);
  }
  if (const auto replicates = node["replicates"]) {
    robustness.replicates = reader.count(replicates, "replicates", 1).value_or(2);
  }
  reader.check_design(node, robustness.design, robustness.samples, robustness.axes);
  spec.robustness = std::move(robustness);
}

// The values every arm gives each parameter any arm sets: its own, or the base's.
std::vector<sweep::Axis> arm_axes(const ExperimentSpec& spec, const std::vector<const Arm*>& arms) {
  const auto overrides = sweep::overrides_of(spec.set);
  const auto base = io::load_scenario(spec.base, overrides);
  std::vector<sweep::Axis> axes;
  for (const auto* arm : arms) {
    for (const auto& [path, value] : arm->set) {
      if (std::none_of(axes.begin(), axes.end(), [&](const auto& a) { return a.path == path; })) {
        sweep::Axis axis;
        axis.path = path;
        axis.type = io::Schema::scenario().find(path)->type;
        axes.push_back(axis);
      }
    }
  }
  for (auto& axis : axes) {
    for (const auto* arm : arms) {
      const auto own = std::find_if(arm->set.begin(), arm->set.end(),
                                    [&](const auto& s) { return s.first == axis.path; });
      axis.values.push_back(own != arm->set.end() ? own->second : base.text(axis.path));
    }
  }
  return axes;
}

const Arm& arm_named(const ExperimentSpec& spec, const std::string& name) {
  return *std::find_if(spec.arms.begin(), spec.arms.end(),
                       [&](const Arm& arm) { return arm.name == name; });
}

// The robustness design on its own, to place its points (before the arms and replicates).
sweep::SweepSpec robustness_design(const ExperimentSpec& spec) {
  sweep::SweepSpec design;
  design.axes = spec.robustness->axes;
  design.design = spec.robustness->design;
  design.samples = spec.robustness->samples;
  design.seed = spec.seed;
  return design;
}

// Where a problem with a hypothesis's metric belongs in the file.
YAML::Node metric_node(const YAML::Node& root, const Hypothesis& h) {
  const auto node =
      h.name == "main" && root["hypothesis"] ? root["hypothesis"] : root["hypotheses"][h.name];
  return node["column"] ? node["column"] : node["metric"] ? node["metric"] : root;
}

// The arms whose runs a hypothesis reads its metric from.
std::vector<std::string> compared_arms(const Hypothesis& h) {
  if (h.scaling) {
    auto arms = h.scaling->arms_of(h.arm_a);
    const auto other = h.scaling->arms_of(h.arm_b);
    arms.insert(arms.end(), other.begin(), other.end());
    return arms;
  }
  if (h.decomposition) {
    return h.decomposition->arms();
  }
  return {h.arm_a, h.arm_b};
}

std::optional<std::string> column_problem_of(const ExperimentSpec& spec, const Hypothesis& h) {
  const auto& metric = h.metric;
  const auto slash = metric.series.find('/');
  if (metric.column.empty() && slash == std::string::npos) {
    return std::nullopt; // a scalar series, read whole: nothing to build a world for
  }
  for (const auto& name : compared_arms(h)) {
    const Arm& arm = arm_named(spec, name);
    auto overrides = sweep::overrides_of(spec.set);
    for (auto& assignment : sweep::overrides_of(arm.set)) {
      overrides.push_back(std::move(assignment));
    }
    std::optional<std::vector<std::string>> columns;
    try {
      columns = io::series_columns(io::load_scenario(spec.base, overrides), metric.series);
    } catch (const io::ConfigError&) {
      continue; // the runs of an arm the model refuses fail, and are reported as failed
    }
    if (!columns) {
      continue; // a series runs do not record is reported where it is named
    }
    if (columns->empty()) {
      if (!metric.column.empty()) {
        return metric.series + " has no columns: leave out 'hypothesis.column'";
      }
      continue;
    }
    const std::string listed = io::join_names(*columns);
    if (metric.column.empty()) {
      return metric.series + " is a series by " + metric.series.substr(3, slash - 3) +
             ": 'hypothesis.column' must name one of its columns (" + listed + ")";
    }
    if (std::find(columns->begin(), columns->end(), metric.column) == columns->end()) {
      return "no column '" + metric.column + "' in " + metric.series + " for arm '" + arm.name +
             "' (its columns: " + listed + ")";
    }
  }
  return std::nullopt;
}

} // namespace

ExperimentSpec load_experiment(const std::string& path) {
  const fs::path file =
      fs::is_directory(path) ? fs::path(path) / "experiment.yaml" : fs::path(path);
  sweep::FieldReader reader(file.string());
  const YAML::Node root = reader.load("experiment");
  ExperimentSpec spec;
  spec.source = file.string();
  spec.id = fs::absolute(file).lexically_normal().parent_path().filename().string();
  reader.only_keys(root, {"claim", "source", "base", "set", "arms", "replicates", "seed", "design",
                          "hypothesis", "hypotheses", "robustness"});
  spec.claim = text_of(reader, root["claim"], "claim");
  read_source(reader, root["source"], spec.claim_source);
  spec.base = reader.read_base(root["base"], "experiment", sweep::BaseCheck::check);
  if (const auto set = root["set"]) {
    set.IsMap() ? reader.read_set(set, "", spec.set)
                : reader.error(set, "'set' must map parameters to values");
  }
  read_arms(reader, root["arms"], spec);
  if (const auto replicates = root["replicates"]) {
    spec.replicates = reader.count(replicates, "replicates", 2).value_or(2);
  }
  if (const auto seed = root["seed"]) {
    spec.seed = reader.seed(seed).value_or(1);
  }
  if (const auto design = root["design"]) {
    if (design.IsScalar() && (design.Scalar() == "paired" || design.Scalar() == "independent")) {
      spec.pairing = design.Scalar() == "paired" ? Pairing::paired : Pairing::independent;
    } else {
      reader.error(design, "'design' must be paired or independent");
    }
  }
  read_hypotheses(reader, root, spec);
  if (const auto robustness = root["robustness"]) {
    read_robustness(reader, robustness, spec);
  }
  spec.published_replicates = spec.replicates;
  spec.published_robustness = spec.robustness;
  // (read_arms leaves no arms when there are fewer than two: already an error.)
  const auto sets_nothing = [](const Arm& arm) { return arm.set.empty(); };
  if (!spec.arms.empty() && std::all_of(spec.arms.begin(), spec.arms.end(), sets_nothing)) {
    reader.error(root["arms"], "the arms set no parameters: they would all be the same runs");
  }
  if (!reader.diagnostics().empty()) {
    throw io::ConfigError(std::move(reader.diagnostics()));
  }
  add_knockout_arms(spec);
  index_metrics(spec);
  if (const auto problem = size_problem(spec)) {
    const auto where = problem->part == Part::arms ? root["replicates"] : root["robustness"];
    reader.error(where ? where : root, problem->message);
  }
  for (const auto& h : spec.hypotheses) {
    if (const auto problem = column_problem_of(spec, h)) {
      reader.error(metric_node(root, h), *problem);
    }
  }
  if (!reader.diagnostics().empty()) {
    throw io::ConfigError(std::move(reader.diagnostics()));
  }
  return spec;
}

std::optional<std::string> column_problem(const ExperimentSpec& spec) {
  for (const auto& h : spec.hypotheses) {
    if (auto problem = column_problem_of(spec, h)) {
      return spec.hypotheses.size() > 1 ? "hypothesis " + h.name + ": " + *problem : *problem;
    }
  }
  return std::nullopt;
}

std::optional<SizeProblem> size_problem(const ExperimentSpec& spec) {
  const auto limit = static_cast<std::size_t>(sweep::max_runs);
  const auto too_many = [&](const std::string& what) {
    return "the " + what + " would have more than " + std::to_string(limit) +
           " runs (the most a sweep may have)";
  };
  if (spec.arms.size() * static_cast<std::size_t>(spec.replicates) > limit) {
    return SizeProblem{Part::arms, too_many("arms (" + std::to_string(spec.arms.size()) + " x " +
                                            std::to_string(spec.replicates) + " replicates)")};
  }
  if (spec.robustness) {
    const std::size_t arms = std::max<std::size_t>(robustness_arms(spec).size(), 1);
    const auto points = sweep::sample_count_up_to(robustness_design(spec), limit);
    if (!points || *points * arms * static_cast<std::size_t>(spec.robustness->replicates) > limit) {
      return SizeProblem{Part::robustness,
                         too_many("robustness sweep (points x compared arms x replicates)")};
    }
  }
  return std::nullopt;
}

std::vector<sweep::MetricSpec> experiment_metrics(const ExperimentSpec& spec) {
  std::vector<sweep::MetricSpec> metrics;
  for (const auto& h : spec.hypotheses) {
    metrics.push_back(h.metric);
  }
  for (const auto& h : spec.hypotheses) {
    if (h.placebo.metric) {
      metrics.push_back(*h.placebo.metric);
    }
  }
  return metrics;
}

std::vector<std::string> Decomposition::arms() const {
  return {cells[0][0], cells[0][1], cells[1][0], cells[1][1]};
}

std::vector<std::string> Scaling::arms_of(const std::string& group) const {
  for (const auto& [name, arms] : groups) {
    if (name == group) {
      return arms;
    }
  }
  return {};
}

std::vector<std::string> robustness_arms(const ExperimentSpec& spec) {
  std::vector<std::string> names;
  const auto in = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (const auto& arm : spec.arms) {
    const bool compared =
        std::any_of(spec.hypotheses.begin(), spec.hypotheses.end(),
                    [&](const Hypothesis& h) { return in(compared_arms(h), arm.name); });
    if (compared && !arm.knockout) {
      names.push_back(arm.name);
    }
  }
  return names;
}

sweep::SweepSpec arms_sweep(const ExperimentSpec& spec) {
  std::vector<const Arm*> arms;
  for (const auto& arm : spec.arms) {
    arms.push_back(&arm);
  }
  sweep::SweepSpec sweep;
  sweep.source = spec.source;
  sweep.base = spec.base;
  sweep.set = spec.set;
  sweep.axes = arm_axes(spec, arms);
  sweep.design = sweep::Design::list;
  sweep.replicates = spec.replicates;
  sweep.seed = spec.seed;
  sweep.paired = spec.pairing == Pairing::paired ? static_cast<int>(arms.size()) : 0;
  sweep.metrics = experiment_metrics(spec);
  return sweep;
}

std::optional<sweep::SweepSpec> robustness_sweep(const ExperimentSpec& spec) {
  if (!spec.robustness) {
    return std::nullopt;
  }
  const auto& r = *spec.robustness;
  const auto design = robustness_design(spec);
  std::vector<const Arm*> compared;
  for (const auto& name : robustness_arms(spec)) {
    compared.push_back(&arm_named(spec, name));
  }
  const auto arm_values = arm_axes(spec, compared);
  sweep::SweepSpec sweep;
  sweep.source = spec.source;
  sweep.base = spec.base;
  sweep.set = spec.set;
  sweep.design = sweep::Design::list;
  sweep.replicates = r.replicates;
  sweep.seed = spec.seed + 1; // other seeds than the arms' runs
  sweep.paired = spec.pairing == Pairing::paired ? static_cast<int>(compared.size()) : 0;
  sweep.metrics = experiment_metrics(spec);
  for (const auto& axis : r.axes) {
    sweep.axes.push_back(axis);
    sweep.axes.back().values.clear();
  }
  for (const auto& axis : arm_values) {
    sweep.axes.push_back(axis);
    sweep.axes.back().values.clear();
  }
  const sweep::RunList points(design);
  for (std::size_t point = 0; point < points.size(); ++point) {
    const auto values = points.at(point).values;
    for (std::size_t arm = 0; arm < compared.size(); ++arm) {
      for (std::size_t j = 0; j < values.size(); ++j) {
        sweep.axes[j].values.push_back(values[j].second);
      }
      for (std::size_t j = 0; j < arm_values.size(); ++j) {
        sweep.axes[values.size() + j].values.push_back(arm_values[j].values[arm]);
      }
    }
  }
  return sweep;
}

} // namespace plansim::experiment
