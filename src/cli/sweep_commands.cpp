// The batch commands: sweep (run a sweep or a shard of it), collect (summarise it), analyse
// (its sensitivity indices) and slurm (write and submit a job array that runs it on a cluster).

#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/cli/slurm_job.hpp"
#include "plansim/engine/parallel.hpp"
#include "plansim/engine/stop_signal.hpp"
#include "plansim/io/config.hpp"
#include "plansim/sweep/analyse.hpp"
#include "plansim/sweep/collect.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_runner.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <cstdio>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace plansim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

int report_config_error(std::ostream& err, const io::ConfigError& error) {
  for (const auto& d : error.diagnostics()) {
    err << d.to_string() << '\n';
  }
  return exit_bad_input;
}

// "I/N" -> (I, N), with 0 <= I < N.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      const auto shard = std::stoul(text.substr(0, slash));
      const auto shards = std::stoul(text.substr(slash + 1));
      if (shards > 0 && shard < shards) {
        return {shard, shards};
      }
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--shard wants I/N with 0 <= I < N, got '" + text + "'");
}

std::string list(const std::vector<std::size_t>& indices) {
  std::string text;
  for (std::size_t i = 0; i < indices.size() && i < 20; ++i) {
    text += (i ? " " : "") + std::to_string(indices[i]);
  }
  if (indices.size() > 20) {
    text += " ... (" + std::to_string(indices.size()) + " in all)";
  }
  return text;
}

int execute_sweep(const po::variables_map& values, Streams streams) {
  if (values.count("shard") && values.count("index")) {
    throw UsageError("give --shard or --index, not both");
  }
  const int jobs = option_at_least(values, "jobs", 1).value_or(1);
  const int threads = option_at_least(values, "threads", 0).value_or(0);
  sweep::SweepSpec spec;
  try {
    spec = sweep::load_sweep(values["sweep"].as<std::string>());
  } catch (const io::ConfigError& error) {
    return report_config_error(streams.err, error);
  }
  const std::size_t runs = sweep::run_count(spec);
  std::vector<std::size_t> indices;
  if (values.count("index")) {
    const auto index = values["index"].as<long>();
    if (index < 0 || static_cast<std::size_t>(index) >= runs) {
      throw UsageError("--index " + std::to_string(index) + " is outside the sweep's " +
                       std::to_string(runs) + " runs (0 to " + std::to_string(runs - 1) + ")");
    }
    indices.push_back(static_cast<std::size_t>(index));
  } else if (values.count("shard")) {
    const auto [shard, shards] = parse_shard(values["shard"].as<std::string>());
    indices = sweep::shard_indices(runs, shard, shards);
  } else {
    indices = sweep::shard_indices(runs, 0, 1);
  }
  const fs::path dir = values["out"].as<std::string>();
  try {
    sweep::write_sweep_record(spec, dir);
  } catch (const io::ConfigError& error) {
    return report_config_error(streams.err, error);
  }
  engine::ThreadLimit limit(threads);
  engine::install_stop_handlers();
  const auto style = engine::progress_style_for(false, values.count("quiet") > 0);
  const auto outcome = sweep::run_sweep(spec, dir, indices, jobs, streams.err, style);
  streams.out << "sweep " << spec.source << " -> " << dir.string() << ": " << outcome.selected
              << " runs selected of " << runs << ", " << outcome.completed << " run, "
              << outcome.skipped << " already done, " << outcome.failed << " failed"
              << (outcome.failed ? " (see " + (dir / "failures").string() + ")" : "")
              << (outcome.busy
                      ? ", " + std::to_string(outcome.busy) + " being written by another process"
                      : "")
              << '\n';
  if (outcome.stopped) {
    streams.err << "plansim sweep: stopped by a signal; run it again to resume\n";
    return exit_interrupted;
  }
  return outcome.failed > 0 || outcome.busy > 0 ? exit_failure : exit_ok;
}

// Whether `dir` holds a sweep (DIR/sweep.yaml); says so on err when it does not.
bool is_sweep_folder(const fs::path& dir, const char* command, Streams streams) {
  if (fs::exists(dir / "sweep.yaml")) {
    return true;
  }
  streams.err << command << ": " << (dir / "sweep.yaml").string()
              << " not found: is this a sweep folder (plansim sweep --out DIR)?\n";
  return false;
}

