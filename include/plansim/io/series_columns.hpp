#pragma once

#include "plansim/io/config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plansim::io {

/// The columns runs of the scenario `config` record for `series` ("by_region/shortage_consumer"
/// gives region_0, region_1, ...): they depend on the world, so the world's layout is built to
/// find them. Empty for a scalar series, nothing for a series runs do not record. Throws
/// ConfigError for a scenario the model cannot run.
std::optional<std::vector<std::string>> series_columns(const Config& config,
                                                       const std::string& series);

} // namespace plansim::io
