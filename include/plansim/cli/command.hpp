#pragma once

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/positional_options.hpp>
#include <boost/program_options/variables_map.hpp>

#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace plansim::cli {

/// Where a command writes: normal output and diagnostics.
struct Streams {
  std::ostream& out;
  std::ostream& err;
};

/// A bad command line: printed with the command's usage, exit code 2.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The value of the numeric option `name`, refused with a UsageError below `least` (a count of
/// -1 is not read as a huge unsigned number: declare counts signed); nothing when not given.
template <class T>
std::optional<T> option_at_least(const boost::program_options::variables_map& values,
                                 const std::string& name, T least) {
  if (!values.count(name)) {
    return std::nullopt;
  }
  const T value = values[name].as<T>();
  if (value < least) {
    throw UsageError("--" + name + " must be at least " + std::to_string(least) + ", got " +
                     std::to_string(value));
  }
  return value;
}

/// A subcommand: `plansim NAME [options]`.
struct Command {
  std::string name;
  std::string synopsis; ///< "run CONFIG.yaml [--out FILE.h5] ..."
  std::string summary;  ///< one line for `plansim --help`
  /// Declares the options and positional arguments.
  std::function<void(boost::program_options::options_description&,
                     boost::program_options::positional_options_description&)>
      declare;
  /// Does the work once the options parsed; returns the exit code.
  using Execute = std::function<int(const boost::program_options::variables_map&, Streams)>;
  Execute execute;
};

/// Every subcommand, in the order `plansim --help` lists them.
std::vector<Command> all_commands();

Command bench_command();
Command collect_command();
Command analyse_command();
Command slurm_command();
Command sweep_command();
Command info_command();
Command run_command();
Command schema_command();
Command validate_command();
Command experiment_command();

/// Wraps a command so that configuration errors (io::ConfigError) are printed as
/// FILE:LINE:COL: message lines and give exit code 2.
Command::Execute reporting_config_errors(Command::Execute execute);

/// The whole command line; returns the exit code.
int run_cli(const std::vector<std::string>& args, Streams streams);

} // namespace plansim::cli
