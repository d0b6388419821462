#include "plansim/sweep/analyse.hpp"

#include "plansim/io/csv.hpp"
#include "plansim/io/text_file.hpp"
#include "plansim/sweep/design.hpp"

#include <stdexcept>

namespace plansim::sweep {

namespace fs = std::filesystem;

namespace {

// The figure of metric m at each design point: the mean over the point's replicates that gave
// one, nothing where none did.
std::vector<std::optional<double>> point_figures(const SweepSpec& spec,
                                                 const CollectReport& collected, std::size_t m) {
  const auto replicates = static_cast<std::size_t>(spec.replicates);
  std::vector<std::optional<double>> figures(sample_count(spec));
  for (std::size_t s = 0; s < figures.size(); ++s) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t r = 0; r < replicates; ++r) {
      if (const auto& figure = collected.figures[s * replicates + r][m]) {
        sum += *figure;
        ++n;
      }
    }
    if (n > 0) {
      figures[s] = sum / static_cast<double>(n);
    }
  }
  return figures;
}

// The whole blocks of `width` points: their figures and unit points, in order.
struct Blocks {
  std::vector<double> y, u;
  std::size_t used = 0, left_out = 0;
};

// `with_points`: also the blocks' unit points (Morris's effects need them, Sobol's not).
Blocks whole_blocks(const RunList& runs, const std::vector<std::optional<double>>& figures,
                    std::size_t width, bool with_points) {
  Blocks blocks;
  for (std::size_t start = 0; start + width <= figures.size(); start += width) {
    bool whole = true;
    for (std::size_t s = start; s < start + width; ++s) {
      whole = whole && figures[s].has_value();
    }
    if (!whole) {
      ++blocks.left_out;
      continue;
    }
    ++blocks.used;
    for (std::size_t s = start; s < start + width; ++s) {
      blocks.y.push_back(*figures[s]);
      if (with_points) {
        const auto u = runs.unit_point(s);
        blocks.u.insert(blocks.u.end(), u.begin(), u.end());
      }
    }
  }
  return blocks;
}

void add_sobol_rows(Analysis& analysis, const SweepSpec& spec, const std::string& metric,
                    const Blocks& blocks) {
  const auto indices = sobol_indices(blocks.y, spec.axes.size(), spec.seed);
  for (std::size_t i = 0; i < spec.axes.size(); ++i) {
    for (const auto& [name, value] :
         {std::pair{"S1", indices.first_order[i]}, std::pair{"ST", indices.total[i]}}) {
      analysis.rows.push_back(IndexRow{metric, spec.axes[i].path, name, value.estimate, value.low,
                                       value.high, blocks.used});
    }
  }
}

void add_morris_rows(Analysis& analysis, const SweepSpec& spec, const std::string& metric,
                     const Blocks& blocks) {
  const auto effects = morris_effects(blocks.u, blocks.y, spec.axes.size(), spec.seed);
  for (std::size_t i = 0; i < spec.axes.size(); ++i) {
    const auto& path = spec.axes[i].path;
    const auto& star = effects.mu_star[i];
    analysis.rows.push_back(
        IndexRow{metric, path, "mu_star", star.estimate, star.low, star.high, blocks.used});
    analysis.rows.push_back(
        IndexRow{metric, path, "mu", effects.mu[i], std::nullopt, std::nullopt, blocks.used});
    analysis.rows.push_back(
        IndexRow{metric, path, "sigma", effects.sigma[i], std::nullopt, std::nullopt, blocks.used});
  }
}

std::string indices_csv(const std::vector<IndexRow>& rows) {
  std::string csv = "metric,parameter,index,estimate,ci_low,ci_high,blocks\n";
  for (const auto& row : rows) {
    csv += io::csv_field(row.metric) + "," + io::csv_field(row.parameter) + "," + row.index + "," +
           io::csv_number(row.estimate) + "," + (row.low ? io::csv_number(*row.low) : "") + "," +
           (row.high ? io::csv_number(*row.high) : "") + "," + std::to_string(row.blocks) + "\n";
  }
  return csv;
}

} // namespace

Analysis analyse(const fs::path& dir, const std::vector<MetricSpec>& extra) {
  auto spec = load_sweep((dir / "sweep.yaml").string(), BaseCheck::skip);
  spec.metrics.insert(spec.metrics.end(), extra.begin(), extra.end());
  if (spec.design != Design::saltelli && spec.design != Design::morris) {
    throw std::invalid_argument(
        "analyse needs a saltelli design (Sobol indices) or a morris design (elementary "
        "effects); this sweep's design is '" +
        to_string(spec.design) + "'");
  }
  if (spec.metrics.empty()) {
    throw std::invalid_argument("the sweep has no metrics: add 'metrics:' to its file or give "
                                "--metric");
  }
  Analysis analysis;
  analysis.collected = collect(dir, extra);
  const std::size_t width = spec.axes.size() + (spec.design == Design::saltelli ? 2 : 1);
  analysis.blocks = static_cast<std::size_t>(spec.samples);
  const RunList runs(spec);
  for (std::size_t m = 0; m < spec.metrics.size(); ++m) {
    const std::string metric = spec.metrics[m].label();
    const auto blocks = whole_blocks(runs, point_figures(spec, analysis.collected, m), width,
                                     spec.design == Design::morris);
    if (blocks.left_out > 0) {
      analysis.incomplete.emplace_back(metric, blocks.left_out);
    }
    try {
      spec.design == Design::saltelli ? add_sobol_rows(analysis, spec, metric, blocks)
                                      : add_morris_rows(analysis, spec, metric, blocks);
    } catch (const std::invalid_argument& problem) {
      analysis.skipped.push_back(metric + ": " + problem.what());
    }
  }
  io::write_text_atomically(dir / "indices.csv", indices_csv(analysis.rows));
  return analysis;
}

} // namespace plansim::sweep
