// The commands that read scenario files: run, validate and schema.

#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/engine/metrics.hpp"
#include "plansim/engine/parallel.hpp"
#include "plansim/engine/stop_signal.hpp"
#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/io/config.hpp"
#include "plansim/io/economy_params.hpp"
#include "plansim/io/hdf5.hpp"
#include "plansim/io/scenario_run.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/point_check.hpp"
#include "plansim/sweep/sweep_spec.hpp"
#include "plansim/version.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <iomanip>
#include <ostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace plansim::cli {

namespace po = boost::program_options;

namespace {

// How a design that analyse reads is built of blocks: " (10 base points of 5)".
std::string blocks_of(const sweep::SweepSpec& spec) {
  const auto d = spec.axes.size();
  if (spec.design == sweep::Design::saltelli) {
    return " (" + std::to_string(spec.samples) + " base points of " + std::to_string(d + 2) + ")";
  }
  if (spec.design == sweep::Design::morris) {
    return " (" + std::to_string(spec.samples) + " trajectories of " + std::to_string(d + 1) + ")";
  }
  return "";
}

std::vector<std::string> overrides_from(const po::variables_map& values) {
  std::vector<std::string> overrides;
  if (values.count("set")) {
    overrides = values["set"].as<std::vector<std::string>>();
  }
  if (values.count("seed")) {
    overrides.push_back("run.seed=" + std::to_string(values["seed"].as<std::uint64_t>()));
  }
  if (const auto threads = option_at_least(values, "threads", 0)) {
    overrides.push_back("run.threads=" + std::to_string(*threads));
  }
  return overrides;
}

void print_diagnostics(std::ostream& err, const io::ConfigError& error) {
  for (const auto& d : error.diagnostics()) {
    err << d.to_string() << '\n';
  }
  const auto n = error.diagnostics().size();
  err << n << (n == 1 ? " error" : " errors") << '\n';
}

// What the loader would have the user know (entries left out, overrides the timeline resets).
void print_warnings(std::ostream& err, const io::Config& config) {
  for (const auto& warning : config.warnings()) {
    err << "warning: " << warning.to_string() << '\n';
  }
}

int execute_run(const po::variables_map& values, Streams streams) {
  const auto path = values["config"].as<std::string>();
  const io::Config config = io::load_scenario(path, overrides_from(values));
  print_warnings(streams.err, config);
  if (values.count("print-config")) {
    streams.out << config.to_yaml();
    return exit_ok;
  }
  const std::string out =
      values.count("out") ? values["out"].as<std::string>() : config.text("output.file");
  engine::ThreadLimit limit(static_cast<int>(config.integer("run.threads")));
  engine::install_stop_handlers();
  const auto style = engine::progress_style_for(isatty(STDERR_FILENO), values.count("quiet") > 0);
  io::ScenarioRun run;
  try {
    run = io::run_scenario(config, out, streams.err, style);
  } catch (const io::OutputError& error) {
    streams.err << "plansim run: " << error.what() << '\n';
    return exit_bad_input;
  } catch (const engine::MetricError& error) {
    streams.err << "plansim run: the run failed: " << error.what() << "; no output was kept\n";
    return exit_failure;
  } catch (const io::hdf5::Error& error) {
    streams.err << "plansim run: cannot write " << out << ": " << error.what()
                << "; no output was kept\n";
    return exit_failure;
  }
  if (run.status == engine::RunStatus::stopped) {
    streams.err << "plansim run: stopped by signal " << engine::stop_signal() << " after "
                << run.ticks_done << " ticks; removed " << out << ".partial\n";
    return exit_interrupted;
  }
  streams.out << "wrote " << out << ": " << run.ticks_done << " ticks (" << run.start << " to "
              << run.last << "), seed " << run.seed << ", " << run.threads
              << (run.threads == 1 ? " thread, " : " threads, ") << std::setprecision(3)
              << run.seconds << " s (" << 100.0 * run.writer_seconds / run.seconds
              << " % of it writing output)\n";
  return exit_ok;
}

// Which kind of file this is, from its top-level keys.
std::string kind_of(const std::string& path) {
  if (std::filesystem::is_directory(path)) {
    return "experiment"; // experiments/ID holds experiment.yaml
  }
  try {
    const auto root = YAML::LoadFile(path);
    if (root.IsMap()) {
      if (root["arms"] || root["hypothesis"] || root["hypotheses"]) {
        return "experiment";
      }
      if (root["parameters"] || root["design"]) {
        return "sweep";
      }
    }
  } catch (const YAML::Exception&) {
    // The scenario loader reports the problem with its place.
  }
  return "scenario";
}

int execute_validate(const po::variables_map& values, Streams streams) {
  const auto path = values["file"].as<std::string>();
  const std::string kind = kind_of(path);
  if (kind == "sweep") {
    const auto spec = sweep::load_sweep(path);
    // Every design point resolved as plansim sweep resolves its runs.
    const auto check = sweep::check_points(spec);
    for (const auto& warning : check.warnings) {
      streams.err << "warning: " << warning.to_string() << '\n';
    }
    if (!check.problems.empty()) {
      for (const auto& problem : check.problems) {
        streams.err << problem.to_string() << '\n';
      }
      streams.err << check.failing_points << " of " << check.points
                  << " design points cannot run\n";
      return exit_bad_input;
    }
    streams.out << path << ": valid sweep (" << sweep::run_count(spec)
                << " runs: " << sweep::sample_count(spec) << " " << sweep::to_string(spec.design)
                << " points" << blocks_of(spec) << " x " << spec.replicates << " replicates)\n";
    return exit_ok;
  }
  if (kind == "experiment") {
    const auto spec = experiment::load_experiment(path);
    const auto robustness = experiment::robustness_sweep(spec);
    const auto knockouts = std::count_if(spec.arms.begin(), spec.arms.end(),
                                         [](const auto& arm) { return arm.knockout; });
    streams.out << path << ": valid experiment (" << spec.arms.size() - knockouts << " arms + "
                << knockouts << " knock-out arms x " << spec.replicates << " replicates, "
                << spec.hypotheses.size()
                << (spec.hypotheses.size() == 1 ? " hypothesis" : " hypotheses")
                << (robustness
                        ? ", robustness " + std::to_string(sweep::run_count(*robustness)) + " runs"
                        : std::string())
                << ")\n";
    return exit_ok;
  }
  const auto config = io::load_scenario(path);
  io::economy_params_from(config); // what only the model can check (kantorovich, scale, events)
  print_warnings(streams.err, config);
  std::size_t set = 0;
  for (const auto& p : config.schema().parameters()) {
    set += config.place(p.path).file != "default" ? 1 : 0;
  }
  streams.out << path << ": valid scenario (" << set << " of "
              << config.schema().parameters().size() << " parameters set, "
              << config.policy().size() << " policy entries)\n";
  return exit_ok;
}

} // namespace

