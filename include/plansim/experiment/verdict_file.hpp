#pragma once

// The files an experiment's verdict is written to.

#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/experiment/verdict.hpp"

#include <filesystem>
#include <vector>

namespace plansim::experiment {

/// DIR/verdict.yaml: provenance (version, commit, overrides, exploratory), then the main
/// hypothesis's numbers at the top level and every hypothesis under `hypotheses`: n per arm,
/// effect, intervals, p-value, effect size, knock-out, placebo, interaction, robustness share,
/// label and paragraph. Written under a temporary name first.
void write_verdict(const ExperimentSpec& spec, const Verdict& verdict,
                   const std::filesystem::path& dir);

/// DIR/summary.csv: one row per run of the arms: arm, replicate, seed, status, one column per
/// metric, file.
void write_summary(const ExperimentSpec& spec, const std::vector<ArmFigures>& arms,
                   const std::filesystem::path& dir);

} // namespace plansim::experiment
