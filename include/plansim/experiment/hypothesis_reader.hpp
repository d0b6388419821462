#pragma once

// Reading an experiment file's hypotheses: `hypothesis:` (one, named main) or `hypotheses:`
// (names to hypotheses), each with its knock-out control, placebo and optional interaction.

#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/sweep/field_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

namespace plansim::experiment {

/// A non-empty text at `node`, or "" with an error (naming `what`) in the reader.
std::string text_of(sweep::FieldReader& reader, const YAML::Node& node, const char* what);

/// Reads the hypotheses of `root` into spec.hypotheses (the arms must have been read).
void read_hypotheses(sweep::FieldReader& reader, const YAML::Node& root, ExperimentSpec& spec);

/// Adds each hypothesis's knock-out arms to spec.arms: its compared arms with the knock-out's
/// parameters on top, named ARM/knockout (ARM/knockout-NAME with several hypotheses).
void add_knockout_arms(ExperimentSpec& spec);

/// Numbers the metrics as experiment_metrics() lists them.
void index_metrics(ExperimentSpec& spec);

} // namespace plansim::experiment