Command::Execute reporting_config_errors(Command::Execute execute) {
  return [execute](const po::variables_map& values, Streams streams) {
    try {
      return execute(values, streams);
    } catch (const io::ConfigError& error) {
      print_diagnostics(streams.err, error);
      return static_cast<int>(exit_bad_input);
    }
  };
}

Command run_command() {
  Command command;
  command.name = "run";
  command.synopsis =
      "run CONFIG.yaml [--out FILE.h5] [--seed N] [--threads N] [--set key.path=value]...";
  command.summary = "Run one scenario and write its time series to an HDF5 file";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("config", po::value<std::string>()->required(), "scenario YAML file")(
        "out,o", po::value<std::string>(), "output HDF5 file (default: output.file)")(
        "seed", po::value<std::uint64_t>(), "run seed (sets run.seed)")(
        "threads,j", po::value<int>(), "worker threads, 0 = all cores (sets run.threads)")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "override a parameter: key.path=value (repeatable)")(
        "print-config", "print the resolved scenario (accepted back by run) and exit")(
        "quiet,q", "no progress output");
    p.add("config", 1);
  };
  command.execute = reporting_config_errors(execute_run);
  return command;
}

Command validate_command() {
  Command command;
  command.name = "validate";
  command.synopsis = "validate FILE.yaml";
  command.summary =
      "Check a scenario, sweep or experiment file; errors as FILE:LINE:COL: message, exit code 2";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("file", po::value<std::string>()->required(), "YAML file to check");
    p.add("file", 1);
  };
  command.execute = reporting_config_errors(execute_validate);
  return command;
}

Command schema_command() {
  Command command;
  command.name = "schema";
  command.synopsis = "schema --markdown";
  command.summary = "Print the scenario parameter reference (docs/configuration.md)";
  command.declare = [](po::options_description& o, po::positional_options_description&) {
    o.add_options()("markdown", "Markdown tables (the only format so far)");
  };
  command.execute = [](const po::variables_map&, Streams streams) {
    streams.out << io::schema_markdown(io::Schema::scenario());
    return static_cast<int>(exit_ok);
  };
  return command;
}

} // namespace plansim::cli
