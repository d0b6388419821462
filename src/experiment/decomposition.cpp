// Decomposition hypotheses: which factor of a 2 x 2 design explains more of the variance
// among its cells (experiments/README.md).

#include "plansim/experiment/decomposition.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace plansim::experiment {

namespace {

using Figures = std::vector<std::optional<double>>;
using Cells = std::array<std::array<double, 2>, 2>;

const Figures& figures_of(const std::vector<ArmFigures>& arms, const std::string& name,
                          std::size_t metric) {
  const auto found =
      std::find_if(arms.begin(), arms.end(), [&](const ArmFigures& a) { return a.name == name; });
  if (found == arms.end()) {
    throw std::runtime_error("no figures for arm '" + name + "'");
  }
  return found->figures[metric];
}

// The figures of the four cells (row by row) of the named arms.
std::array<const Figures*, 4> cell_figures(const std::vector<ArmFigures>& arms,
                                           const std::vector<std::string>& names,
                                           std::size_t metric) {
  return {&figures_of(arms, names[0], metric), &figures_of(arms, names[1], metric),
          &figures_of(arms, names[2], metric), &figures_of(arms, names[3], metric)};
}

// The replicates at which every one of `cells` gave a figure.
std::vector<std::size_t> complete_rows(const std::vector<const Figures*>& cells) {
  std::vector<std::size_t> rows;
  const std::size_t n = cells.empty() ? 0 : cells.front()->size();
  for (std::size_t r = 0; r < n; ++r) {
    if (std::all_of(cells.begin(), cells.end(),
                    [&](const Figures* f) { return r < f->size() && (*f)[r].has_value(); })) {
      rows.push_back(r);
    }
  }
  return rows;
}

// The cell means over the chosen rows (indices into `rows`).
Cells cell_means(const std::array<const Figures*, 4>& cells, const std::vector<std::size_t>& rows,
                 std::span<const std::size_t> chosen) {
  Cells m{};
  for (std::size_t c = 0; c < 4; ++c) {
    double sum = 0.0;
    for (auto i : chosen) {
      sum += *(*cells[c])[rows[i]];
    }
    m[c / 2][c % 2] = sum / double(chosen.size());
  }
  return m;
}

// Which component of variance_shares() a name in `compare` refers to.
std::size_t factor_index(const Decomposition& d, const std::string& name) {
  return name == d.factors[0] ? 0 : 1;
}

double share_difference(const Hypothesis& h, const Cells& m) {
  const auto shares = variance_shares(m);
  const auto& d = *h.decomposition;
  return shares[factor_index(d, h.arm_a)] - shares[factor_index(d, h.arm_b)];
}

} // namespace

const std::string& claimed_factor(const Hypothesis& h) {
  return h.expect == Expect::greater ? h.arm_a : h.arm_b;
}

std::array<double, 3> variance_shares(const Cells& m) {
  const double first = main_effect(m, 0);
  const double second = main_effect(m, 1);
  const double both = (m[0][0] - m[0][1] - m[1][0] + m[1][1]) / 2.0;
  const double total = first * first + second * second + both * both;
  if (total == 0.0) {
    return {0.0, 0.0, 0.0};
  }
  return {first * first / total, second * second / total, both * both / total};
}

double main_effect(const Cells& m, std::size_t factor) {
  return factor == 0 ? (m[0][0] + m[0][1] - m[1][0] - m[1][1]) / 2.0
                     : (m[0][0] + m[1][0] - m[0][1] - m[1][1]) / 2.0;
}

