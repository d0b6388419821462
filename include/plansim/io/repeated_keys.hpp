#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>

namespace plansim::io {

/// Calls `report` with every key of the mapping `map` that repeats an earlier key of it. YAML
/// parsers keep both entries, and a lookup by name sees only one: a repeated key would be a
/// silent choice between two values.
void for_each_repeated_key(const YAML::Node& map,
                           const std::function<void(const YAML::Node& key)>& report);

/// The same for every mapping within `node` (itself included), however deep.
void for_each_repeated_key_within(const YAML::Node& node,
                                  const std::function<void(const YAML::Node& key)>& report);

} // namespace plansim::io
