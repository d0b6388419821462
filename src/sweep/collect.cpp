#include "plansim/sweep/collect.hpp"

#include "plansim/io/csv.hpp"
#include "plansim/io/isolated_read.hpp"
#include "plansim/io/run_file_reader.hpp"
#include "plansim/io/text_file.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_runner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace plansim::sweep {

namespace fs = std::filesystem;

namespace {

// `values` must hold `width` values a tick of `years`, `column` among them: anything else would
// be read past its end.
void check_covers(const std::vector<double>& values, std::size_t width, std::size_t column,
                  const std::vector<double>& years, const MetricSpec& metric) {
  if (values.size() != years.size() * width || column >= width) {
    throw std::invalid_argument("'" + metric.label() + "': the series has " +
                                std::to_string(values.size()) + " values, not " +
                                std::to_string(width) + " for each of " +
                                std::to_string(years.size()) + " ticks");
  }
}

// The q-quantile of `values` (0 <= q <= 1), interpolated between order statistics (type 7, as
// numpy's and R's default).
double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(h));
  const auto high = std::min(low + 1, values.size() - 1);
  return values[low] + (h - static_cast<double>(low)) * (values[high] - values[low]);
}

double mean_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) {
    sum += v;
  }
  return sum / static_cast<double>(values.size());
}

// Least-squares slope of the values on the decimal year: change per year.
double trend_per_year(const std::vector<double>& values, const std::vector<double>& when,
                      const MetricSpec& metric) {
  const double mean_t = mean_of(when), mean_v = mean_of(values);
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t t = 0; t < values.size(); ++t) {
    sxy += (when[t] - mean_t) * (values[t] - mean_v);
    sxx += (when[t] - mean_t) * (when[t] - mean_t);
  }
  if (sxx <= 0.0) {
    throw std::invalid_argument("the window of '" + metric.label() + "' holds one tick: no trend");
  }
  return sxy / sxx;
}

// The annual rate from the first to the last value of the window.
double growth_rate(const std::vector<double>& window, const std::vector<double>& when,
                   const MetricSpec& metric) {
  const double span = when.back() - when.front();
  if (span <= 0) {
    throw std::invalid_argument("the window of '" + metric.label() +
                                "' holds one tick: no growth rate");
  }
  if (window.front() <= 0 || window.back() <= 0) {
    throw std::invalid_argument("'" + metric.label() +
                                "' needs positive values at both ends of its window");
  }
  return std::pow(window.back() / window.front(), 1.0 / span) - 1.0;
}

// The window's mean in each calendar year it touches, in order.
std::vector<double> annual_means(const std::vector<double>& window,
                                 const std::vector<double>& when) {
  std::vector<double> means;
  double sum = 0.0;
  int months = 0;
  for (std::size_t t = 0; t < window.size(); ++t) {
    sum += window[t];
    ++months;
    const bool year_ends =
        t + 1 == window.size() || std::floor(when[t + 1] + 1e-9) != std::floor(when[t] + 1e-9);
    if (year_ends) {
      means.push_back(sum / months);
      sum = 0.0;
      months = 0;
    }
  }
  return means;
}

// Growth of the annual means from each year to the next; at least two of them.
std::vector<double> annual_growth(const std::vector<double>& window,
                                  const std::vector<double>& when, const MetricSpec& metric) {
  const auto means = annual_means(window, when);
  if (means.size() < 3) {
    throw std::invalid_argument("'" + metric.label() + "' needs a window of three years or more");
  }
  std::vector<double> growth;
  for (std::size_t y = 1; y < means.size(); ++y) {
    if (means[y - 1] <= 0) {
      throw std::invalid_argument("'" + metric.label() + "' needs positive annual means");
    }
    growth.push_back(means[y] / means[y - 1] - 1.0);
  }
  return growth;
}

// Annual growth of the annual means over the first half of the window's years minus that over
// the second half: how much growth slowed.
double slowdown(const std::vector<double>& window, const std::vector<double>& when,
                const MetricSpec& metric) {
  const auto means = annual_means(window, when);
  if (means.size() < 4) {
    throw std::invalid_argument("'" + metric.label() + "' needs a window of four years or more");
  }
  const std::size_t half = means.size() / 2, last = means.size() - 1;
  if (means.front() <= 0 || means[half - 1] <= 0 || means[half] <= 0 || means[last] <= 0) {
    throw std::invalid_argument("'" + metric.label() + "' needs positive annual means");
  }
  const double early = std::pow(means[half - 1] / means.front(), 1.0 / double(half - 1)) - 1.0;
  const double late = std::pow(means[last] / means[half], 1.0 / double(last - half)) - 1.0;
  return early - late;
}

