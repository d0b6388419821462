#include "plansim/sweep/point_check.hpp"

#include "plansim/io/economy_params.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_runner.hpp"

#include <algorithm>
#include <set>

namespace plansim::sweep {

namespace {

// "a=1, b=2": a point's values, as its problems name it.
std::string values_text(const RunPoint& point) {
  std::string text;
  for (const auto& [path, value] : point.values) {
    text += (text.empty() ? "" : ", ") + path + "=" + value;
  }
  return text;
}

} // namespace

std::string warning_kind(const io::Diagnostic& warning) {
  const auto& place = warning.place.file;
  return place.substr(0, place.find('=')) + warning.message;
}

PointCheck check_points(const SweepSpec& spec) {
  PointCheck check;
  check.points = sample_count(spec);
  const auto common = overrides_of(spec.set);
  std::set<std::string> said, warned;
  try {
    io::load_scenario(spec.base, common);
  } catch (const io::ConfigError& error) {
    for (auto d : error.diagnostics()) {
      if (d.place.file.starts_with("--set")) {
        d.place = io::SourcePlace{spec.source, 0, 0};
      }
      d.message = "with the sweep's 'set': " + d.message;
      check.problems.push_back(std::move(d));
    }
    check.failing_points = check.points; // every point would fail the same way
    return check;
  }
  const RunList runs(spec);
  const auto replicates = static_cast<std::size_t>(spec.replicates);
  for (std::size_t sample = 0; sample < check.points; ++sample) {
    const auto point = runs.at(sample * replicates);
    try {
      const auto config = io::load_scenario(spec.base, run_overrides(common, point));
      io::economy_params_from(config);
      for (const auto& warning : config.warnings()) {
        if (warned.insert(warning_kind(warning)).second) {
          check.warnings.push_back(warning);
        }
      }
    } catch (const io::ConfigError& error) {
      ++check.failing_points;
      for (auto d : error.diagnostics()) {
        // Points failing for the same reason are said once, at the first of them.
        if (said.insert(d.to_string()).second) {
          if (d.place.file.starts_with("--set")) { // a value of the point: the sweep's own
            d.place = io::SourcePlace{spec.source, 0, 0};
          }
          d.message = "design point " + std::to_string(sample) + " (" + values_text(point) +
                      "): " + d.message;
          check.problems.push_back(std::move(d));
        }
      }
    }
  }
  return check;
}

} // namespace plansim::sweep
