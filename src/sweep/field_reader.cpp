#include "plansim/sweep/field_reader.hpp"

#include "plansim/io/economy_params.hpp"
#include "plansim/io/repeated_keys.hpp"
#include "plansim/model/economy.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <limits>

namespace plansim::sweep {

namespace fs = std::filesystem;
using io::Diagnostic;
using io::SourcePlace;

namespace {

std::string unknown_parameter(const std::string& path) {
  return "unknown parameter '" + path + "'" +
         io::did_you_mean(path, io::Schema::scenario().parameter_paths());
}

// The sweep sets each run's seed itself, after every other override: one set here would be
// silently replaced.
constexpr const char* run_seed = "run.seed";
const char* const run_seed_is_the_sweeps =
    "'run.seed' is set for each run from the sweep's seed and the run's index: change 'seed' or "
    "'replicates' instead";

} // namespace

SourcePlace FieldReader::at(const YAML::Node& node) const {
  const auto mark = node.Mark();
  return SourcePlace{path_, mark.line < 0 ? 0 : mark.line + 1,
                     mark.column < 0 ? 0 : mark.column + 1};
}

void FieldReader::error(const YAML::Node& node, std::string message) {
  diagnostics_.push_back(Diagnostic{at(node), std::move(message)});
}

YAML::Node FieldReader::load(const char* what) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path_);
  } catch (const YAML::BadFile&) {
    throw io::ConfigError(
        {Diagnostic{SourcePlace{path_, 0, 0}, std::string("cannot read the ") + what + " file"}});
  } catch (const YAML::Exception& e) {
    throw io::ConfigError({Diagnostic{SourcePlace{path_, e.mark.line + 1, e.mark.column + 1},
                                      "invalid YAML: " + e.msg}});
  }
  if (!root.IsMap()) {
    throw io::ConfigError(
        {Diagnostic{at(root), std::string("a ") + what + " file must be a mapping of keys"}});
  }
  io::for_each_repeated_key_within(
      root, [&](const YAML::Node& key) { error(key, "duplicate key '" + key.Scalar() + "'"); });
  return root;
}

void FieldReader::only_keys(const YAML::Node& map, const std::vector<std::string>& keys,
                            const std::string& where) {
  for (const auto& item : map) {
    const std::string key = item.first.Scalar();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      error(item.first, "unknown key '" + key + "'" + (where.empty() ? "" : " in " + where) +
                            io::did_you_mean(key, keys));
    }
  }
}

std::optional<long long> FieldReader::integer(const YAML::Node& node, const char* what,
                                              long long min, long long max) {
  if (!node.IsScalar()) {
    error(node, std::string("'") + what + "' must be a whole number");
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  long long value = 0;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (problem != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    error(node, std::string("'") + what + "' must be a whole number from " + std::to_string(min) +
                    " to " + std::to_string(max) + ", got '" + text + "'");
    return std::nullopt;
  }
  return value;
}

std::optional<int> FieldReader::count(const YAML::Node& node, const char* what, int min) {
  const auto value = integer(node, what, min, max_runs);
  return value ? std::optional(static_cast<int>(*value)) : std::nullopt;
}

std::optional<std::uint64_t> FieldReader::seed(const YAML::Node& node) {
  const auto value = integer(node, "seed", 0, std::numeric_limits<long long>::max());
  return value ? std::optional(static_cast<std::uint64_t>(*value)) : std::nullopt;
}

std::optional<double> FieldReader::real(const YAML::Node& node, const char* what, double low,
                                        double high) {
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(value > low && value < high)) {
    error(node, std::string("'") + what + "' must be a number between " + std::to_string(low) +
                    " and " + std::to_string(high) + " (exclusive), got '" + text + "'");
    return std::nullopt;
  }
  return value;
}

