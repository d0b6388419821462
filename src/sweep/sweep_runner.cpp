#include "plansim/sweep/sweep_runner.hpp"

#include "plansim/engine/metrics.hpp"
#include "plansim/engine/stop_signal.hpp"
#include "plansim/io/config.hpp"
#include "plansim/io/hdf5.hpp"
#include "plansim/io/isolated_read.hpp"
#include "plansim/io/run_file_reader.hpp"
#include "plansim/io/scenario_run.hpp"
#include "plansim/io/text_file.hpp"
#include "plansim/sweep/design.hpp"
#include "plansim/sweep/point_check.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace plansim::sweep {

namespace fs = std::filesystem;

fs::path run_file(const fs::path& dir, std::size_t index) {
  return dir / "runs" / (std::to_string(index) + ".h5");
}

fs::path failure_file(const fs::path& dir, std::size_t index) {
  return dir / "failures" / (std::to_string(index) + ".txt");
}

namespace {

// A fingerprint of the base scenario as the runs see it (resolved, with `set` applied), so a
// folder whose base file has changed since its runs were made is not resumed as the same sweep.
// FNV-1a, 64 bits: stable across platforms and versions, unlike std::hash.
std::string base_fingerprint(const SweepSpec& spec) {
  const auto overrides = overrides_of(spec.set);
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : io::load_scenario(spec.base, overrides).to_yaml()) {
    hash = (hash ^ c) * 1099511628211ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::string record_text(const SweepSpec& spec) {
  YAML::Emitter out;
  out << YAML::Comment("Written by plansim sweep: the resolved sweep and its runs. "
                       "plansim collect reads it.");
  out << YAML::BeginMap;
  out << YAML::Key << "base" << YAML::Value << fs::absolute(spec.base).lexically_normal().string();
  out << YAML::Key << "base_fingerprint" << YAML::Value << base_fingerprint(spec);
  out << YAML::Key << "set" << YAML::Value << YAML::BeginMap;
  for (const auto& [path, value] : spec.set) {
    out << YAML::Key << path << YAML::Value << value;
  }
  out << YAML::EndMap;
  out << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
  for (const auto& axis : spec.axes) {
    out << YAML::Key << axis.path << YAML::Value << YAML::BeginMap;
    if (!axis.values.empty()) {
      out << YAML::Key << "values" << YAML::Value << YAML::Flow << axis.values;
    } else {
      out << YAML::Key << "range" << YAML::Value << YAML::Flow << YAML::BeginSeq << axis.low
          << axis.high << YAML::EndSeq;
      if (axis.samples > 0) {
        out << YAML::Key << "samples" << YAML::Value << axis.samples;
      }
      out << YAML::Key << "log" << YAML::Value << (axis.log ? "true" : "false");
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  out << YAML::Key << "design" << YAML::Value << to_string(spec.design);
  if (spec.samples > 0) {
    out << YAML::Key << "samples" << YAML::Value << spec.samples;
  }
  out << YAML::Key << "replicates" << YAML::Value << spec.replicates;
  out << YAML::Key << "seed" << YAML::Value << spec.seed;
  if (spec.design == Design::morris) {
    out << YAML::Key << "levels" << YAML::Value << spec.levels;
  }
  if (spec.paired > 0) {
    out << YAML::Key << "paired" << YAML::Value << spec.paired;
  }
  out << YAML::Key << "metrics" << YAML::Value << YAML::BeginSeq;
  for (const auto& m : spec.metrics) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "series" << YAML::Value << m.series;
    if (!m.column.empty()) {
      out << YAML::Key << "column" << YAML::Value << m.column;
    }
    out << YAML::Key << "statistic" << YAML::Value << m.statistic;
    if (m.from) {
      out << YAML::Key << "window" << YAML::Value << YAML::Flow << YAML::BeginSeq
          << m.from->to_string() << m.to->to_string() << YAML::EndSeq;
    }
    out << YAML::Key << "name" << YAML::Value << m.label() << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "runs" << YAML::Value << YAML::BeginSeq;
  const RunList runs(spec);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto point = runs.at(i);
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "index" << YAML::Value << i << YAML::Key
        << "seed" << YAML::Value << point.seed << YAML::Key << "replicate" << YAML::Value
        << point.replicate << YAML::Key << "values" << YAML::Value << YAML::BeginMap;
    for (const auto& [path, value] : point.values) {
      out << YAML::Key << path << YAML::Value << value;
    }
    out << YAML::EndMap << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

// What a complete run file says about its run: its seed and resolved scenario, as text
// ("SEED\nCONFIG"), or nothing when it is missing, partial or damaged. Read in a child process,
// since a damaged file can crash the HDF5 library; so this runs before any worker thread
// starts (forking a process whose other threads may hold HDF5's or the allocator's locks is
// not safe).
std::optional<std::string> made_run(const fs::path& file) {
  if (!fs::exists(file)) {
    return std::nullopt;
  }
  try {
    return io::read_isolated(file.string(), [&] {
      const auto summary = io::read_run_summary(file.string());
      return std::to_string(summary.seed) + "\n" + summary.config;
    });
  } catch (const io::RunFileError&) {
    return std::nullopt;
  }
}

std::string describe_failure(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const io::ConfigError& error) {
    return std::string("invalid parameters:\n") + error.what();
  } catch (const engine::MetricError& error) {
    return std::string("the run failed: ") + error.what();
  } catch (const std::exception& error) {
    return error.what();
  }
}

} // namespace

void write_sweep_record(const SweepSpec& spec, const fs::path& dir) {
  fs::create_directories(dir / "runs");
  fs::create_directories(dir / "failures");
  const std::string text = record_text(spec);
  const fs::path record = dir / "sweep.yaml";
  if (fs::exists(record)) {
    std::ifstream in(record);
    std::stringstream existing;
    existing << in.rdbuf();
    if (existing.str() != text) {
      throw io::ConfigError({io::Diagnostic{
          io::SourcePlace{record.string(), 0, 0},
          "this folder holds another sweep (its sweep.yaml differs); use a new --out folder"}});
    }
    return;
  }
  io::write_text_atomically(record, text);
}

namespace {

// The runs of one call of run_sweep, taken one at a time by `jobs` threads. Everything a
// thread does is caught: an exception escaping a running thread would end the process.
class Runner {
public:
  Runner(const SweepSpec& spec, const fs::path& dir, const std::vector<std::size_t>& indices,
         std::ostream& log, engine::ProgressStyle style)
      : spec_(spec), runs_(spec), dir_(dir), indices_(indices), log_(log), style_(style),
        common_overrides_(overrides_of(spec.set)), started_(std::chrono::steady_clock::now()),
        last_report_(started_) {
    outcome_.selected = indices.size();
    already_done_.resize(indices.size());
    for (std::size_t k = 0; k < indices.size(); ++k) {
      already_done_[k] = made_as_listed(indices[k]);
    }
  }

  SweepOutcome run(int jobs) {
    {
      // jthreads join when they go out of scope, also when an exception leaves this block.
      std::vector<std::jthread> workers = start_workers(std::max(jobs, 1) - 1);
      take_runs();
    }
    if (escaped_) {
      std::rethrow_exception(escaped_);
    }
    outcome_.stopped = outcome_.stopped || engine::stop_requested();
    return outcome_;
  }

private:
  // Whether the run's file is complete and was made with the run's seed and parameters: a
  // folder that lost its record may hold another sweep's runs. Another file is made again.
  bool made_as_listed(std::size_t index) {
    const fs::path file = run_file(dir_, index);
    const auto made = made_run(file);
    if (!made) {
      return false;
    }
    const auto point = runs_.at(index);
    std::string expected;
    try {
      expected = std::to_string(point.seed) + "\n" +
                 io::load_scenario(spec_.base, run_overrides(common_overrides_, point)).to_yaml();
    } catch (const io::ConfigError&) {
      return false; // the run fails again, with its reasons recorded
    }
    if (*made == expected) {
      return true;
    }
    log_ << "sweep: " << file.string()
         << " was made with other parameters or another seed: it is made again\n";
    return false;
  }

  // As many threads as can be had, up to `count`: a memory or process limit may refuse some,
  // and the sweep goes on with the others (this thread is one of them).
  std::vector<std::jthread> start_workers(int count) {
    std::vector<std::jthread> workers;
    workers.reserve(static_cast<std::size_t>(count)); // growing it could fail with threads running
    for (int j = 0; j < count; ++j) {
      try {
        workers.emplace_back([this] { take_runs(); });
      } catch (const std::system_error& error) {
        std::lock_guard lock(mutex_);
        log_ << "sweep: started " << workers.size() + 1 << " of " << count + 1
             << " jobs: " << error.what() << '\n'
             << std::flush;
        break;
      }
    }
    return workers;
  }

  // Takes runs until none is left, a stop is requested or another thread has failed; what
  // fails here beyond a run's own failure is kept for run() to throw once every thread ended.
  void take_runs() noexcept {
    try {
      while (!engine::stop_requested() && !abandoned_.load()) {
        const std::size_t k = next_.fetch_add(1);
        if (k >= indices_.size() || !do_run(k)) {
          return;
        }
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!escaped_) {
        escaped_ = std::current_exception();
      }
      abandoned_.store(true);
    }
  }

  // Does run k of the selection; false when it was stopped by a signal.
  bool do_run(std::size_t k) {
    const std::size_t index = indices_[k];
    if (already_done_[k]) {
      std::lock_guard lock(mutex_);
      ++outcome_.skipped;
      report();
      return true;
    }
    const fs::path file = run_file(dir_, index);
    std::error_code ignored;
    fs::remove(file, ignored); // a damaged file is redone
    const auto point = runs_.at(index);
    std::exception_ptr failure;
    bool stopped = false, busy = false;
    try {
      const auto config = io::load_scenario(spec_.base, run_overrides(common_overrides_, point));
      warn_once(config);
      std::ostringstream quiet_progress;
      const auto run =
          io::run_scenario(config, file.string(), quiet_progress, engine::ProgressStyle::quiet);
      stopped = run.status == engine::RunStatus::stopped;
    } catch (const io::OutputBusy&) {
      busy = true; // a second copy of the sweep: the run is the other process's to finish
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    if (stopped) {
      outcome_.stopped = true;
      return false;
    }
    if (busy) {
      ++outcome_.busy;
    } else if (failure) {
      ++outcome_.failed;
      record_failure(point, failure);
    } else {
      ++outcome_.completed;
      fs::remove(failure_file(dir_, index), ignored);
    }
    report();
    return true;
  }

  // A run's scenario warnings, each kind once a sweep: runs that differ only by a value would
  // repeat it. The run file records its own.
  void warn_once(const io::Config& config) {
    std::lock_guard lock(mutex_);
    for (const auto& warning : config.warnings()) {
      if (warned_.insert(warning_kind(warning)).second) {
        log_ << "sweep: warning: " << warning.to_string() << " (said once; run files record it)\n";
      }
    }
  }

  // failures/INDEX.txt; a record that cannot be written (a full disk) is said on the log
  // instead, and the sweep goes on. Called with the mutex held.
  void record_failure(const RunPoint& point, const std::exception_ptr& failure) {
    const std::string what = "run " + std::to_string(point.index) + " (seed " +
                             std::to_string(point.seed) + ") failed:\n" +
                             describe_failure(failure) + "\n";
    try {
      io::write_text_atomically(failure_file(dir_, point.index), what);
    } catch (const std::exception& error) {
      log_ << "sweep: run " << point.index << " failed and its failure record could not be "
           << "written (" << error.what() << "): " << what << std::flush;
    }
  }

  // A line at every twentieth of the sweep, every ten seconds, and at the end. Called with the
  // mutex held.
  void report() {
    if (style_ == engine::ProgressStyle::quiet) {
      return;
    }
    const std::size_t total = indices_.size();
    const std::size_t done =
        outcome_.completed + outcome_.skipped + outcome_.failed + outcome_.busy;
    const auto now = std::chrono::steady_clock::now();
    const std::size_t twentieth = 20 * done / std::max<std::size_t>(total, 1);
    if (done != total && twentieth == last_twentieth_ &&
        now - last_report_ < std::chrono::seconds(10)) {
      return;
    }
    last_report_ = now;
    last_twentieth_ = twentieth;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const double ran = static_cast<double>(outcome_.completed + outcome_.failed);
    const double left = ran > 0 ? elapsed / ran * static_cast<double>(total - done) : 0;
    log_ << "sweep: " << done << "/" << total << " runs (" << outcome_.skipped << " already done, "
         << outcome_.failed << " failed)  elapsed " << engine::Progress::format_duration(elapsed)
         << "  ETA " << engine::Progress::format_duration(left) << '\n'
         << std::flush;
  }

  const SweepSpec& spec_;
  const RunList runs_;
  const fs::path& dir_;
  const std::vector<std::size_t>& indices_;
  std::ostream& log_;
  const engine::ProgressStyle style_;
  const std::vector<std::string> common_overrides_;
  std::set<std::string> warned_; // kinds of scenario warnings already said
  const std::chrono::steady_clock::time_point started_;
  std::vector<bool> already_done_; // written before the threads start, only read after

  std::atomic<std::size_t> next_{0};
  std::atomic<bool> abandoned_{false};
  std::mutex mutex_; // guards everything below and the log
  SweepOutcome outcome_;
  std::exception_ptr escaped_;
  std::chrono::steady_clock::time_point last_report_;
  std::size_t last_twentieth_ = 0;
};

} // namespace

SweepOutcome run_sweep(const SweepSpec& spec, const fs::path& dir,
                       const std::vector<std::size_t>& indices, int jobs, std::ostream& log,
                       engine::ProgressStyle style) {
  return Runner(spec, dir, indices, log, style).run(jobs);
}

std::vector<std::string> run_overrides(const std::vector<std::string>& common,
                                       const RunPoint& point) {
  auto overrides = common;
  for (const auto& [path, value] : point.values) {
    overrides.push_back(path + "=" + value);
  }
  overrides.push_back("run.seed=" + std::to_string(point.seed));
  return overrides;
}

} // namespace plansim::sweep
