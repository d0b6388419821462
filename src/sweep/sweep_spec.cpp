#include "plansim/sweep/sweep_spec.hpp"

#include "plansim/io/config.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/field_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace plansim::sweep {

namespace fs = std::filesystem;
using io::Diagnostic;
using io::SourcePlace;

std::string MetricSpec::label() const {
  if (!name.empty()) {
    return name;
  }
  std::string base = series;
  std::replace(base.begin(), base.end(), '/', '_');
  return base + (column.empty() ? "" : "_" + column) + "_" + statistic;
}

std::optional<int> percentile_of(const std::string& statistic) {
  if (statistic.size() < 2 || statistic.size() > 3 || statistic[0] != 'p' || statistic[1] == '0') {
    return std::nullopt;
  }
  int percent = 0;
  for (std::size_t i = 1; i < statistic.size(); ++i) {
    if (statistic[i] < '0' || statistic[i] > '9') {
      return std::nullopt;
    }
    percent = percent * 10 + (statistic[i] - '0');
  }
  return percent;
}

std::string to_string(Design design) {
  switch (design) {
  case Design::grid:
    return "grid";
  case Design::list:
    return "list";
  case Design::random:
    return "random";
  case Design::lhs:
    return "lhs";
  case Design::sobol:
    return "sobol";
  case Design::saltelli:
    return "saltelli";
  case Design::morris:
    return "morris";
  }
  return "?";
}

std::vector<std::string> overrides_of(const std::vector<std::pair<std::string, std::string>>& set) {
  std::vector<std::string> overrides;
  for (const auto& [path, value] : set) {
    overrides.push_back(path + "=" + value);
  }
  return overrides;
}

bool is_sampled(Design design) {
  return design == Design::random || design == Design::lhs || design == Design::sobol ||
         design == Design::saltelli || design == Design::morris;
}

namespace {

// No more than max_runs runs, refused where the size is given: at the replicates when the
// points alone would do, else at the samples or the parameters.
void check_size(FieldReader& reader, const YAML::Node& root, const SweepSpec& spec) {
  const auto points = sample_count_up_to(spec, max_runs);
  if (points && *points * static_cast<std::size_t>(spec.replicates) <= max_runs) {
    return;
  }
  const YAML::Node where = points                    ? root["replicates"]
                           : is_sampled(spec.design) ? root["samples"]
                                                     : root["parameters"];
  reader.error(where, "the sweep has more than " + std::to_string(max_runs) +
                          " runs (the most a sweep may have): split it into several, or sample "
                          "the space with a random, lhs or sobol design");
}

SweepSpec read_sweep(const std::string& path, BaseCheck base) {
  FieldReader reader(path);
  SweepSpec spec;
  spec.source = path;
  const YAML::Node root = reader.load("sweep");
  // `runs` and `base_fingerprint` are what plansim sweep adds in DIR/sweep.yaml; they are
  // ignored on reading (the fingerprint is computed afresh when the record is written).
  reader.only_keys(root, {"base", "set", "parameters", "design", "samples", "replicates", "seed",
                          "paired", "levels", "metrics", "runs", "base_fingerprint"});
  spec.base = reader.read_base(root["base"], "sweep", base);
  if (const auto set = root["set"]) {
    set.IsMap() ? reader.read_set(set, "", spec.set)
                : reader.error(set, "'set' must map parameters to values");
  }
  if (const auto parameters = root["parameters"]; parameters && parameters.IsMap()) {
    for (const auto& item : parameters) {
      if (auto axis = reader.read_axis(item.first.Scalar(), item.first, item.second)) {
        spec.axes.push_back(std::move(*axis));
      }
    }
  } else {
    reader.error(Diagnostic{parameters ? reader.at(parameters) : SourcePlace{path, 0, 0},
                            "a sweep needs 'parameters:', a mapping of parameter paths to values "
                            "or ranges"});
  }
  if (const auto design = root["design"]) {
    spec.design = reader.read_design(design).value_or(spec.design);
  }
  if (const auto samples = root["samples"]) {
    spec.samples = reader.count(samples, "samples", 1).value_or(0);
  }
  if (const auto levels = root["levels"]) {
    spec.levels = reader.levels(levels, spec.design).value_or(spec.levels);
  }
  if (const auto replicates = root["replicates"]) {
    spec.replicates = reader.count(replicates, "replicates", 1).value_or(1);
  }
  if (const auto seed = root["seed"]) {
    spec.seed = reader.seed(seed).value_or(1);
  }
  if (const auto paired = root["paired"]) {
    spec.paired = reader.count(paired, "paired", 0).value_or(0);
  }
  if (const auto metrics = root["metrics"]) {
    if (!metrics.IsSequence()) {
      reader.error(metrics, "'metrics' must be a list");
    } else {
      for (const auto& m : metrics) {
        if (auto metric = reader.read_metric(m)) {
          spec.metrics.push_back(std::move(*metric));
        }
      }
    }
  }
  reader.check_design(root, spec.design, spec.samples, spec.axes);
  if (reader.diagnostics().empty()) { // the size of a sweep with refused fields is not known
    check_size(reader, root, spec);
  }
  if (!reader.diagnostics().empty()) {
    throw io::ConfigError(std::move(reader.diagnostics()));
  }
  return spec;
}

} // namespace

MetricSpec metric_from_text(const std::string& text) {
  FieldReader reader("--metric");
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw io::ConfigError({Diagnostic{SourcePlace{"--metric", e.mark.line + 1, e.mark.column + 1},
                                      "invalid YAML: " + e.msg}});
  }
  auto metric = reader.read_metric(node);
  if (!reader.diagnostics().empty() || !metric) {
    throw io::ConfigError(std::move(reader.diagnostics()));
  }
  return *metric;
}

SweepSpec load_sweep(const std::string& path, BaseCheck base) {
  return read_sweep(path, base);
}

} // namespace plansim::sweep
