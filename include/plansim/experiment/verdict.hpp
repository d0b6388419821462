#pragma once

#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/experiment/statistics.hpp"
#include "plansim/sweep/collect.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plansim::experiment {

/// Every metric's figure for every run of one arm (nothing for runs that failed or could not
/// give it), in replicate order.
struct ArmFigures {
  std::string name;
  std::vector<std::vector<std::optional<double>>> figures; ///< [metric][replicate]
  std::vector<std::string> status; ///< complete, failed, broken or missing, per replicate
  std::vector<std::uint64_t> seeds;
};

/// At how many robustness points a hypothesis's effect kept its expected sign.
struct RobustnessResult {
  std::size_t points = 0; ///< points where both arms gave figures
  std::size_t kept = 0;
  double share() const {
    return points ? static_cast<double>(kept) / static_cast<double>(points) : 0.0;
  }
};

/// What the runs say about one hypothesis: the effect, the knock-out control, the placebo,
/// the interaction when the claim has a condition, and the robustness share.
/// One group's fitted scaling exponent with its t interval (a scaling hypothesis).
struct GroupExponent {
  std::string group; ///< "plan", or "plan/knockout"
  PowerFit fit;
  double ci_low = 0.0, ci_high = 0.0;
};

/// One component's share of the variance among a decomposition's cells, with its bootstrap
/// interval.
struct FactorShare {
  std::string component; ///< a factor, "interaction", or either with "/knockout"
  double share = 0.0;
  double ci_low = 0.0, ci_high = 0.0;
};

struct HypothesisVerdict {
  std::string name;
  Comparison effect; ///< arm a - arm b
  std::size_t runs_used = 0, runs_missing = 0;
  bool significant = false;  ///< the expected sign, one-sided p < alpha
  bool contradicted = false; ///< the opposite sign, significant at alpha
  /// The same comparison with the mechanism switched off, and the test that the effect is
  /// larger with the mechanism: (a - b) - (a' - b') in the expected direction, pair by pair.
  std::optional<Comparison> knockout, shrink;
  bool shrinks = false;
  /// The placebo's difference, tested two-sided; it passes when not significant.
  std::optional<Comparison> placebo;
  double placebo_p_two_sided = 1.0;
  bool placebo_passed = false;
  /// The effect where the condition does not hold, and (a - b) - (c - d) tested in the
  /// expected direction.
  std::optional<Comparison> other_condition, interaction;
  bool conditional = false; ///< significant interaction, no significant effect without it
  std::optional<RobustnessResult> robustness;
  /// Scaling hypotheses: the exponent of each compared group, and of each with the mechanism
  /// knocked out, each with its interval at 1 - alpha.
  std::vector<GroupExponent> exponents;
  /// Decomposition hypotheses: each factor's and the interaction's share, with the mechanism
  /// and with it knocked out.
  std::vector<FactorShare> shares;
  bool supported = false;
  /// supported | holds only when ... | holds only in part of the parameter space |
  /// not attributable | not supported | contradicted
  std::string label;
  std::string paragraph; ///< the verdict in words, with its numbers
};

/// The verdicts of an experiment's hypotheses; `label` is the main hypothesis's when there is
/// one, else each name with its label.
struct Verdict {
  std::vector<HypothesisVerdict> hypotheses;
  std::string label;
  std::string paragraph;
  bool supported = false; ///< every hypothesis supported
};

/// A robustness share below this turns "supported" into "holds only in part of the
/// parameter space".
inline constexpr double robust_share = 0.8;

/// Judges each hypothesis from the arms' figures; `robustness` holds one result per hypothesis
/// (or is empty without a robustness sweep). Paired designs use the replicates every compared
/// arm gave. Throws std::runtime_error when fewer than two usable runs per arm remain.
Verdict judge(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
              const std::vector<RobustnessResult>& robustness);

/// One robustness result per hypothesis from the robustness sweep's figures (run order as
/// robustness_sweep).
std::vector<RobustnessResult> robustness_results(const ExperimentSpec& spec,
                                                 const sweep::CollectReport& report);

/// The figures of the arms sweep `arms` (arms_sweep(spec)), arm by arm, from its collect report.
std::vector<ArmFigures> arm_figures(const ExperimentSpec& spec, const sweep::SweepSpec& arms,
                                    const sweep::CollectReport& report);

} // namespace plansim::experiment