void judge_decomposition(const Hypothesis& h, const std::vector<ArmFigures>& arms,
                         HypothesisVerdict& v, std::uint64_t seed) {
  const auto& d = *h.decomposition;
  const double level = 1.0 - h.alpha;
  const auto cells = cell_figures(arms, d.arms(), h.metric_index);
  const auto knocked = cell_figures(arms, h.knockout_cells, h.metric_index);
  const std::vector<const Figures*> four(cells.begin(), cells.end());
  const auto rows = complete_rows(four);
  v.runs_used = 4 * rows.size();
  v.runs_missing = 0;
  for (const auto* f : four) {
    v.runs_missing += static_cast<std::size_t>(
        std::count_if(f->begin(), f->end(), [](const auto& x) { return !x.has_value(); }));
  }
  if (rows.size() < min_bootstrap_runs) {
    throw std::runtime_error("only " + std::to_string(rows.size()) +
                             " seeds gave figures in all four cells of the decomposition (at "
                             "least " +
                             std::to_string(min_bootstrap_runs) + " are needed): no verdict");
  }
  const auto judged = [&](const std::array<const Figures*, 4>& of,
                          const std::vector<std::size_t>& over, auto&& statistic,
                          std::uint64_t offset) {
    return bootstrap_rows(
        over.size(),
        [&](std::span<const std::size_t> chosen) {
          return statistic(cell_means(of, over, chosen));
        },
        h.expect, level, seed + offset);
  };
  const auto difference = [&](const Cells& m) { return share_difference(h, m); };
  v.effect = judged(cells, rows, difference, 0);
  // In a decomposition the "means" are the compared factors' main effects, in the metric's
  // units (verdict.yaml: main_effect).
  std::vector<std::size_t> all(rows.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  const auto means = cell_means(cells, rows, all);
  v.effect.mean_a = main_effect(means, factor_index(d, h.arm_a));
  v.effect.mean_b = main_effect(means, factor_index(d, h.arm_b));
  const auto add_shares = [&](const std::array<const Figures*, 4>& of,
                              const std::vector<std::size_t>& over, const std::string& suffix,
                              std::uint64_t offset) {
    const std::array<std::string, 3> names = {d.factors[0], d.factors[1], "interaction"};
    for (std::size_t k = 0; k < 3; ++k) {
      const auto c = judged(
          of, over, [&](const Cells& m) { return variance_shares(m)[k]; }, offset + k);
      v.shares.push_back(FactorShare{names[k] + suffix, c.estimate, c.ci_low, c.ci_high});
    }
  };
  add_shares(cells, rows, "", 10);

  const auto knocked_rows = complete_rows({knocked.begin(), knocked.end()});
  if (knocked_rows.size() >= min_bootstrap_runs) {
    v.knockout = judged(knocked, knocked_rows, difference, 1);
    add_shares(knocked, knocked_rows, "/knockout", 20);
  }
  std::vector<const Figures*> eight = four;
  eight.insert(eight.end(), knocked.begin(), knocked.end());
  const auto both_rows = complete_rows(eight);
  if (both_rows.size() >= min_bootstrap_runs) {
    v.shrink = bootstrap_rows(
        both_rows.size(),
        [&](std::span<const std::size_t> chosen) {
          return difference(cell_means(cells, both_rows, chosen)) -
                 difference(cell_means(knocked, both_rows, chosen));
        },
        h.expect, level, seed + 2);
  }
  if (h.placebo_metric_index) {
    const auto placebo = cell_figures(arms, d.arms(), *h.placebo_metric_index);
    const auto placebo_rows = complete_rows({placebo.begin(), placebo.end()});
    if (placebo_rows.size() >= min_bootstrap_runs) {
      // The other factor may well act at once (a market allocates in its first month); what
      // must be absent is an effect of the factor whose mechanism has not had time to work.
      const std::size_t factor = factor_index(d, claimed_factor(h));
      v.placebo = judged(
          placebo, placebo_rows, [&](const Cells& m) { return main_effect(m, factor); }, 3);
    }
  }
}

RobustnessResult decomposition_robustness(const Hypothesis& h, std::size_t points,
                                          std::size_t replicates, const PointFigure& figure) {
  const auto names = h.decomposition->arms();
  RobustnessResult result;
  for (std::size_t p = 0; p < points; ++p) {
    Cells m{};
    bool complete = true;
    for (std::size_t c = 0; c < 4 && complete; ++c) {
      double sum = 0.0;
      std::size_t n = 0;
      for (std::size_t r = 0; r < replicates; ++r) {
        if (const auto f = figure(names[c], p, r)) {
          sum += *f;
          ++n;
        }
      }
      complete = n > 0;
      m[c / 2][c % 2] = complete ? sum / double(n) : 0.0;
    }
    if (complete) {
      const double effect = share_difference(h, m);
      ++result.points;
      result.kept += (h.expect == Expect::greater ? effect > 0 : effect < 0) ? 1 : 0;
    }
  }
  return result;
}

} // namespace plansim::experiment
