// plansim experiment: runs an experiment's arms x replicates (and its robustness sweep)
// through the sweep machinery, locally or on Slurm, and writes the verdict the runs give.

#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/cli/slurm_job.hpp"
#include "plansim/engine/parallel.hpp"
#include "plansim/engine/stop_signal.hpp"
#include "plansim/experiment/experiment_spec.hpp"
#include "plansim/experiment/verdict.hpp"
#include "plansim/experiment/verdict_file.hpp"
#include "plansim/io/config.hpp"
#include "plansim/sweep/collect.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace plansim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// Sets `path` to `value` among the overrides: in place of an earlier value, or added.
void set_override(std::vector<std::pair<std::string, std::string>>& set, const std::string& path,
                  const std::string& value) {
  const auto given =
      std::find_if(set.begin(), set.end(), [&](const auto& pair) { return pair.first == path; });
  if (given != set.end()) {
    given->second = value;
  } else {
    set.emplace_back(path, value);
  }
}

// --replicates, the robustness options and --set, checked like the file itself (the base
// scenario must take the overrides).
void apply_command_line(experiment::ExperimentSpec& spec, const po::variables_map& values) {
  if (values.count("replicates")) {
    const int replicates = values["replicates"].as<int>();
    if (replicates < 2) {
      throw UsageError("--replicates must be at least 2 (a test needs a variance)");
    }
    spec.replicates = replicates;
    spec.overrides.push_back("--replicates " + std::to_string(replicates));
  }
  if (values.count("robustness-samples") && spec.robustness) {
    const int samples = values["robustness-samples"].as<int>();
    const auto design = spec.robustness->design;
    spec.overrides.push_back("--robustness-samples " + std::to_string(samples));
    if (samples == 0) {
      spec.robustness.reset();
    } else if (samples < 0 || !sweep::is_sampled(design)) {
      throw UsageError("--robustness-samples wants 0 (no robustness sweep) or, for a random, "
                       "lhs or sobol robustness design, a number of points");
    } else {
      spec.robustness->samples = samples;
    }
  }
  if (values.count("robustness-replicates") && spec.robustness) {
    const int replicates = values["robustness-replicates"].as<int>();
    if (replicates < 1) {
      throw UsageError("--robustness-replicates must be at least 1");
    }
    spec.robustness->replicates = replicates;
    spec.overrides.push_back("--robustness-replicates " + std::to_string(replicates));
  }
  if (!values.count("set")) {
    return;
  }
  auto overrides = sweep::overrides_of(spec.set);
  for (const auto& assignment : values["set"].as<std::vector<std::string>>()) {
    overrides.push_back(assignment);
    spec.overrides.push_back("--set " + assignment);
    const auto equals = assignment.find('=');
    const std::string path = io::Schema::scenario().parameter_path(assignment.substr(0, equals));
    if (path == "run.seed") {
      throw UsageError("--set run.seed: the seed of each run comes from the experiment's seed "
                       "and the run's index: change the file's 'seed' instead");
    }
    if (equals != std::string::npos) {
      // Stored as the file's `set:` would be (scale -> scale.preset), in place of the file's
      // own value for it, so the sweep records read back by Slurm's shards are the records
      // written here (a key twice would be refused).
      set_override(spec.set, path, assignment.substr(equals + 1));
    }
  }
  io::load_scenario(spec.base, overrides); // throws ConfigError naming the bad --set
}

// What the command line changed may make a sweep larger than a sweep may have, or change the
// world so that the hypothesis's column is not recorded.
void check_changed_spec(const experiment::ExperimentSpec& spec) {
  if (const auto problem = experiment::size_problem(spec)) {
    throw UsageError(problem->message);
  }
  if (const auto problem = experiment::column_problem(spec)) {
    throw UsageError(*problem);
  }
}

// Runs one of the experiment's sweeps into `dir` and collects it.
struct SweepRun {
  sweep::CollectReport report;
  int exit_code = exit_ok;
};

SweepRun run_part(const sweep::SweepSpec& spec, const fs::path& dir, const std::string& runner,
                  const po::variables_map& values, Streams streams) {
  sweep::write_sweep_record(spec, dir);
  SweepRun result;
  if (runner == "slurm") {
    const std::string record = fs::absolute(dir / "sweep.yaml").lexically_normal().string();
    streams.out << write_slurm_job(spec, record, dir, slurm_options(values));
    // A collect job that fails only says some runs failed; they are left out below. A job that
    // was never submitted leaves nothing to judge.
    const auto submission = submit_slurm_job(dir, true, "plansim experiment", streams);
    if (!submission.submitted) {
      result.exit_code = exit_failure;
      return result;
    }
  } else {
    const auto style = engine::progress_style_for(false, values.count("quiet") > 0);
    const auto outcome =
        sweep::run_sweep(spec, dir, sweep::shard_indices(sweep::run_count(spec), 0, 1),
                         values["jobs"].as<int>(), streams.err, style);
    if (outcome.stopped) {
      streams.err << "plansim experiment: stopped by a signal; run it again to resume\n";
      result.exit_code = exit_interrupted;
      return result;
    }
  }
  result.report = sweep::collect(dir);
  return result;
}