// The metrics of --metric, read as a sweep file's (throws io::ConfigError).
std::vector<sweep::MetricSpec> extra_metrics(const po::variables_map& values) {
  std::vector<sweep::MetricSpec> extra;
  if (values.count("metric")) {
    for (const auto& text : values["metric"].as<std::vector<std::string>>()) {
      extra.push_back(sweep::metric_from_text(text));
    }
  }
  return extra;
}

constexpr const char* metric_help =
    "a metric to add to the sweep's, as a YAML mapping (series, statistic, window, column, "
    "name); repeatable";

int execute_collect(const po::variables_map& values, Streams streams) {
  const fs::path dir = values["dir"].as<std::string>();
  if (!is_sweep_folder(dir, "plansim collect", streams)) {
    return exit_bad_input;
  }
  sweep::CollectReport report;
  try {
    report = sweep::collect(dir, extra_metrics(values));
  } catch (const io::ConfigError& error) {
    return report_config_error(streams.err, error);
  }
  streams.out << (dir / "summary.csv").string() << ": " << report.runs << " runs, "
              << report.complete.size() << " complete, " << report.failed.size() << " failed, "
              << report.broken.size() << " broken, " << report.missing.size() << " missing\n";
  if (!report.failed.empty()) {
    streams.out << "  failed (see failures/INDEX.txt): " << list(report.failed) << '\n';
  }
  if (!report.broken.empty()) {
    streams.out << "  broken files (partial or damaged; plansim sweep redoes them): "
                << list(report.broken) << '\n';
  }
  if (!report.missing.empty()) {
    streams.out << "  missing: " << list(report.missing) << '\n';
  }
  for (const auto& problem : report.metric_problems) {
    streams.out << "  metric left blank: " << problem << '\n';
  }
  if (report.commits.size() > 1) {
    streams.out << "  warning: the runs were made by " << report.commits.size()
                << " versions of plansim (commit: runs):";
    for (const auto& [commit, runs] : report.commits) {
      streams.out << ' ' << commit << ": " << runs;
    }
    streams.out << "; results from different versions may not be comparable\n";
  }
  return report.complete.size() == report.runs ? exit_ok : exit_failure;
}

std::string interval_text(const sweep::IndexRow& row) {
  char text[96];
  if (row.low && row.high) {
    std::snprintf(text, sizeof text, "%9.4g [%.4g, %.4g]", row.estimate, *row.low, *row.high);
  } else {
    std::snprintf(text, sizeof text, "%9.4g", row.estimate);
  }
  return text;
}

// The indices as a table, metric by metric, a parameter a line.
void print_indices(std::ostream& out, const sweep::Analysis& analysis) {
  std::string metric, parameter;
  for (const auto& row : analysis.rows) {
    if (row.metric != metric || row.parameter != parameter) {
      out << (metric.empty() ? "" : "\n");
      if (row.metric != metric) {
        out << "  " << row.metric << " (" << row.blocks << " blocks)\n";
      }
      metric = row.metric;
      parameter = row.parameter;
      out << "    " << parameter << ":";
    }
    out << "  " << row.index << interval_text(row);
  }
  out << (analysis.rows.empty() ? "" : "\n");
}

int execute_analyse(const po::variables_map& values, Streams streams) {
  const fs::path dir = values["dir"].as<std::string>();
  if (!is_sweep_folder(dir, "plansim analyse", streams)) {
    return exit_bad_input;
  }
  sweep::Analysis analysis;
  try {
    analysis = sweep::analyse(dir, extra_metrics(values));
  } catch (const io::ConfigError& error) {
    return report_config_error(streams.err, error);
  } catch (const std::invalid_argument& problem) {
    streams.err << "plansim analyse: " << problem.what() << '\n';
    return exit_bad_input;
  }
  const auto& collected = analysis.collected;
  streams.out << (dir / "indices.csv").string() << ": " << analysis.rows.size() << " indices from "
              << collected.complete.size() << " of " << collected.runs << " runs\n";
  print_indices(streams.out, analysis);
  if (const auto short_of = collected.runs - collected.complete.size()) {
    streams.out << "  " << short_of << " runs not complete: plansim collect " << dir.string()
                << " lists them, plansim sweep resumes them\n";
  }
  for (const auto& [metric, left_out] : analysis.incomplete) {
    streams.out << "  " << metric << ": " << left_out << " of " << analysis.blocks
                << " blocks left out (a run of theirs gave no figure)\n";
  }
  for (const auto& problem : analysis.skipped) {
    streams.out << "  no indices for " << problem << '\n';
  }
  streams.out << "  plot: /usr/bin/python3 scripts/plot_indices.py " << dir.string() << '\n';
  const bool whole = collected.complete.size() == collected.runs && analysis.skipped.empty();
  return whole ? exit_ok : exit_failure;
}

