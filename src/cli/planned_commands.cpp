#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/version.hpp"

#include <ostream>
#include <string>

namespace plansim::cli {

namespace po = boost::program_options;

namespace {

// The commands below exist so their options and help are in place; each says plainly that
// it does not work yet rather than pretending to.
Command planned(
    std::string name, std::string synopsis, std::string summary,
    std::function<void(po::options_description&, po::positional_options_description&)> declare) {
  Command command;
  command.name = std::move(name);
  command.synopsis = std::move(synopsis);
  command.summary = std::move(summary);
  command.declare = std::move(declare);
  command.execute = [name = command.name](const po::variables_map&, Streams streams) {
    streams.err << "plansim " << name << ": not yet available in plansim " << version()
                << "; see README.md for what works now\n";
    return static_cast<int>(exit_bad_input);
  };
  return command;
}

} // namespace

std::vector<Command> planned_commands() {
  std::vector<Command> commands;
  commands.push_back(planned(
      "experiment",
      "experiment experiments/ID [--out DIR] [--runner local|slurm] [--replicates N] "
      "[--set key=value]...",
      "Run an experiment's arms and replicates and write its verdict",
      [](po::options_description& o, po::positional_options_description& p) {
        o.add_options()("experiment", po::value<std::string>()->required(),
                        "experiment folder")("out,o", po::value<std::string>(), "output folder")(
            "runner", po::value<std::string>()->default_value("local"),
            "local or slurm")("replicates", po::value<int>(), "replicates per arm")(
            "set", po::value<std::vector<std::string>>()->composing(),
            "override for every arm: key.path=value (repeatable)");
        p.add("experiment", 1);
      }));
  return commands;
}

} // namespace plansim::cli
