#pragma once

#include "plansim/io/config.hpp"
#include "plansim/model/params.hpp"
#include "plansim/model/policy_event.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace plansim::io {

/// Builds the model's parameters from a resolved scenario (scale presets applied).
/// Throws ConfigError for combinations the model cannot run (e.g. the kantorovich method,
/// fewer enterprises than goods, a policy entry that sets a parameter fixed for the run).
model::EconomyParams economy_params_from(const Config& config);

/// Sets one parameter of a running economy from a policy entry; false when `path` is not a
/// parameter that can change during a run.
bool apply_parameter(model::EconomyParams& params, std::string_view path, const std::string& value);

/// The structural event a policy entry names, its arguments filled from the entry or their
/// defaults. Throws ConfigError (at the entry) for regions or goods the world does not have;
/// `consumer_goods` is how many consumer goods there are.
model::PolicyEvent policy_event_from(const PolicyEntry& entry, const Schema& schema, int regions,
                                     int consumer_goods);

/// The structural events `run.without_events` leaves out of the policy timeline.
std::vector<std::string> events_left_out(const Config& config);

} // namespace plansim::io