double sample_sd(const std::vector<double>& values) {
  const double mean = mean_of(values);
  double squares = 0.0;
  for (double v : values) {
    squares += (v - mean) * (v - mean);
  }
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

// Mean years between successive peaks of the annual growth rate (a year growing faster than
// the years either side); the span of the growth rates when fewer than two peaks fall in it.
double cycle_years(const std::vector<double>& growth) {
  std::vector<std::size_t> peaks;
  for (std::size_t y = 1; y + 1 < growth.size(); ++y) {
    if (growth[y] > growth[y - 1] && growth[y] > growth[y + 1]) {
      peaks.push_back(y);
    }
  }
  if (peaks.size() < 2) {
    return static_cast<double>(growth.size());
  }
  return static_cast<double>(peaks.back() - peaks.front()) / static_cast<double>(peaks.size() - 1);
}

} // namespace

double window_statistic(const std::vector<double>& window, const std::vector<double>& when,
                        const MetricSpec& metric) {
  const std::string& statistic = metric.statistic;
  if (statistic == "mean") {
    return mean_of(window);
  }
  if (statistic == "final") {
    return window.back();
  }
  if (statistic == "min") {
    return *std::min_element(window.begin(), window.end());
  }
  if (statistic == "max") {
    return *std::max_element(window.begin(), window.end());
  }
  if (statistic == "sd") {
    if (window.size() < 2) {
      throw std::invalid_argument("the window of '" + metric.label() + "' holds one tick: no sd");
    }
    return sample_sd(window);
  }
  if (statistic == "growth_sd") {
    return sample_sd(annual_growth(window, when, metric));
  }
  if (statistic == "slowdown") {
    return slowdown(window, when, metric);
  }
  if (statistic == "cycle_years") {
    return cycle_years(annual_growth(window, when, metric));
  }
  if (statistic == "median") {
    return quantile(window, 0.5);
  }
  if (const auto percent = percentile_of(statistic)) {
    return quantile(window, *percent / 100.0);
  }
  if (statistic == "trend") {
    return trend_per_year(window, when, metric);
  }
  return growth_rate(window, when, metric);
}

namespace {

// What the timed statistics (halving, recovery) read: the series' level before the window (the
// mean of the twelve months before it) and the ticks the window holds.
struct TimedWindow {
  double level = 0.0;
  std::size_t first = 0, last = 0;
};

TimedWindow timed_window(const std::vector<double>& values, std::size_t width, std::size_t column,
                         const std::vector<double>& years, const MetricSpec& metric) {
  check_covers(values, width, column, years, metric);
  if (!metric.from) {
    throw std::invalid_argument("'" + metric.label() + "' needs a window: " + metric.statistic +
                                " is timed from its start");
  }
  const double from = metric.from->decimal();
  const double to = metric.to->decimal();
  const double year_before = from - 1.0 - 1e-9;
  double before = 0.0;
  std::size_t before_count = 0;
  TimedWindow w;
  w.first = years.size();
  for (std::size_t t = 0; t < years.size(); ++t) {
    if (years[t] >= year_before && years[t] < from - 1e-9) {
      before += values[t * width + column];
      ++before_count;
    } else if (years[t] >= from - 1e-9 && years[t] <= to + 1e-9) {
      w.first = std::min(w.first, t);
      w.last = t;
    }
  }
  if (before_count == 0 || w.first == years.size()) {
    throw std::invalid_argument("'" + metric.label() +
                                "' needs the year before its window and the window in the run");
  }
  w.level = before / static_cast<double>(before_count);
  return w;
}

} // namespace

double halving_months(const std::vector<double>& values, std::size_t width, std::size_t column,
                      const std::vector<double>& years, const MetricSpec& metric) {
  const auto w = timed_window(values, width, column, years, metric);
  double peak = -std::numeric_limits<double>::infinity();
  std::size_t peak_at = w.first;
  for (std::size_t t = w.first; t <= w.last; ++t) {
    if (values[t * width + column] > peak) {
      peak = values[t * width + column];
      peak_at = t;
    }
  }
  if (peak <= w.level) {
    return 0.0;
  }
  const double halfway = w.level + (peak - w.level) / 2.0;
  for (std::size_t t = peak_at; t <= w.last; ++t) {
    if (values[t * width + column] <= halfway) {
      return 12.0 * (years[t] - years[w.first]);
    }
  }
  return 12.0 * (years[w.last] - years[w.first]) + 1.0;
}

double recovery_months(const std::vector<double>& values, std::size_t width, std::size_t column,
                       const std::vector<double>& years, const MetricSpec& metric) {
  const auto w = timed_window(values, width, column, years, metric);
  std::size_t fell = w.first;
  while (fell <= w.last && values[fell * width + column] >= w.level) {
    ++fell;
  }
  if (fell > w.last) {
    return 0.0; // it never fell
  }
  for (std::size_t t = std::max<std::size_t>(fell + 1, 11); t <= w.last; ++t) {
    double year = 0.0; // the twelve months up to t
    for (std::size_t k = t - 11; k <= t; ++k) {
      year += values[k * width + column];
    }
    if (year / 12.0 >= w.level) {
      return 12.0 * (years[t] - years[w.first]);
    }
  }
  return 12.0 * (years[w.last] - years[w.first]) + 1.0;
}

