// The batch commands: sweep (run a sweep or a shard of it), collect (summarise it) and slurm
// (write and submit a job array that runs it on a cluster).

#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/engine/parallel.hpp"
#include "plansim/engine/stop_signal.hpp"
#include "plansim/io/config.hpp"
#include "plansim/sweep/collect.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_runner.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
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
  engine::ThreadLimit limit(values.count("threads") ? values["threads"].as<int>() : 0);
  engine::install_stop_handlers();
  const int jobs = values["jobs"].as<int>();
  const auto style = engine::progress_style_for(false, values.count("quiet") > 0);
  const auto outcome = sweep::run_sweep(spec, dir, indices, jobs, streams.err, style);
  streams.out << "sweep " << spec.source << " -> " << dir.string() << ": " << outcome.selected
              << " runs selected of " << runs << ", " << outcome.completed << " run, "
              << outcome.skipped << " already done, " << outcome.failed << " failed"
              << (outcome.failed ? " (see " + (dir / "failures").string() + ")" : "") << '\n';
  if (outcome.stopped) {
    streams.err << "plansim sweep: stopped by a signal; run it again to resume\n";
    return exit_interrupted;
  }
  return outcome.failed > 0 ? exit_failure : exit_ok;
}

int execute_collect(const po::variables_map& values, Streams streams) {
  const fs::path dir = values["dir"].as<std::string>();
  if (!fs::exists(dir / "sweep.yaml")) {
    streams.err << "plansim collect: " << (dir / "sweep.yaml").string()
                << " not found: is this a sweep folder (plansim sweep --out DIR)?\n";
    return exit_bad_input;
  }
  sweep::CollectReport report;
  try {
    report = sweep::collect(dir);
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
  return report.complete.size() == report.runs ? exit_ok : exit_failure;
}

std::string self_path() {
  std::array<char, 4096> buffer{};
  const auto n = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  return n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : "plansim";
}

// Runs a shell command, returning its exit status and standard output.
std::pair<int, std::string> run_command(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) {
    return {127, ""};
  }
  std::string output;
  std::array<char, 512> buffer{};
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get())) {
    output += buffer.data();
  }
  const int status = pclose(pipe.release());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128, output};
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

