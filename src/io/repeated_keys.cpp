#include "plansim/io/repeated_keys.hpp"

#include <set>
#include <string>

namespace plansim::io {

void for_each_repeated_key(const YAML::Node& map,
                           const std::function<void(const YAML::Node& key)>& report) {
  if (!map.IsMap()) {
    return;
  }
  std::set<std::string> seen;
  for (const auto& item : map) {
    if (item.first.IsScalar() && !seen.insert(item.first.Scalar()).second) {
      report(item.first);
    }
  }
}

void for_each_repeated_key_within(const YAML::Node& node,
                                  const std::function<void(const YAML::Node& key)>& report) {
  for_each_repeated_key(node, report);
  if (node.IsMap()) {
    for (const auto& item : node) {
      for_each_repeated_key_within(item.second, report);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      for_each_repeated_key_within(item, report);
    }
  }
}

} // namespace plansim::io