int execute_slurm(const po::variables_map& values, Streams streams) {
  if (values.count("wait") && !values.count("submit")) {
    throw UsageError("--wait needs --submit");
  }
  sweep::SweepSpec spec;
  try {
    spec = sweep::load_sweep(values["sweep"].as<std::string>());
  } catch (const io::ConfigError& error) {
    return report_config_error(streams.err, error);
  }
  const fs::path dir = fs::absolute(values["out"].as<std::string>()).lexically_normal();
  check_slurm_folder(dir);
  const auto options = slurm_options(values); // checked before anything is written
  if (options.only_missing && sweep::run_count(spec) > 0 &&
      missing_runs(dir, sweep::run_count(spec)) == 0) {
    streams.out << "every run of the sweep in " << dir.string()
                << " is made: nothing to submit (plansim collect " << dir.string()
                << " summarises it)\n";
    return exit_ok;
  }
  try {
    sweep::write_sweep_record(spec, dir);
  } catch (const io::ConfigError& error) {
    return report_config_error(streams.err, error);
  }
  streams.out << write_slurm_job(spec, fs::absolute(spec.source).lexically_normal().string(), dir,
                                 options);
  if (!values.count("submit")) {
    return exit_ok;
  }
  return submit_slurm_job(dir, values.count("wait") > 0, "plansim slurm", streams).exit_code;
}

} // namespace

Command sweep_command() {
  Command command;
  command.name = "sweep";
  command.synopsis =
      "sweep SWEEP.yaml --out DIR [--shard I/N | --index K] [--jobs N] [--threads N]";
  command.summary =
      "Run a parameter sweep (or one shard of it) into DIR/runs/, resuming where it stopped";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("sweep", po::value<std::string>()->required(), "sweep YAML file")(
        "out,o", po::value<std::string>()->required(),
        "output folder")("shard", po::value<std::string>(), "run shard I of N (I/N, from 0)")(
        "index", po::value<long>(), "run only the run with this index")(
        "jobs", po::value<int>()->default_value(1), "runs at once in this process")(
        "threads,j", po::value<int>(),
        "worker threads in all (default: all cores)")("quiet,q", "no progress output");
    p.add("sweep", 1);
  };
  command.execute = execute_sweep;
  return command;
}

Command collect_command() {
  Command command;
  command.name = "collect";
  command.synopsis = "collect DIR [--metric '{series: S, statistic: T, window: [FROM, TO]}']...";
  command.summary = "Summarise a sweep's runs into DIR/summary.csv and list missing or failed runs";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("dir", po::value<std::string>()->required(), "sweep output folder")(
        "metric", po::value<std::vector<std::string>>(), metric_help);
    p.add("dir", 1);
  };
  command.execute = execute_collect;
  return command;
}

Command analyse_command() {
  Command command;
  command.name = "analyse";
  command.synopsis = "analyse DIR [--metric '{series: S, statistic: T}']...";
  command.summary = "Sensitivity indices of a saltelli or morris sweep into DIR/indices.csv "
                    "(Sobol first-order and total, or Morris mu*, mu, sigma)";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("dir", po::value<std::string>()->required(), "sweep output folder")(
        "metric", po::value<std::vector<std::string>>(), metric_help);
    p.add("dir", 1);
  };
  command.execute = execute_analyse;
  return command;
}

Command slurm_command() {
  Command command;
  command.name = "slurm";
  command.synopsis = "slurm SWEEP.yaml --out DIR [--tasks N] [--partition P] [--time HH:MM:SS] "
                     "[--cpus-per-task C] [--mem M] [--max-parallel K] [--sbatch-arg A]... "
                     "[--setup LINE]... [--signal-lead S] [--max-requeue N] [--only-missing] "
                     "[--submit] [--wait]";
  command.summary = "Write (and optionally submit) a Slurm job array that runs a sweep";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("sweep", po::value<std::string>()->required(), "sweep YAML file")(
        "out,o", po::value<std::string>()->required(), "output folder");
    declare_slurm_options(o);
    o.add_options()("submit", "submit the job with sbatch")(
        "wait", "with --submit: wait for the collect job to end");
    p.add("sweep", 1);
  };
  command.execute = execute_slurm;
  return command;
}

} // namespace plansim::cli