int execute_experiment(const po::variables_map& values, Streams streams) {
  const std::string runner = values["runner"].as<std::string>();
  if (runner != "local" && runner != "slurm") {
    throw UsageError("--runner must be local or slurm, got '" + runner + "'");
  }
  option_at_least(values, "jobs", 1); // read again by each part
  const int threads = option_at_least(values, "threads", 0).value_or(0);
  auto spec = experiment::load_experiment(values["experiment"].as<std::string>());
  apply_command_line(spec, values);
  check_changed_spec(spec);
  const fs::path dir = fs::absolute(values.count("out") ? values["out"].as<std::string>()
                                                        : "out/experiments/" + spec.id)
                           .lexically_normal();
  if (runner == "slurm") {
    check_slurm_folder(dir);
    slurm_options(values); // refuses bad values before anything is written
  }
  engine::ThreadLimit limit(threads);
  engine::install_stop_handlers();

  const auto arms = experiment::arms_sweep(spec);
  streams.err << "experiment " << spec.id << ": " << spec.arms.size()
              << " arms (knock-out arms included) x " << spec.replicates << " replicates -> "
              << (dir / "arms").string() << (spec.exploratory() ? " (exploratory)" : "") << '\n';
  const auto main = run_part(arms, dir / "arms", runner, values, streams);
  if (main.exit_code != exit_ok) {
    return main.exit_code;
  }
  std::vector<experiment::RobustnessResult> robustness;
  if (const auto sweep = experiment::robustness_sweep(spec)) {
    streams.err << "experiment " << spec.id << ": robustness, " << sweep::run_count(*sweep)
                << " runs -> " << (dir / "robustness").string() << '\n';
    const auto part = run_part(*sweep, dir / "robustness", runner, values, streams);
    if (part.exit_code != exit_ok) {
      return part.exit_code;
    }
    robustness = experiment::robustness_results(spec, part.report);
  }
  const auto figures = experiment::arm_figures(spec, arms, main.report);
  experiment::write_summary(spec, figures, dir);
  experiment::Verdict verdict;
  try {
    verdict = experiment::judge(spec, figures, robustness);
  } catch (const std::runtime_error& problem) {
    streams.err << "plansim experiment: " << problem.what() << " (see "
                << (dir / "arms" / "failures").string() << ")\n";
    return exit_failure;
  }
  experiment::write_verdict(spec, verdict, dir);
  streams.out << verdict.paragraph << "\n"
              << "wrote " << (dir / "verdict.yaml").string() << " and "
              << (dir / "summary.csv").string() << '\n';
  return main.report.complete.size() == main.report.runs ? exit_ok : exit_failure;
}

} // namespace

Command experiment_command() {
  Command command;
  command.name = "experiment";
  command.synopsis = "experiment experiments/ID [--out DIR] [--runner local|slurm] "
                     "[--replicates N] [--robustness-samples N] [--robustness-replicates N] "
                     "[--set key=value]... [--jobs N] [--threads N]";
  command.summary = "Run an experiment's arms and replicates and write its verdict";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("experiment", po::value<std::string>()->required(),
                    "experiment folder (or its experiment.yaml)")(
        "out,o", po::value<std::string>(), "output folder (default out/experiments/ID)")(
        "runner", po::value<std::string>()->default_value("local"),
        "local (runs here) or slurm (job arrays, waits for them)")(
        "replicates", po::value<int>(), "replicates per arm (default: the file's)")(
        "robustness-samples", po::value<int>(),
        "points of a sampled robustness design (0: no robustness sweep)")(
        "robustness-replicates", po::value<int>(), "replicates per robustness point and arm")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "override for every arm: key.path=value (repeatable), e.g. scale=tiny")(
        "jobs", po::value<int>()->default_value(1), "local runner: runs at once")(
        "threads,j", po::value<int>(), "local runner: worker threads in all (default: all cores)")(
        "quiet,q", "no progress output");
    declare_slurm_options(o);
    p.add("experiment", 1);
  };
  command.execute = reporting_config_errors(execute_experiment);
  return command;
}

} // namespace plansim::cli