void FieldReader::read_set(const YAML::Node& node, const std::string& prefix,
                           std::vector<std::pair<std::string, std::string>>& out) {
  const auto& schema = io::Schema::scenario();
  for (const auto& item : node) {
    const std::string key =
        prefix.empty() ? item.first.Scalar() : prefix + "." + item.first.Scalar();
    if (item.second.IsMap() && schema.is_section(key)) {
      read_set(item.second, key, out);
      continue;
    }
    const std::string path = schema.parameter_path(key); // set: {scale: tiny}
    const auto* spec = schema.find(path);
    if (path == run_seed) {
      error(item.first, run_seed_is_the_sweeps);
      continue;
    }
    if (!spec) {
      error(item.first, unknown_parameter(key));
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
    out.emplace_back(path, item.second.Scalar());
  }
}

std::optional<Axis> FieldReader::read_axis(const std::string& path, const YAML::Node& key,
                                           const YAML::Node& node) {
  const auto* param = io::Schema::scenario().find(path);
  if (!param) {
    error(key, unknown_parameter(path));
    return std::nullopt;
  }
  if (path == run_seed) {
    error(key, run_seed_is_the_sweeps);
    return std::nullopt;
  }
  if (!node.IsMap()) {
    error(node, "'" + path + "' needs 'values: [...]' or 'range: [low, high]'");
    return std::nullopt;
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
      if (auto n = count(item.second, "samples", 1)) {
        axis.samples = *n;
      }
    } else if (field == "log") {
      if (!item.second.IsScalar() ||
          (item.second.Scalar() != "true" && item.second.Scalar() != "false")) {
        error(item.second, "'log' must be true or false");
      } else {
        axis.log = item.second.Scalar() == "true";
      }
    } else {
      error(item.first, "unknown key '" + field + "' in '" + path + "'" +
                            io::did_you_mean(field, {"values", "range", "samples", "log"}));
    }
  }
  if (axis.values.empty() && !node["range"]) {
    if (!node["values"]) {
      error(node, "'" + path + "' needs 'values: [...]' or 'range: [low, high]'");
    }
    return std::nullopt;
  }
  if (axis.log && axis.low <= 0.0 && axis.values.empty()) {
    error(node, "'" + path + "': a log range must be above 0");
  }
  if (diagnostics_.size() != errors_before) {
    return std::nullopt;
  }
  return axis;
}

void FieldReader::check_design(const YAML::Node& where, Design design, int samples,
                               const std::vector<Axis>& axes) {
  if (is_sampled(design)) {
    if (samples < 1 && !where["samples"]) { // a bad value is reported where it is read
      error(where, "design '" + to_string(design) + "' needs 'samples: N'");
    }
    return;
  }
  std::optional<std::size_t> list_length;
  for (const auto& axis : axes) {
    const std::size_t n =
        axis.values.empty() ? static_cast<std::size_t>(axis.samples) : axis.values.size();
    const YAML::Node parameters = where["parameters"];
    const YAML::Node named = parameters ? parameters[axis.path] : YAML::Node();
    const YAML::Node& place = named ? named : where;
    if (n == 0) {
      error(place, "'" + axis.path + "' needs 'samples' for a " + to_string(design) + " design");
    }
    if (design == Design::list && list_length && n != *list_length) {
      error(place, "a list design needs the same number of values for every parameter");
    }
    list_length = n;
  }
}

std::optional<Design> FieldReader::read_design(const YAML::Node& node) {
  const std::string name = node.IsScalar() ? node.Scalar() : "";
  const std::vector<std::pair<std::string, Design>> designs = {
      {"grid", Design::grid},    {"list", Design::list},   {"random", Design::random},
      {"lhs", Design::lhs},      {"sobol", Design::sobol}, {"saltelli", Design::saltelli},
      {"morris", Design::morris}};
  const auto it =
      std::find_if(designs.begin(), designs.end(), [&](const auto& d) { return d.first == name; });
  if (it == designs.end()) {
    error(node,
          "design must be grid, list, random, lhs, sobol, saltelli or morris, got '" + name + "'" +
              io::did_you_mean(name,
                               {"grid", "list", "random", "lhs", "sobol", "saltelli", "morris"}));
    return std::nullopt;
  }
  return it->second;
}

