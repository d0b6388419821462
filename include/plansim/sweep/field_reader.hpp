#pragma once

#include "plansim/io/config.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace YAML {
class Node;
}

namespace plansim::sweep {

/// Reads the fields that sweep and experiment files share (parameter overrides, swept axes,
/// metrics, designs, whole numbers), checking each against the scenario schema. Problems are
/// collected with their FILE:LINE:COL, so a file's errors are all reported at once.
class FieldReader {
public:
  explicit FieldReader(std::string path) : path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  io::SourcePlace at(const YAML::Node& node) const;
  void error(const YAML::Node& node, std::string message);
  void error(io::Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }
  void error(io::SourcePlace place, std::string message) {
    diagnostics_.push_back(io::Diagnostic{std::move(place), std::move(message)});
  }
  std::vector<io::Diagnostic>& diagnostics() { return diagnostics_; }

  /// The file's root mapping; throws io::ConfigError when it is missing, not YAML or not a map.
  /// A key repeated in any mapping of it is reported.
  YAML::Node load(const char* what);
  /// Reports every key of `map` that is not one of `keys` (with a did-you-mean hint).
  void only_keys(const YAML::Node& map, const std::vector<std::string>& keys,
                 const std::string& where = "");

  /// A whole number from `min` to `max`; anything else (a fraction, a number too large for any
  /// integer) is reported, never truncated.
  std::optional<long long> integer(const YAML::Node& node, const char* what, long long min,
                                   long long max);
  /// A count of points, runs or replicates: from `min` to max_runs.
  std::optional<int> count(const YAML::Node& node, const char* what, int min);
  /// A seed: a whole number from 0.
  std::optional<std::uint64_t> seed(const YAML::Node& node);
  std::optional<double> real(const YAML::Node& node, const char* what, double low, double high);
  /// Parameter overrides, `{channels: {report: {latency: 3}}}` or `{channels.report.latency: 3}`.
  void read_set(const YAML::Node& node, const std::string& prefix,
                std::vector<std::pair<std::string, std::string>>& out);
  std::optional<Axis> read_axis(const std::string& path, const YAML::Node& key,
                                const YAML::Node& node);
  std::optional<Design> read_design(const YAML::Node& node);
  /// A morris design's grid levels: even, from 2; refused for any other design.
  std::optional<int> levels(const YAML::Node& node, Design design);
  /// A design's own needs, for the mapping `where` that holds `parameters:` and `samples:`: a
  /// sampled design needs samples, a grid or list design values (or samples) for every axis, a
  /// list design as many for each.
  void check_design(const YAML::Node& where, Design design, int samples,
                    const std::vector<Axis>& axes);
  /// A series name a run records ("shortage_consumer", "by_region/shortage_consumer").
  bool check_series(const YAML::Node& node);
  bool check_statistic(const YAML::Node& node);
  /// [YYYY-MM, YYYY-MM], start first.
  bool read_window(const YAML::Node& node, MetricSpec& metric);
  std::optional<MetricSpec> read_metric(const YAML::Node& node);
  /// What a metric's statistic needs of the rest of the metric read from `node`: halving is
  /// timed from its window's start, so it needs a window.
  void check_metric(const YAML::Node& node, const MetricSpec& metric);
  /// The base scenario named relative to this file; checked unless `base` is skip.
  std::string read_base(const YAML::Node& node, const char* what, BaseCheck base);

private:
  std::string path_;
  std::vector<io::Diagnostic> diagnostics_;
};

} // namespace plansim::sweep
