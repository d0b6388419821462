#pragma once

#include "plansim/io/config.hpp"
#include "plansim/model/params.hpp"

#include <vector>

namespace plansim::io {

/// What the model cannot run in the scenario `config`, whose parameters are `params`: values
/// that only make sense together (scale, the Weitzman order, sector shares, the matrix), panel
/// fields, structural events and policy entries; each at the place of a value to change. Empty
/// when the scenario can run: all of it is known before the first tick.
std::vector<Diagnostic> scenario_problems(const Config& config, const model::EconomyParams& params);

} // namespace plansim::io
