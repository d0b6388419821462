#pragma once

#include "plansim/engine/progress.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/sweep_spec.hpp"

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <vector>

namespace plansim::sweep {

/// What a sweep (or a shard of it) did.
struct SweepOutcome {
  std::size_t selected = 0;  ///< runs asked for
  std::size_t completed = 0; ///< run now
  std::size_t skipped = 0;   ///< already complete
  std::size_t failed = 0;    ///< recorded in failures/INDEX.txt
  std::size_t busy = 0;      ///< being written by another process (left to it)
  bool stopped = false;      ///< SIGINT/SIGTERM arrived
};

/// Writes DIR/sweep.yaml: the resolved sweep (loadable with load_sweep) and its run list.
/// Throws io::ConfigError when DIR already holds a different sweep.
void write_sweep_record(const SweepSpec& spec, const std::filesystem::path& dir);

/// Runs the given run indices into DIR/runs/INDEX.h5, `jobs` at a time. Runs already complete
/// are skipped; partial or damaged files are redone, except those another process is writing
/// (a second copy of the sweep), which are left to it. A run that fails is recorded in
/// DIR/failures/INDEX.txt with its error, and the others go on. Progress goes to `log`.
SweepOutcome run_sweep(const SweepSpec& spec, const std::filesystem::path& dir,
                       const std::vector<std::size_t>& indices, int jobs, std::ostream& log,
                       engine::ProgressStyle style);

/// DIR/runs/INDEX.h5, DIR/failures/INDEX.txt.
/// The overrides of run `point` on top of the base scenario: `common` (the sweep's `set`), the
/// point's values, and its seed last, so that nothing else can set it.
std::vector<std::string> run_overrides(const std::vector<std::string>& common,
                                       const RunPoint& point);

std::filesystem::path run_file(const std::filesystem::path& dir, std::size_t index);
std::filesystem::path failure_file(const std::filesystem::path& dir, std::size_t index);

} // namespace plansim::sweep
