#include "plansim/sweep/sweep_spec.hpp"

#include "plansim/io/config.hpp"
#include "plansim/io/economy_params.hpp"
#include "plansim/model/economy.hpp"

#include <yaml-cpp/depthguard.h>
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
  }
  return "?";
}

namespace {

class SweepReader {
public:
  SweepReader(std::string path, BaseCheck base) : path_(std::move(path)), base_check_(base) {}

  SweepSpec read();

private:
  SourcePlace at(const YAML::Node& node) const {
    const auto mark = node.Mark();
    return SourcePlace{path_, mark.line < 0 ? 0 : mark.line + 1,
                       mark.column < 0 ? 0 : mark.column + 1};
  }
  void error(const YAML::Node& node, std::string message) {
    diagnostics_.push_back(Diagnostic{at(node), std::move(message)});
  }
  std::optional<long long> integer(const YAML::Node& node, const char* what, long long min);
  void read_set(const YAML::Node& node, const std::string& prefix);
  void read_axis(const std::string& path, const YAML::Node& key, const YAML::Node& node);
  void read_metric(const YAML::Node& node);
  void check_base(const YAML::Node& node);

  std::string path_;
  BaseCheck base_check_;
  SweepSpec spec_;
  std::vector<Diagnostic> diagnostics_;
};

std::optional<long long> SweepReader::integer(const YAML::Node& node, const char* what,
                                              long long min) {
  if (!node.IsScalar()) {
    error(node, std::string("'") + what + "' must be a whole number");
    return std::nullopt;
  }
  char* end = nullptr;
  const long long value = std::strtoll(node.Scalar().c_str(), &end, 10);
  if (end != node.Scalar().c_str() + node.Scalar().size() || node.Scalar().empty() || value < min) {
    error(node, std::string("'") + what + "' must be a whole number of at least " +
                    std::to_string(min) + ", got '" + node.Scalar() + "'");
    return std::nullopt;
  }
  return value;
}

void SweepReader::read_set(const YAML::Node& node, const std::string& prefix) {
  const auto& schema = io::Schema::scenario();
  for (const auto& item : node) {
    const std::string key =
        prefix.empty() ? item.first.Scalar() : prefix + "." + item.first.Scalar();
    if (item.second.IsMap() && schema.is_section(key)) {
      read_set(item.second, key);
      continue;
    }
    std::string path = key;
    if (schema.is_section(key) && schema.find(key + ".preset")) {
      path = key + ".preset"; // set: {scale: tiny}
    }
    const auto* spec = schema.find(path);
    if (!spec) {
      std::vector<std::string> paths;
      for (const auto& p : schema.parameters()) {
        paths.push_back(p.path);
      }
      const auto hint = io::closest_match(key, paths);
      error(item.first,
            "unknown parameter '" + key + "'" + (hint ? " (did you mean '" + *hint + "'?)" : ""));
      continue;
    }
    if (!item.second.IsScalar()) {
      error(item.second, "'" + key + "' needs a single value");
      continue;
    }
    if (auto problem = io::check_value(*spec, item.second.Scalar())) {
      error(item.second, *problem);
      continue;
    }
    spec_.set.emplace_back(path, item.second.Scalar());
  }
}

void SweepReader::read_axis(const std::string& path, const YAML::Node& key,
                            const YAML::Node& node) {
  const auto* param = io::Schema::scenario().find(path);
  if (!param) {
    std::vector<std::string> paths;
    for (const auto& p : io::Schema::scenario().parameters()) {
      paths.push_back(p.path);
    }
    const auto hint = io::closest_match(path, paths);
    error(key,
          "unknown parameter '" + path + "'" + (hint ? " (did you mean '" + *hint + "'?)" : ""));
    return;
  }
  if (!node.IsMap()) {
    error(node, "'" + path + "' needs 'values: [...]' or 'range: [low, high]'");
    return;
  }
  Axis axis;
  axis.path = path;
  axis.type = param->type;
  const std::size_t errors_before = diagnostics_.size();
  for (const auto& item : node) {
    const std::string field = item.first.Scalar();
    if (field == "values") {
      if (!item.second.IsSequence() || item.second.size() == 0) {
        error(item.second, "'values' must be a non-empty list");
        continue;
      }
      for (const auto& v : item.second) {
        if (!v.IsScalar()) {
          error(v, "each value must be a single value");
        } else if (auto problem = io::check_value(*param, v.Scalar())) {
          error(v, *problem);
        } else {
          axis.values.push_back(v.Scalar());
        }
      }
    } else if (field == "range") {
      if (param->type != io::ParamType::integer && param->type != io::ParamType::real) {
        error(item.second, "'" + path + "' is not a number: give 'values' instead of a range");
        continue;
      }
      if (!item.second.IsSequence() || item.second.size() != 2) {
        error(item.second, "'range' must be [low, high]");
        continue;
      }
      bool ok = true;
      for (std::size_t i = 0; i < 2; ++i) {
        const auto& v = item.second[i];
        if (!v.IsScalar() || io::check_value(*param, v.Scalar())) {
          error(v, "'" + path + "' range ends must be valid values of it, got '" +
                       (v.IsScalar() ? v.Scalar() : "?") + "'");
          ok = false;
        }
      }
      if (ok) {
        axis.low = std::strtod(item.second[0].Scalar().c_str(), nullptr);
        axis.high = std::strtod(item.second[1].Scalar().c_str(), nullptr);
        if (axis.high < axis.low) {
          error(item.second, "'range' must be [low, high] with low <= high");
        }
      }
    } else if (field == "samples") {
      if (auto n = integer(item.second, "samples", 1)) {
        axis.samples = static_cast<int>(*n);
      }
    } else if (field == "log") {
      if (!item.second.IsScalar() ||
          (item.second.Scalar() != "true" && item.second.Scalar() != "false")) {
        error(item.second, "'log' must be true or false");
      } else {
        axis.log = item.second.Scalar() == "true";
      }
    } else {
      const auto hint = io::closest_match(field, {"values", "range", "samples", "log"});
      error(item.first, "unknown key '" + field + "' in '" + path + "'" +
                            (hint ? " (did you mean '" + *hint + "'?)" : ""));
    }
  }
  if (axis.values.empty() && !node["range"]) {
    if (!node["values"]) {
      error(node, "'" + path + "' needs 'values: [...]' or 'range: [low, high]'");
    }
    return;
  }
  if (axis.log && axis.low <= 0.0 && axis.values.empty()) {
    error(node, "'" + path + "': a log range must be above 0");
  }
  if (diagnostics_.size() == errors_before) {
    spec_.axes.push_back(axis);
  }
}

void SweepReader::read_metric(const YAML::Node& node) {
  if (!node.IsMap() || !node["series"] || !node["statistic"]) {
    error(node, "a metric needs 'series' and 'statistic' (and optionally 'window', 'column', "
                "'name')");
    return;
  }
  MetricSpec metric;
  for (const auto& item : node) {
    const std::string field = item.first.Scalar();
    if (!item.second.IsScalar() && field != "window") {
      error(item.second, "'" + field + "' must be a single value");
      continue;
    }
    if (field == "series") {
      metric.series = item.second.Scalar();
      const auto& known = model::Economy::series_names();
      if (std::find(known.begin(), known.end(), metric.series) == known.end()) {
        const auto hint = io::closest_match(metric.series, known);
        error(item.second, "no series '" + metric.series + "' in a run" +
                               (hint ? " (did you mean '" + *hint + "'?)" : ""));
      }
    } else if (field == "column") {
      metric.column = item.second.Scalar();
    } else if (field == "name") {
      metric.name = item.second.Scalar();
    } else if (field == "statistic") {
      metric.statistic = item.second.Scalar();
      const std::vector<std::string> known = {"mean", "final", "min", "max", "growth"};
      if (std::find(known.begin(), known.end(), metric.statistic) == known.end()) {
        error(item.second,
              "statistic must be mean, final, min, max or growth, got '" + metric.statistic + "'");
      }
    } else if (field == "window") {
      if (!item.second.IsSequence() || item.second.size() != 2) {
        error(item.second, "'window' must be [YYYY-MM, YYYY-MM]");
        continue;
      }
      metric.from = engine::YearMonth::parse(item.second[0].Scalar());
      metric.to = engine::YearMonth::parse(item.second[1].Scalar());
      if (!metric.from || !metric.to || *metric.to < *metric.from) {
        error(item.second, "'window' must be [YYYY-MM, YYYY-MM] with the start first");
      }
    } else {
      const auto hint =
          io::closest_match(field, {"series", "statistic", "window", "column", "name"});
      error(item.first, "unknown key '" + field + "' in a metric" +
                            (hint ? " (did you mean '" + *hint + "'?)" : ""));
    }
  }
  spec_.metrics.push_back(metric);
}

void SweepReader::check_base(const YAML::Node& node) {
  if (!node || !node.IsScalar()) {
    diagnostics_.push_back(
        Diagnostic{SourcePlace{path_, 0, 0}, "a sweep needs 'base: SCENARIO.yaml'"});
    return;
  }
  const fs::path base = fs::path(path_).parent_path() / node.Scalar();
  spec_.base = base.lexically_normal().string();
  if (base_check_ == BaseCheck::skip) {
    return;
  }
  try {
    io::economy_params_from(io::load_scenario(spec_.base));
  } catch (const io::ConfigError& problem) {
    error(node, "base scenario '" + node.Scalar() + "' is not valid:");
    for (const auto& d : problem.diagnostics()) {
      diagnostics_.push_back(d);
    }
  }
}

SweepSpec SweepReader::read() {
  spec_.source = path_;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path_);
  } catch (const YAML::BadFile&) {
    throw io::ConfigError({Diagnostic{SourcePlace{path_, 0, 0}, "cannot read the sweep file"}});
  } catch (const YAML::Exception& e) {
    throw io::ConfigError({Diagnostic{SourcePlace{path_, e.mark.line + 1, e.mark.column + 1},
                                      "invalid YAML: " + e.msg}});
  }
  if (!root.IsMap()) {
    throw io::ConfigError(
        {Diagnostic{at(root), "a sweep must be a mapping (base:, parameters:, ...)"}});
  }
  // `runs` is the run list plansim sweep writes into DIR/sweep.yaml; it is ignored on reading.
  const std::vector<std::string> keys = {"base",       "set",  "parameters", "design", "samples",
                                         "replicates", "seed", "metrics",    "runs"};
  for (const auto& item : root) {
    const std::string key = item.first.Scalar();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      const auto hint = io::closest_match(key, keys);
      error(item.first,
            "unknown key '" + key + "'" + (hint ? " (did you mean '" + *hint + "'?)" : ""));
    }
  }
  check_base(root["base"]);
  if (const auto set = root["set"]) {
    set.IsMap() ? read_set(set, "") : error(set, "'set' must map parameters to values");
  }
  if (const auto parameters = root["parameters"]; parameters && parameters.IsMap()) {
    for (const auto& item : parameters) {
      read_axis(item.first.Scalar(), item.first, item.second);
    }
  } else {
    diagnostics_.push_back(Diagnostic{parameters ? at(parameters) : SourcePlace{path_, 0, 0},
                                      "a sweep needs 'parameters:', a mapping of parameter "
                                      "paths to values or ranges"});
  }
  if (const auto design = root["design"]) {
    const std::string name = design.IsScalar() ? design.Scalar() : "";
    const std::vector<std::pair<std::string, Design>> designs = {{"grid", Design::grid},
                                                                 {"list", Design::list},
                                                                 {"random", Design::random},
                                                                 {"lhs", Design::lhs},
                                                                 {"sobol", Design::sobol}};
    const auto it = std::find_if(designs.begin(), designs.end(),
                                 [&](const auto& d) { return d.first == name; });
    if (it == designs.end()) {
      error(design, "design must be grid, list, random, lhs or sobol, got '" + name + "'");
    } else {
      spec_.design = it->second;
    }
  }
  if (const auto samples = root["samples"]) {
    if (auto n = integer(samples, "samples", 1)) {
      spec_.samples = static_cast<int>(*n);
    }
  }
  if (const auto replicates = root["replicates"]) {
    if (auto n = integer(replicates, "replicates", 1)) {
      spec_.replicates = static_cast<int>(*n);
    }
  }
  if (const auto seed = root["seed"]) {
    if (auto n = integer(seed, "seed", 0)) {
      spec_.seed = static_cast<std::uint64_t>(*n);
    }
  }
  if (const auto metrics = root["metrics"]) {
    if (!metrics.IsSequence()) {
      error(metrics, "'metrics' must be a list");
    } else {
      for (const auto& m : metrics) {
        read_metric(m);
      }
    }
  }
  // The design's own needs.
  const bool sampled = spec_.design == Design::random || spec_.design == Design::lhs ||
                       spec_.design == Design::sobol;
  if (sampled && spec_.samples < 1 && diagnostics_.empty()) {
    error(root, "design '" + to_string(spec_.design) + "' needs 'samples: N'");
  }
  if (!sampled) {
    std::optional<std::size_t> list_length;
    for (const auto& axis : spec_.axes) {
      const std::size_t n =
          axis.values.empty() ? static_cast<std::size_t>(axis.samples) : axis.values.size();
      if (n == 0) {
        error(root["parameters"][axis.path],
              "'" + axis.path + "' needs 'samples' for a " + to_string(spec_.design) + " design");
      }
      if (spec_.design == Design::list && list_length && n != *list_length) {
        error(root["parameters"][axis.path],
              "a list design needs the same number of values for every parameter");
      }
      list_length = n;
    }
  }
  if (!diagnostics_.empty()) {
    throw io::ConfigError(std::move(diagnostics_));
  }
  return spec_;
}

} // namespace

SweepSpec load_sweep(const std::string& path, BaseCheck base) {
  return SweepReader(path, base).read();
}

} // namespace plansim::sweep