void write_script(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add);
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
  try {
    sweep::write_sweep_record(spec, dir);
  } catch (const io::ConfigError& error) {
    return report_config_error(streams.err, error);
  }
  fs::create_directories(dir / "logs");
  const std::size_t runs = sweep::run_count(spec);
  const std::size_t tasks = values.count("tasks")
                                ? static_cast<std::size_t>(values["tasks"].as<int>())
                                : std::min<std::size_t>(runs, 32);
  if (tasks < 1) {
    throw UsageError("--tasks must be at least 1");
  }
  const std::string plansim = self_path();
  const std::string sweep_file = fs::absolute(spec.source).lexically_normal().string();
  std::string header = "#!/bin/bash\n";
  const auto directive = [&](const std::string& line) { header += "#SBATCH " + line + "\n"; };
  if (values.count("partition")) {
    directive("--partition=" + values["partition"].as<std::string>());
  }
  if (values.count("time")) {
    directive("--time=" + values["time"].as<std::string>());
  }
  if (values.count("mem")) {
    directive("--mem=" + values["mem"].as<std::string>());
  }
  const int cpus = values.count("cpus-per-task") ? values["cpus-per-task"].as<int>() : 1;
  std::string array = "--array=0-" + std::to_string(tasks - 1);
  if (values.count("max-parallel")) {
    array += "%" + std::to_string(values["max-parallel"].as<int>());
  }
  const std::string job = header + "#SBATCH --job-name=plansim-sweep\n#SBATCH " + array +
                          "\n#SBATCH --cpus-per-task=" + std::to_string(cpus) +
                          "\n#SBATCH --output=" + (dir / "logs" / "sweep-%A_%a.out").string() +
                          "\n# Task i runs shard i of " + std::to_string(tasks) +
                          " of the sweep; completed runs are skipped, so resubmitting resumes.\n"
                          "exec " +
                          quoted(plansim) + " sweep " + quoted(sweep_file) + " --out " +
                          quoted(dir.string()) + " --shard \"${SLURM_ARRAY_TASK_ID}/" +
                          std::to_string(tasks) + "\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"\n";
  const std::string collect = header + "#SBATCH --job-name=plansim-collect\n#SBATCH --output=" +
                              (dir / "logs" / "collect-%j.out").string() + "\nexec " +
                              quoted(plansim) + " collect " + quoted(dir.string()) + "\n";
  const std::string submit =
      "#!/bin/bash\n# Submits the sweep's job array, then the collect job once it has ended.\n"
      "set -euo pipefail\ncd " +
      quoted(dir.string()) +
      "\narray=$(sbatch --parsable job.sbatch)\n"
      "collect=$(sbatch --parsable --dependency=afterany:${array%%;*} collect.sbatch)\n"
      "echo \"job array ${array%%;*}, collect job ${collect%%;*}\"\n";
  write_script(dir / "job.sbatch", job);
  write_script(dir / "collect.sbatch", collect);
  write_script(dir / "submit.sh", submit);
  streams.out << "wrote " << (dir / "job.sbatch").string() << " (" << runs << " runs in " << tasks
              << " array tasks), " << (dir / "collect.sbatch").string() << " and "
              << (dir / "submit.sh").string() << '\n';
  if (!values.count("submit")) {
    return exit_ok;
  }
  const auto [array_status, array_out] =
      run_command("cd " + quoted(dir.string()) + " && sbatch --parsable job.sbatch 2>&1");
  if (array_status != 0) {
    streams.err << "plansim slurm: sbatch failed: " << array_out;
    return exit_failure;
  }
  const std::string array_id = array_out.substr(0, array_out.find_first_of(";\n"));
  const std::string wait = values.count("wait") ? " --wait" : "";
  streams.out << "submitted job array " << array_id << '\n' << std::flush;
  const auto [collect_status, collect_out] =
      run_command("cd " + quoted(dir.string()) + " && sbatch --parsable" + wait +
                  " --dependency=afterany:" + array_id + " collect.sbatch 2>&1");
  if (values.count("wait")) {
    // sbatch --wait returns the job's exit code; its output is the job id.
    streams.out << "submitted collect job "
                << collect_out.substr(0, collect_out.find_first_of(";\n")) << " (after " << array_id
                << "); it ended with exit code " << collect_status
                << "; summary: " << (dir / "summary.csv").string() << '\n';
    return collect_status == 0 ? exit_ok : exit_failure;
  }
  if (collect_status != 0) {
    streams.err << "plansim slurm: sbatch failed for the collect job: " << collect_out;
    return exit_failure;
  }
  streams.out << "submitted collect job " << collect_out.substr(0, collect_out.find_first_of(";\n"))
              << " (after " << array_id << ")\n";
  return exit_ok;
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
  command.synopsis = "collect DIR";
  command.summary = "Summarise a sweep's runs into DIR/summary.csv and list missing or failed runs";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("dir", po::value<std::string>()->required(), "sweep output folder");
    p.add("dir", 1);
  };
  command.execute = execute_collect;
  return command;
}

Command slurm_command() {
  Command command;
  command.name = "slurm";
  command.synopsis = "slurm SWEEP.yaml --out DIR [--tasks N] [--partition P] [--time HH:MM:SS] "
                     "[--cpus-per-task C] [--mem M] [--max-parallel K] [--submit] [--wait]";
  command.summary = "Write (and optionally submit) a Slurm job array that runs a sweep";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("sweep", po::value<std::string>()->required(), "sweep YAML file")(
        "out,o", po::value<std::string>()->required(),
        "output folder")("tasks", po::value<int>(), "array tasks (shards); default min(runs, 32)")(
        "partition", po::value<std::string>(), "Slurm partition")("time", po::value<std::string>(),
                                                                  "time limit per task, HH:MM:SS")(
        "cpus-per-task", po::value<int>(), "CPUs per task (threads per shard)")(
        "mem", po::value<std::string>(), "memory per task, e.g. 4G")(
        "max-parallel", po::value<int>(), "at most this many array tasks at once (%K)")(
        "submit", "submit the job with sbatch")("wait",
                                                "with --submit: wait for the collect job to end");
    p.add("sweep", 1);
  };
  command.execute = execute_slurm;
  return command;
}

} // namespace plansim::cli