std::optional<int> FieldReader::levels(const YAML::Node& node, Design design) {
  if (design != Design::morris) {
    error(node, "'levels' is for a morris design (the grid levels of its trajectories)");
    return std::nullopt;
  }
  const auto n = integer(node, "levels", 2, 1000);
  if (n && *n % 2 != 0) {
    // Morris's step of p / (2 (p - 1)) lands on a level only when p is even.
    error(node,
          "'levels' must be even (Morris's step is half the levels), got " + std::to_string(*n));
    return std::nullopt;
  }
  return n ? std::optional(static_cast<int>(*n)) : std::nullopt;
}

bool FieldReader::check_series(const YAML::Node& node) {
  const std::string series = node.IsScalar() ? node.Scalar() : "";
  const auto& known = model::Economy::series_names();
  if (std::find(known.begin(), known.end(), series) != known.end()) {
    return true;
  }
  error(node, "no series '" + series + "' in a run" + io::did_you_mean(series, known));
  return false;
}

bool FieldReader::check_statistic(const YAML::Node& node) {
  const std::string statistic = node.IsScalar() ? node.Scalar() : "";
  const std::vector<std::string> known = {
      "mean",   "final",   "min",       "max",         "sd",       "median",  "trend",
      "growth", "halving", "growth_sd", "cycle_years", "slowdown", "recovery"};
  if (std::find(known.begin(), known.end(), statistic) != known.end() || percentile_of(statistic)) {
    return true;
  }
  error(node, std::string("statistic must be ") + statistic_names + ", got '" + statistic + "'" +
                  io::did_you_mean(statistic, known));
  return false;
}

bool FieldReader::read_window(const YAML::Node& node, MetricSpec& metric) {
  if (!node.IsSequence() || node.size() != 2 || !node[0].IsScalar() || !node[1].IsScalar()) {
    error(node, "'window' must be [YYYY-MM, YYYY-MM]");
    return false;
  }
  metric.from = engine::YearMonth::parse(node[0].Scalar());
  metric.to = engine::YearMonth::parse(node[1].Scalar());
  if (!metric.from || !metric.to || *metric.to < *metric.from) {
    error(node, "'window' must be [YYYY-MM, YYYY-MM] with the start first");
    return false;
  }
  return true;
}

std::optional<MetricSpec> FieldReader::read_metric(const YAML::Node& node) {
  if (!node.IsMap() || !node["series"] || !node["statistic"]) {
    error(node, "a metric needs 'series' and 'statistic' (and optionally 'window', 'column', "
                "'name')");
    return std::nullopt;
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
      check_series(item.second);
    } else if (field == "column") {
      metric.column = item.second.Scalar();
    } else if (field == "name") {
      metric.name = item.second.Scalar();
    } else if (field == "statistic") {
      metric.statistic = item.second.Scalar();
      check_statistic(item.second);
    } else if (field == "window") {
      read_window(item.second, metric);
    } else {
      error(item.first,
            "unknown key '" + field + "' in a metric" +
                io::did_you_mean(field, {"series", "statistic", "window", "column", "name"}));
    }
  }
  check_metric(node, metric);
  return metric;
}

void FieldReader::check_metric(const YAML::Node& node, const MetricSpec& metric) {
  if ((metric.statistic == "halving" || metric.statistic == "recovery") && !node["window"]) {
    error(node, "statistic '" + metric.statistic +
                    "' needs a window: it is timed from the window's start");
  }
}

std::string FieldReader::read_base(const YAML::Node& node, const char* what, BaseCheck base) {
  if (!node || !node.IsScalar()) {
    diagnostics_.push_back(Diagnostic{SourcePlace{path_, 0, 0},
                                      std::string("a ") + what + " needs 'base: SCENARIO.yaml'"});
    return "";
  }
  const std::string resolved =
      (fs::path(path_).parent_path() / node.Scalar()).lexically_normal().string();
  if (base == BaseCheck::skip) {
    return resolved;
  }
  try {
    io::economy_params_from(io::load_scenario(resolved));
  } catch (const io::ConfigError& problem) {
    error(node, "base scenario '" + node.Scalar() + "' is not valid:");
    for (const auto& d : problem.diagnostics()) {
      diagnostics_.push_back(d);
    }
  }
  return resolved;
}

} // namespace plansim::sweep
