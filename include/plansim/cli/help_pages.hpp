#pragma once

#include "plansim/cli/command.hpp"

#include <string>
#include <vector>

namespace plansim::cli {

/// The man page plansim(1) in roff, from the commands' synopses, summaries and options (the
/// text of `--help`, so the two never disagree): `plansim --man > plansim.1`.
std::string man_page(const std::vector<Command>& commands);

/// A bash completion script: commands, each command's options, and file names where a
/// command takes a file: `source <(plansim --completion)`.
std::string bash_completion(const std::vector<Command>& commands);

} // namespace plansim::cli