double summarise(const std::string& run_file, const io::RunFileSummary& summary,
                 const std::vector<double>& years, const MetricSpec& metric) {
  std::size_t column = 0, width = 1;
  bool found = false;
  for (const auto& s : summary.series) {
    if (s.path != metric.series) {
      continue;
    }
    found = true;
    if (!s.columns.empty()) {
      width = s.columns.size();
      const auto at = std::find(s.columns.begin(), s.columns.end(), metric.column);
      if (at == s.columns.end()) {
        throw std::invalid_argument("series '" + metric.series + "' has no column '" +
                                    metric.column + "'");
      }
      column = static_cast<std::size_t>(at - s.columns.begin());
    }
  }
  if (!found) {
    throw std::invalid_argument("the run has no series '" + metric.series + "'");
  }
  const auto values = io::read_series(run_file, metric.series);
  check_covers(values, width, column, years, metric);
  const double from = metric.from ? metric.from->decimal() : -1e9;
  const double to = metric.to ? metric.to->decimal() : 1e9;
  std::vector<double> window, when;
  for (std::size_t t = 0; t < years.size(); ++t) {
    if (years[t] >= from && years[t] <= to) {
      window.push_back(values[t * width + column]);
      when.push_back(years[t]);
    }
  }
  if (window.empty()) {
    throw std::invalid_argument("the window of '" + metric.label() + "' holds no tick of the run");
  }
  if (metric.statistic == "halving") {
    return halving_months(values, width, column, years, metric);
  }
  if (metric.statistic == "recovery") {
    return recovery_months(values, width, column, years, metric);
  }
  return window_statistic(window, when, metric);
}

CollectReport collect(const fs::path& dir, const std::vector<MetricSpec>& extra) {
  auto spec = load_sweep((dir / "sweep.yaml").string(), BaseCheck::skip);
  spec.metrics.insert(spec.metrics.end(), extra.begin(), extra.end());
  CollectReport report;
  report.runs = run_count(spec);
  std::string csv = "index,seed,replicate";
  for (const auto& axis : spec.axes) {
    csv += "," + io::csv_field(axis.path);
  }
  csv += ",status";
  for (const auto& metric : spec.metrics) {
    csv += "," + io::csv_field(metric.label());
  }
  csv += ",warnings\n"; // the scenario warnings each run recorded (see plansim info)
  const RunList runs(spec);
  for (std::size_t i = 0; i < report.runs; ++i) {
    const auto point = runs.at(i);
    std::string row = std::to_string(i) + "," + std::to_string(point.seed) + "," +
                      std::to_string(point.replicate);
    for (const auto& [path, value] : point.values) {
      row += "," + io::csv_field(value);
    }
    const fs::path file = run_file(dir, i);
    std::string status, warnings;
    std::vector<std::string> figures(spec.metrics.size());
    if (fs::exists(file)) {
      try {
        // In a child process: a damaged file may crash the HDF5 library itself. One line per
        // metric: its figure, or "!" and why the run cannot give it.
        const std::string lines = io::read_isolated(file.string(), [&] {
          const auto summary = io::read_run_summary(file.string());
          const auto years = io::read_time_years(file.string());
          // Which plansim made it, and how many scenario warnings it recorded.
          std::string out =
              summary.git_commit + "\n" + std::to_string(summary.warnings.size()) + "\n";
          for (const auto& metric : spec.metrics) {
            try {
              out += io::csv_number(summarise(file.string(), summary, years, metric)) + "\n";
            } catch (const std::invalid_argument& problem) {
              out += std::string("!") + problem.what() + "\n";
            }
          }
          return out;
        });
        std::istringstream in(lines);
        std::string line;
        std::getline(in, line);
        ++report.commits[line];
        std::getline(in, warnings);
        for (std::size_t m = 0; m < spec.metrics.size() && std::getline(in, line); ++m) {
          if (line.empty() || line[0] != '!') {
            figures[m] = line;
            continue;
          }
          // A metric this run cannot give (no such column, an empty window): left blank.
          const std::string note = spec.metrics[m].label() + ": " + line.substr(1);
          if (std::find(report.metric_problems.begin(), report.metric_problems.end(), note) ==
              report.metric_problems.end()) {
            report.metric_problems.push_back(note);
          }
        }
        status = "complete";
        report.complete.push_back(i);
      } catch (const io::RunFileError&) {
        status = "broken";
        report.broken.push_back(i);
        figures.assign(spec.metrics.size(), "");
      }
    } else if (fs::exists(failure_file(dir, i))) {
      status = "failed";
      report.failed.push_back(i);
    } else {
      status = fs::exists(file.string() + ".partial") ? "broken" : "missing";
      (status == "broken" ? report.broken : report.missing).push_back(i);
    }
    row += "," + status;
    auto& run_figures = report.figures.emplace_back();
    for (const auto& figure : figures) {
      row += "," + figure;
      run_figures.push_back(figure.empty() ? std::nullopt
                                           : std::optional(std::strtod(figure.c_str(), nullptr)));
    }
    csv += row + "," + warnings + "\n";
  }
  const fs::path summary = dir / "summary.csv";
  io::write_text_atomically(summary, csv);
  return report;
}

} // namespace plansim::sweep
