#pragma once

// Decomposition hypotheses (experiments/README.md): in a 2 x 2 design the variance among the
// four cells' mean figures splits into the two factors' main effects and their interaction;
// the claim that one factor matters more than the other compares their shares, with a
// bootstrap over the paired seeds.

#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/experiment/verdict.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>

namespace plansim::experiment {

/// The shares of the variance among four cell means m[i][j] (i: level of the first factor,
/// j: of the second): first factor, second factor, interaction; they sum to 1, or are all 0
/// when the cells are equal.
std::array<double, 3> variance_shares(const std::array<std::array<double, 2>, 2>& m);

/// The main effect of a factor (0: rows, 1: columns): its first level's mean over the other
/// factor minus its second level's.
double main_effect(const std::array<std::array<double, 2>, 2>& m, std::size_t factor);

/// The factor a decomposition claim says matters more (compare's first name when it expects
/// greater, its second when less): the one the placebo window tests.
const std::string& claimed_factor(const Hypothesis& h);

/// Fills the effect (share of factor a minus share of factor b), the shares, the knock-out,
/// the shrink test and the placebo window (the main effect of the factor the claim says matters
/// more, which should be absent there) of a decomposition hypothesis; throws
/// std::runtime_error with fewer than min_bootstrap_runs seeds that gave all four cells.
void judge_decomposition(const Hypothesis& h, const std::vector<ArmFigures>& arms,
                         HypothesisVerdict& v, std::uint64_t seed);

/// The figure of replicate r of an arm at robustness point p.
using PointFigure =
    std::function<std::optional<double>(const std::string& arm, std::size_t p, std::size_t r)>;

/// At how many robustness points the share difference of the cells' means kept its expected
/// sign (points where a cell gave no figure are left out).
RobustnessResult decomposition_robustness(const Hypothesis& h, std::size_t points,
                                          std::size_t replicates, const PointFigure& figure);

} // namespace plansim::experiment
