#pragma once

#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace plansim::cli {

/// How a sweep's Slurm job array is to be scheduled.
struct SlurmOptions {
  std::optional<std::string> partition, time, mem;
  int cpus_per_task = 1;
  std::optional<int> max_parallel;
  std::optional<int> tasks;             ///< array tasks; default min(runs, 32), at most runs
  std::vector<std::string> sbatch_args; ///< extra #SBATCH lines ("--account=proj")
  std::vector<std::string> setup;       ///< shell lines before plansim ("module load hdf5")
  int signal_lead = 120;                ///< seconds before the time limit that Slurm sends SIGTERM
  int max_requeue = 3;                  ///< times a task stopped at its limit is requeued to resume
  bool only_missing = false;            ///< submit only the shards that still have runs to make
};

/// Declares --partition, --time, --cpus-per-task, --mem, --max-parallel, --tasks,
/// --sbatch-arg, --setup, --signal-lead, --max-requeue and --only-missing.
void declare_slurm_options(boost::program_options::options_description& options);
SlurmOptions slurm_options(const boost::program_options::variables_map& values);

/// Throws UsageError when the folder `dir` cannot go into a Slurm script (a control character
/// in its path); called before anything is written there.
void check_slurm_folder(const std::filesystem::path& dir);

/// Writes DIR/job.sbatch (the array; task i runs shard i of the sweep file `sweep_file`),
/// DIR/collect.sbatch and DIR/submit.sh, every value quoted; returns a line saying what it
/// wrote. A task gets SIGTERM `signal_lead` seconds before its time limit, stops cleanly
/// (finished runs are kept) and requeues itself up to `max_requeue` times to resume. With
/// `only_missing`, the array holds only the shards with a run whose file is not in DIR/runs.
/// Throws UsageError for a path with a control character.
std::string write_slurm_job(const sweep::SweepSpec& spec, const std::string& sweep_file,
                            const std::filesystem::path& dir, const SlurmOptions& options);

/// How many of the `runs` runs of the sweep in `dir` have no file under DIR/runs yet.
std::size_t missing_runs(const std::filesystem::path& dir, std::size_t runs);

/// What submitting a sweep's jobs came to.
struct SlurmSubmission {
  bool submitted = false;  ///< both jobs were accepted (false: sbatch refused, said on err)
  int exit_code = exit_ok; ///< exit_failure when sbatch failed or the waited-for collect job
                           ///< did (it fails when any run failed)
};

/// Submits DIR/job.sbatch and then DIR/collect.sbatch after it; with `wait`, returns only when
/// the collect job has ended.
SlurmSubmission submit_slurm_job(const std::filesystem::path& dir, bool wait,
                                 const std::string& command, Streams streams);

} // namespace plansim::cli
