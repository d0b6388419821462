#include "plansim/cli/slurm_job.hpp"

#include "plansim/cli/exit_codes.hpp"
#include "plansim/io/text_file.hpp"
#include "plansim/sweep/design.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <ostream>
#include <sys/wait.h>
#include <unistd.h>

namespace plansim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

std::string self_path() {
  std::array<char, 4096> buffer{};
  const auto n = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  return n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : "plansim";
}

// Runs a shell command, returning its exit status and standard output.
std::pair<int, std::string> run_shell(const std::string& command) {
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

// Every text that goes into a script is checked here: a newline or another control character
// would end a #SBATCH line or a shell line, and what follows it would be run.
void refuse_control_characters(const std::string& what, const std::string& text) {
  if (std::any_of(text.begin(), text.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    throw UsageError(what + " holds a control character (a newline?), which cannot go into a "
                            "Slurm script");
  }
}

// A shell word: single quotes, each ' written as '\''.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// A #SBATCH line: sbatch reads its value up to white space, or between double quotes, and has
// no escape for a quote inside them.
std::string directive(const std::string& what, const std::string& option,
                      const std::string& value) {
  refuse_control_characters(what, value);
  if (value.find_first_of("\"\\") != std::string::npos) {
    throw UsageError(what + " cannot hold \" or \\ (a #SBATCH line cannot quote them)");
  }
  return "#SBATCH " + option + "=\"" + value + "\"\n";
}

// An extra #SBATCH line from --sbatch-arg: "--account=proj" or a flag such as "--exclusive".
std::string sbatch_line(const std::string& arg) {
  if (!arg.starts_with("--") || arg.size() < 3) {
    throw UsageError("--sbatch-arg wants an sbatch option such as --account=proj, got '" + arg +
                     "'");
  }
  const auto equals = arg.find('=');
  if (equals == std::string::npos) {
    refuse_control_characters("--sbatch-arg", arg);
    if (arg.find_first_of(" \t\"\\") != std::string::npos) {
      throw UsageError("--sbatch-arg '" + arg + "' holds a space or a quote");
    }
    return "#SBATCH " + arg + "\n";
  }
  return directive("--sbatch-arg", arg.substr(0, equals), arg.substr(equals + 1));
}

// Complete run files are only ever under their final names: a run without one is still to make.
bool run_missing(const fs::path& dir, std::size_t index) {
  return !fs::exists(dir / "runs" / (std::to_string(index) + ".h5"));
}

// The shards (of `tasks`) that hold a run still to make: a resubmission needs only those.
std::vector<std::size_t> shards_with_missing_runs(const fs::path& dir, std::size_t runs,
                                                  std::size_t tasks) {
  std::vector<std::size_t> shards;
  for (std::size_t shard = 0; shard < tasks; ++shard) {
    for (std::size_t index = shard; index < runs; index += tasks) {
      if (run_missing(dir, index)) {
        shards.push_back(shard);
        break;
      }
    }
  }
  return shards;
}

// The array's index list: "0-31", or "3,7,12" for the shards to resubmit.
std::string array_indices(const std::vector<std::size_t>& shards, std::size_t tasks) {
  if (shards.size() == tasks) {
    return "0-" + std::to_string(tasks - 1);
  }
  std::string list;
  for (const auto shard : shards) {
    list += (list.empty() ? "" : ",") + std::to_string(shard);
  }
  return list;
}

// The task's command, run as a child so that the batch shell can pass on Slurm's SIGTERM
// (sent `signal_lead` seconds before the time limit, to the shell: --signal=B:...): plansim
// then stops cleanly (exit code 3) and the task requeues itself, so the sweep resumes where it
// stopped. Requeues are capped by SLURM_RESTART_COUNT.
std::string stoppable(const std::string& command, int max_requeue) {
  return "trap 'kill -TERM \"$child\" 2>/dev/null' TERM\n" + command +
         " &\nchild=$!\n"
         "status=0\n"
         "wait \"$child\" || status=$?\n"
         "while [ \"$status\" -gt 128 ]; do # the trap cut wait short: wait for plansim's status\n"
         "  status=0\n  wait \"$child\" || status=$?\n"
         "done\n"
         "if [ \"$status\" -eq 3 ] && [ \"${SLURM_RESTART_COUNT:-0}\" -lt " +
         std::to_string(max_requeue) +
         " ]; then\n"
         "  echo \"plansim stopped at the time limit: requeueing to resume\"\n"
         "  scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n"
         "fi\n"
         "exit \"$status\"\n";
}

} // namespace

void declare_slurm_options(po::options_description& o) {
  o.add_options()("tasks", po::value<int>(), "array tasks (shards); default min(runs, 32)")(
      "partition", po::value<std::string>(), "Slurm partition")("time", po::value<std::string>(),
                                                                "time limit per task, HH:MM:SS")(
      "cpus-per-task", po::value<int>(), "CPUs per task (threads per shard)")(
      "mem", po::value<std::string>(), "memory per task, e.g. 4G")(
      "max-parallel", po::value<int>(), "at most this many array tasks at once (%K)")(
      "sbatch-arg", po::value<std::vector<std::string>>(),
      "an extra #SBATCH line, e.g. --sbatch-arg=--account=proj (repeatable)")(
      "setup", po::value<std::vector<std::string>>(),
      "a shell line run before plansim in each job, e.g. 'module load hdf5' (repeatable)")(
      "signal-lead", po::value<int>(),
      "seconds before the time limit a task is told to stop (default 120)")(
      "max-requeue", po::value<int>(),
      "times a task stopped at its time limit requeues itself to resume (default 3)")(
      "only-missing", "submit only the shards that still have runs to make");
}

SlurmOptions slurm_options(const po::variables_map& values) {
  SlurmOptions options;
  const auto text = [&](const char* name) {
    return values.count(name) ? std::optional(values[name].as<std::string>()) : std::nullopt;
  };
  options.partition = text("partition");
  options.time = text("time");
  options.mem = text("mem");
  for (const auto& [name, value] :
       {std::pair{"--partition", options.partition}, std::pair{"--time", options.time},
        std::pair{"--mem", options.mem}}) {
    if (value) {
      directive(name, "", *value); // refused now, before anything is written
    }
  }
  options.cpus_per_task = option_at_least(values, "cpus-per-task", 1).value_or(1);
  options.max_parallel = option_at_least(values, "max-parallel", 1);
  options.tasks = option_at_least(values, "tasks", 1);
  const auto list = [&](const char* name) {
    return values.count(name) ? values[name].as<std::vector<std::string>>()
                              : std::vector<std::string>{};
  };
  options.sbatch_args = list("sbatch-arg");
  for (const auto& arg : options.sbatch_args) {
    sbatch_line(arg); // refused now, before anything is written
  }
  options.setup = list("setup");
  for (const auto& line : options.setup) {
    refuse_control_characters("--setup", line);
  }
  options.signal_lead = option_at_least(values, "signal-lead", 1).value_or(120);
  options.max_requeue = option_at_least(values, "max-requeue", 0).value_or(3);
  options.only_missing = values.count("only-missing") > 0;
  return options;
}

void check_slurm_folder(const fs::path& dir) {
  refuse_control_characters("the output folder's path", dir.string());
}

std::string write_slurm_job(const sweep::SweepSpec& spec, const std::string& sweep_file,
                            const fs::path& dir, const SlurmOptions& options) {
  const std::string plansim = self_path();
  refuse_control_characters("the path of plansim", plansim);
  refuse_control_characters("the sweep file's path", sweep_file);
  check_slurm_folder(dir);
  const std::size_t runs = sweep::run_count(spec);
  const std::size_t tasks =
      std::min<std::size_t>(options.tasks ? static_cast<std::size_t>(*options.tasks) : 32, runs);
  std::string header = "#!/bin/bash\n";
  if (options.partition) {
    header += directive("--partition", "--partition", *options.partition);
  }
  if (options.time) {
    header += directive("--time", "--time", *options.time);
  }
  if (options.mem) {
    header += directive("--mem", "--mem", *options.mem);
  }
  for (const auto& arg : options.sbatch_args) {
    header += sbatch_line(arg);
  }
  std::string setup;
  for (const auto& line : options.setup) {
    refuse_control_characters("--setup", line);
    setup += line + "\n";
  }
  const auto shards = options.only_missing ? shards_with_missing_runs(dir, runs, tasks)
                                           : sweep::shard_indices(tasks, 0, 1);
  if (shards.empty()) {
    throw UsageError("every run of the sweep is made: no shard to submit");
  }
  std::string array = array_indices(shards, tasks);
  if (options.max_parallel) {
    array += "%" + std::to_string(*options.max_parallel);
  }
  const auto logs = [&](const char* name) {
    return directive("the output folder's path", "--output", (dir / "logs" / name).string());
  };
  const std::string job =
      header + directive("the job name", "--job-name", "plansim-sweep") +
      directive("--tasks", "--array", array) +
      directive("--cpus-per-task", "--cpus-per-task", std::to_string(options.cpus_per_task)) +
      directive("--signal-lead", "--signal", "B:TERM@" + std::to_string(options.signal_lead)) +
      "#SBATCH --requeue\n" + logs("sweep-%A_%a.out") + "# Task i runs shard i of " +
      std::to_string(tasks) +
      " of the sweep; completed runs are skipped, so resubmitting resumes.\n" + setup +
      stoppable(quoted(plansim) + " sweep " + quoted(sweep_file) + " --out " +
                    quoted(dir.string()) + " --shard \"${SLURM_ARRAY_TASK_ID}/" +
                    std::to_string(tasks) + "\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"",
                options.max_requeue);
  const std::string collect = header + directive("the job name", "--job-name", "plansim-collect") +
                              logs("collect-%j.out") + setup + "exec " + quoted(plansim) +
                              " collect " + quoted(dir.string()) + "\n";
  const std::string submit =
      "#!/bin/bash\n# Submits the sweep's job array, then the collect job once it has ended.\n"
      "set -euo pipefail\ncd " +
      quoted(dir.string()) +
      "\narray=$(sbatch --parsable job.sbatch)\n"
      "collect=$(sbatch --parsable --dependency=afterany:${array%%;*} collect.sbatch)\n"
      "echo \"job array ${array%%;*}, collect job ${collect%%;*}\"\n";
  fs::create_directories(dir / "logs");
  io::write_text_atomically(dir / "job.sbatch", job, io::FileMode::executable);
  io::write_text_atomically(dir / "collect.sbatch", collect, io::FileMode::executable);
  io::write_text_atomically(dir / "submit.sh", submit, io::FileMode::executable);
  const std::string capped =
      options.tasks && static_cast<std::size_t>(*options.tasks) > runs
          ? " (--tasks " + std::to_string(*options.tasks) + " capped at the number of runs)"
          : "";
  const std::string which = options.only_missing ? ", " + std::to_string(shards.size()) +
                                                       " of them with runs still to make"
                                                 : "";
  return "wrote " + (dir / "job.sbatch").string() + " (" + std::to_string(runs) + " runs in " +
         std::to_string(tasks) + " array tasks" + capped + which + "), " +
         (dir / "collect.sbatch").string() + " and " + (dir / "submit.sh").string() + "\n";
}

std::size_t missing_runs(const fs::path& dir, std::size_t runs) {
  std::size_t missing = 0;
  for (std::size_t index = 0; index < runs; ++index) {
    missing += run_missing(dir, index) ? 1 : 0;
  }
  return missing;
}

SlurmSubmission submit_slurm_job(const fs::path& dir, bool wait, const std::string& command,
                                 Streams streams) {
  const auto [array_status, array_out] =
      run_shell("cd " + quoted(dir.string()) + " && sbatch --parsable job.sbatch 2>&1");
  if (array_status != 0) {
    streams.err << command << ": sbatch failed: " << array_out;
    return {false, exit_failure};
  }
  const std::string array_id = array_out.substr(0, array_out.find_first_of(";\n"));
  streams.out << "submitted job array " << array_id << '\n' << std::flush;
  const auto [collect_status, collect_out] =
      run_shell("cd " + quoted(dir.string()) + " && sbatch --parsable" + (wait ? " --wait" : "") +
                " --dependency=afterany:" + array_id + " collect.sbatch 2>&1");
  const std::string collect_id = collect_out.substr(0, collect_out.find_first_of(";\n"));
  if (wait) {
    // sbatch --wait returns the job's exit code; its output is the job id.
    streams.out << "submitted collect job " << collect_id << " (after " << array_id
                << "); it ended with exit code " << collect_status
                << "; summary: " << (dir / "summary.csv").string() << '\n';
    return {true, collect_status == 0 ? exit_ok : exit_failure};
  }
  if (collect_status != 0) {
    streams.err << command << ": sbatch failed for the collect job: " << collect_out;
    return {false, exit_failure};
  }
  streams.out << "submitted collect job " << collect_id << " (after " << array_id << ")\n";
  return {true, exit_ok};
}

} // namespace plansim::cli
