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
      "sweep", "sweep SWEEP.yaml --out DIR [--shard I/N | --index K] [--jobs N]",
      "Run a parameter sweep (or one shard of it) into DIR/runs/, resuming where it stopped",
      [](po::options_description& o, po::positional_options_description& p) {
        o.add_options()("sweep", po::value<std::string>()->required(), "sweep YAML file")(
            "out,o", po::value<std::string>()->required(),
            "output folder")("shard", po::value<std::string>(), "run shard I of N (I/N, from 0)")(
            "index", po::value<long>(), "run only the run with this index")(
            "jobs", po::value<int>(), "runs at once in this process")("threads,j", po::value<int>(),
                                                                      "worker threads in all");
        p.add("sweep", 1);
      }));
  commands.push_back(planned(
      "slurm",
      "slurm SWEEP.yaml --out DIR [--tasks N] [--partition P] [--time HH:MM:SS] "
      "[--cpus-per-task C] [--mem M] [--submit] [--wait]",
      "Write (and optionally submit) a Slurm job array that runs a sweep",
      [](po::options_description& o, po::positional_options_description& p) {
        o.add_options()("sweep", po::value<std::string>()->required(), "sweep YAML file")(
            "out,o", po::value<std::string>()->required(),
            "output folder")("tasks", po::value<int>(), "array tasks (shards)")(
            "partition", po::value<std::string>(),
            "Slurm partition")("time", po::value<std::string>(), "time limit per task, HH:MM:SS")(
            "cpus-per-task", po::value<int>(), "CPUs per task")("mem", po::value<std::string>(),
                                                                "memory per task, e.g. 4G")(
            "submit", "submit the job with sbatch")("wait", "wait for the collect job to end");
        p.add("sweep", 1);
      }));
  commands.push_back(
      planned("collect", "collect DIR", "Summarise a sweep's runs into DIR/summary.csv",
              [](po::options_description& o, po::positional_options_description& p) {
                o.add_options()("dir", po::value<std::string>()->required(), "sweep output folder");
                p.add("dir", 1);
              }));
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
