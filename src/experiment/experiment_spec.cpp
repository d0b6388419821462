#include "plansim/experiment/experiment_spec.hpp"

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

std::string text_of(sweep::FieldReader& reader, const YAML::Node& node, const char* what) {
  if (!node || !node.IsScalar() || node.Scalar().empty()) {
    if (node) {
      reader.error(node, std::string("'") + what + "' must be a text");
    } else {
      reader.error(Diagnostic{SourcePlace{reader.path(), 0, 0},
                              std::string("an experiment needs '") + what + "'"});
    }
    return "";
  }
  return node.Scalar();
}

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

// "a - b" -> the two arm names.
void read_compare(sweep::FieldReader& reader, const YAML::Node& node, ExperimentSpec& spec) {
  const std::string text = node && node.IsScalar() ? node.Scalar() : "";
  const auto minus = text.find(" - ");
  const auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(' '));
    s.erase(s.find_last_not_of(' ') + 1);
    return s;
  };
  if (minus == std::string::npos) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "'hypothesis.compare' must be 'ARM_A - ARM_B'");
    return;
  }
  spec.hypothesis.arm_a = trim(text.substr(0, minus));
  spec.hypothesis.arm_b = trim(text.substr(minus + 3));
  std::vector<std::string> names;
  for (const auto& arm : spec.arms) {
    names.push_back(arm.name);
  }
  for (const auto* name : {&spec.hypothesis.arm_a, &spec.hypothesis.arm_b}) {
    if (!names.empty() && std::find(names.begin(), names.end(), *name) == names.end()) {
      reader.error(node, "no arm '" + *name + "' in 'arms'" + io::did_you_mean(*name, names));
    }
  }
  if (spec.hypothesis.arm_a == spec.hypothesis.arm_b) {
    reader.error(node, "'hypothesis.compare' must compare two different arms");
  }
}

void read_hypothesis(sweep::FieldReader& reader, const YAML::Node& node, ExperimentSpec& spec) {
  if (!node || !node.IsMap()) {
    reader.error(node ? reader.at(node) : SourcePlace{reader.path(), 0, 0},
                 "an experiment needs 'hypothesis:' (metric, window, statistic, compare, "
                 "expect, alpha)");
    return;
  }
  reader.only_keys(node, {"metric", "column", "window", "statistic", "compare", "expect", "alpha"},
                   "'hypothesis'");
  auto& h = spec.hypothesis;
  if (const auto metric = node["metric"]; metric && reader.check_series(metric)) {
    h.metric.series = metric.Scalar();
  } else if (!metric) {
    reader.error(node, "'hypothesis' needs 'metric: SERIES'");
  }
  if (const auto column = node["column"]) {
    h.metric.column = column.IsScalar() ? column.Scalar() : "";
  }
  if (const auto statistic = node["statistic"]; statistic && reader.check_statistic(statistic)) {
    h.metric.statistic = statistic.Scalar();
  } else if (!statistic) {
    reader.error(node,
                 "'hypothesis' needs 'statistic: mean | final | min | max | growth | halving'");
  }
  if (const auto window = node["window"]) {
    reader.read_window(window, h.metric);
  }
  reader.check_metric(node, h.metric);
  read_compare(reader, node["compare"], spec);
  const auto expect = node["expect"];
  if (expect && expect.IsScalar() && (expect.Scalar() == "greater" || expect.Scalar() == "less")) {
    h.expect = expect.Scalar() == "greater" ? Expect::greater : Expect::less;
  } else {
    reader.error(expect ? reader.at(expect) : reader.at(node),
                 "'hypothesis.expect' must be greater or less");
  }
  if (const auto alpha = node["alpha"]) {
    h.alpha = reader.real(alpha, "hypothesis.alpha", 0.0, 0.5).value_or(h.alpha);
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
      for (const auto& arm : spec.arms) {
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

// The robustness design on its own, to place its points (before the arms and replicates).
sweep::SweepSpec robustness_design(const ExperimentSpec& spec) {
  sweep::SweepSpec design;
  design.axes = spec.robustness->axes;
  design.design = spec.robustness->design;
  design.samples = spec.robustness->samples;
  design.seed = spec.seed;
  return design;
}

const Arm& arm_named(const ExperimentSpec& spec, const std::string& name) {
  return *std::find_if(spec.arms.begin(), spec.arms.end(),
                       [&](const Arm& arm) { return arm.name == name; });
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
                          "hypothesis", "robustness"});
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
  read_hypothesis(reader, root["hypothesis"], spec);
  if (const auto robustness = root["robustness"]) {
    read_robustness(reader, robustness, spec);
  }
  // (read_arms leaves no arms when there are fewer than two: already an error.)
  const auto sets_nothing = [](const Arm& arm) { return arm.set.empty(); };
  if (!spec.arms.empty() && std::all_of(spec.arms.begin(), spec.arms.end(), sets_nothing)) {
    reader.error(root["arms"], "the arms set no parameters: they would all be the same runs");
  }
  if (const auto problem = reader.diagnostics().empty() ? size_problem(spec) : std::nullopt) {
    const auto where = problem->part == Part::arms ? root["replicates"] : root["robustness"];
    reader.error(where ? where : root, problem->message);
  }
  if (const auto problem = reader.diagnostics().empty() ? column_problem(spec) : std::nullopt) {
    const auto hypothesis = root["hypothesis"];
    reader.error(hypothesis["column"] ? hypothesis["column"] : hypothesis["metric"], *problem);
  }
  if (!reader.diagnostics().empty()) {
    throw io::ConfigError(std::move(reader.diagnostics()));
  }
  return spec;
}

std::optional<std::string> column_problem(const ExperimentSpec& spec) {
  const auto& metric = spec.hypothesis.metric;
  const auto slash = metric.series.find('/');
  if (metric.column.empty() && slash == std::string::npos) {
    return std::nullopt; // a scalar series, read whole: nothing to build a world for
  }
  for (const auto* name : {&spec.hypothesis.arm_a, &spec.hypothesis.arm_b}) {
    const Arm& arm = arm_named(spec, *name);
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
    const auto points = sweep::sample_count_up_to(robustness_design(spec), limit);
    if (!points || *points * 2 * static_cast<std::size_t>(spec.robustness->replicates) > limit) {
      return SizeProblem{Part::robustness,
                         too_many("robustness sweep (points x 2 arms x replicates)")};
    }
  }
  return std::nullopt;
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
  sweep.metrics = {spec.hypothesis.metric};
  return sweep;
}

std::optional<sweep::SweepSpec> robustness_sweep(const ExperimentSpec& spec) {
  if (!spec.robustness) {
    return std::nullopt;
  }
  const auto& r = *spec.robustness;
  const auto design = robustness_design(spec);
  const std::vector<const Arm*> compared = {&arm_named(spec, spec.hypothesis.arm_a),
                                            &arm_named(spec, spec.hypothesis.arm_b)};
  const auto arm_values = arm_axes(spec, compared);
  sweep::SweepSpec sweep;
  sweep.source = spec.source;
  sweep.base = spec.base;
  sweep.set = spec.set;
  sweep.design = sweep::Design::list;
  sweep.replicates = r.replicates;
  sweep.seed = spec.seed + 1; // other seeds than the arms' runs
  sweep.paired = spec.pairing == Pairing::paired ? 2 : 0;
  sweep.metrics = {spec.hypothesis.metric};
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
    for (std::size_t arm = 0; arm < 2; ++arm) {
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
