#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/cli/help_pages.hpp"
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
         "       plansim --help | --version | --man | --completion\n\n"
         "Commands:\n";
  for (const auto& command : commands) {
    out << "  " << command.name
        << std::string(12 - std::min<std::size_t>(command.name.size(), 11), ' ') << command.summary
        << '\n';
  }
  out << "\nRun 'plansim COMMAND --help' for a command's options. --man prints the man page,\n"
         "--completion a bash completion script (source <(plansim --completion)).\n";
}

void print_command_usage(std::ostream& out, const Command& command,
                         const po::options_description& options) {
  out << "Usage: plansim " << command.synopsis << "\n\n" << command.summary << "\n\n" << options;
}

// "missing CONFIG.yaml (scenario YAML file)" for a positional argument, in the usage's words
// (boost would say "the option '--config' is required"); a named option as boost says it.
std::string missing_argument(const po::required_option& error, const Command& command,
                             const po::options_description& options,
                             const po::positional_options_description& positional) {
  std::string name = error.get_option_name(); // "--config"
  name.erase(0, name.find_first_not_of('-'));
  const auto* option = options.find_nothrow(name, false);
  if (!option || positional.max_total_count() == 0 || positional.name_for_position(0) != name) {
    return error.what();
  }
  // The synopsis names the first argument after the command: "run CONFIG.yaml [--out ...]".
  const std::string& words = command.synopsis;
  const auto start = words.find(' ') + 1;
  return "missing " + words.substr(start, words.find(' ', start) - start) + " (" +
         option->description() + ")";
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
  } catch (const po::required_option& error) {
    streams.err << "plansim " << command.name << ": "
                << missing_argument(error, command, options, positional) << "\n\n";
    print_command_usage(streams.err, command, options);
    return exit_bad_input;
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
  const std::vector<std::string> order = {"run",     "validate",   "sweep", "slurm",  "collect",
                                          "analyse", "experiment", "info",  "schema", "bench"};
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
  if (first == "--man") {
    streams.out << man_page(commands);
    return exit_ok;
  }
  if (first == "--completion") {
    streams.out << bash_completion(commands);
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
