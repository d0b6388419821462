#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/version.hpp"

#include <boost/program_options/errors.hpp>
#include <boost/program_options/parsers.hpp>

#include <algorithm>
#include <exception>
#include <ostream>

namespace plansim::cli {

namespace po = boost::program_options;

namespace {

void print_overview(std::ostream& out, const std::vector<Command>& commands) {
  out << "plansim " << version()
      << " - agent-based model of a Soviet-type economy\n\n"
         "Usage: plansim COMMAND [options]\n"
         "       plansim --help | --version\n\n"
         "Commands:\n";
  for (const auto& command : commands) {
    out << "  " << command.name
        << std::string(12 - std::min<std::size_t>(command.name.size(), 11), ' ') << command.summary
        << '\n';
  }
  out << "\nRun 'plansim COMMAND --help' for a command's options.\n";
}

void print_command_usage(std::ostream& out, const Command& command,
                         const po::options_description& options) {
  out << "Usage: plansim " << command.synopsis << "\n\n" << command.summary << "\n\n" << options;
}

int run_command(const Command& command, const std::vector<std::string>& args, Streams streams) {
  po::options_description options("Options");
  po::positional_options_description positional;
  options.add_options()("help,h", "show this help");
  command.declare(options, positional);

  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    if (values.count("help")) {
      print_command_usage(streams.out, command, options);
      return exit_ok;
    }
    po::notify(values);
  } catch (const po::error& error) {
    streams.err << "plansim " << command.name << ": " << error.what() << "\n\n";
    print_command_usage(streams.err, command, options);
    return exit_bad_input;
  }
  try {
    return command.execute(values, streams);
  } catch (const UsageError& error) {
    streams.err << "plansim " << command.name << ": " << error.what() << "\n\n";
    print_command_usage(streams.err, command, options);
    return exit_bad_input;
  }
}

} // namespace

std::vector<Command> all_commands() {
  std::vector<Command> commands;
  commands.push_back(bench_command());
  commands.push_back(experiment_command());
  commands.push_back(info_command());
  commands.push_back(collect_command());
  commands.push_back(analyse_command());
  commands.push_back(slurm_command());
  commands.push_back(sweep_command());
  commands.push_back(run_command());
  commands.push_back(schema_command());
  commands.push_back(validate_command());
  const std::vector<std::string> order = {"run",        "validate", "sweep",  "slurm", "collect",
                                          "experiment", "info",     "schema", "bench"};
  std::sort(commands.begin(), commands.end(), [&](const Command& a, const Command& b) {
    return std::find(order.begin(), order.end(), a.name) <
           std::find(order.begin(), order.end(), b.name);
  });
  return commands;
}

int run_cli(const std::vector<std::string>& args, Streams streams) {
  const auto commands = all_commands();
  if (args.empty()) {
    print_overview(streams.err, commands);
    return exit_bad_input;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_overview(streams.out, commands);
    return exit_ok;
  }
  if (first == "--version" || first == "-V") {
    streams.out << "plansim " << version() << " (commit " << git_commit() << ")\n";
    return exit_ok;
  }
  const auto command = std::find_if(commands.begin(), commands.end(),
                                    [&](const Command& c) { return c.name == first; });
  if (command == commands.end()) {
    streams.err << "plansim: unknown command '" << first << "'\n\n";
    print_overview(streams.err, commands);
    return exit_bad_input;
  }
  try {
    return run_command(*command, std::vector<std::string>(args.begin() + 1, args.end()), streams);
  } catch (const std::exception& error) {
    streams.err << "plansim " << command->name << ": error: " << error.what() << '\n';
    return exit_failure;
  }
}

} // namespace plansim::cli
