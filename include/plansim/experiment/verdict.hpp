#pragma once

#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/experiment/statistics.hpp"
#include "plansim/sweep/collect.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace plansim::experiment {

/// The hypothesis's figure for every run of every arm (nothing for runs that failed or could
/// not give it), in replicate order.
struct ArmFigures {
  std::string name;
  std::vector<std::optional<double>> figures;
  std::vector<std::string> status; ///< complete, failed, broken or missing, per replicate
  std::vector<std::uint64_t> seeds;
};

/// At how many robustness points the effect kept its expected sign.
struct RobustnessResult {
  std::size_t points = 0; ///< points where both arms gave figures
  std::size_t kept = 0;
  double share() const {
    return points ? static_cast<double>(kept) / static_cast<double>(points) : 0.0;
  }
};

/// What the runs say about the hypothesis.
struct Verdict {
  Comparison comparison;
  std::size_t runs_used = 0, runs_missing = 0;
  bool supported = false;    ///< the effect has the expected sign, one-sided p < alpha
  bool contradicted = false; ///< the opposite sign, significant at alpha
  std::optional<RobustnessResult> robustness;
  /// supported | holds only in part of the parameter space | not supported | contradicted
  std::string label;
  std::string paragraph; ///< the verdict in words, with its numbers
};

/// A robustness share below this turns "supported" into "holds only in part of the
/// parameter space".
inline constexpr double robust_share = 0.8;

/// Compares the arms of the hypothesis. Paired designs use the replicates both arms gave.
/// Throws std::runtime_error when fewer than two usable runs per arm remain.
Verdict judge(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
              const std::optional<RobustnessResult>& robustness);

/// The robustness result from the robustness sweep's figures (run order as robustness_sweep).
RobustnessResult robustness_result(const ExperimentSpec& spec, const sweep::CollectReport& report);

/// The figures of the arms sweep `arms` (arms_sweep(spec)), arm by arm, from its collect report.
std::vector<ArmFigures> arm_figures(const ExperimentSpec& spec, const sweep::SweepSpec& arms,
                                    const sweep::CollectReport& report);

/// DIR/verdict.yaml: the hypothesis, n per arm, effect, intervals, p-value, effect size,
/// robustness share, supported, label and paragraph. Written under a temporary name first.
void write_verdict(const ExperimentSpec& spec, const Verdict& verdict,
                   const std::filesystem::path& dir);

/// DIR/summary.csv: one row per run of the arms: arm, replicate, seed, status, figure, file.
void write_summary(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
                   const std::filesystem::path& dir);

} // namespace plansim::experiment
