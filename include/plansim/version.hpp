#pragma once

#include <string_view>

namespace plansim {

/// The release version, e.g. "0.1.0".
std::string_view version();

/// The git commit the binary was built from ("unknown" outside a git checkout, with a
/// "-dirty" suffix when tracked files had uncommitted changes).
std::string_view git_commit();

} // namespace plansim
