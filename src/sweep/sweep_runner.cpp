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

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <ostream>
#include <sstream>
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
  for (std::size_t i = 0; i < run_count(spec); ++i) {
    const auto point = run_point(spec, i);
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

// Whether a run file is complete. Read in a child process, since a damaged file can crash the
// HDF5 library; so this runs before any worker thread starts (forking a process whose other
// threads may hold HDF5's or the allocator's locks is not safe).
bool complete(const fs::path& file) {
  if (!fs::exists(file)) {
    return false;
  }
  try {
    io::read_isolated(file.string(), [&] {
      io::read_run_summary(file.string());
      return std::string();
    });
    return true;
  } catch (const io::RunFileError&) {
    return false;
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

SweepOutcome run_sweep(const SweepSpec& spec, const fs::path& dir,
                       const std::vector<std::size_t>& indices, int jobs, std::ostream& log,
                       engine::ProgressStyle style) {
  SweepOutcome outcome;
  outcome.selected = indices.size();
  std::mutex mutex; // guards outcome and log
  std::atomic<std::size_t> next{0};
  const auto started = std::chrono::steady_clock::now();

  auto last_report = started;
  std::size_t last_twentieth = 0;
  // A line at every twentieth of the sweep, every ten seconds, and at the end.
  const auto report = [&] {
    if (style == engine::ProgressStyle::quiet) {
      return;
    }
    const std::size_t done = outcome.completed + outcome.skipped + outcome.failed + outcome.busy;
    const auto now = std::chrono::steady_clock::now();
    const std::size_t twentieth = 20 * done / std::max<std::size_t>(indices.size(), 1);
    if (done != indices.size() && twentieth == last_twentieth &&
        now - last_report < std::chrono::seconds(10)) {
      return;
    }
    last_report = now;
    last_twentieth = twentieth;
    const double elapsed = std::chrono::duration<double>(now - started).count();
    const double ran = static_cast<double>(outcome.completed + outcome.failed);
    const double left = ran > 0 ? elapsed / ran * static_cast<double>(indices.size() - done) : 0;
    log << "sweep: " << done << "/" << indices.size() << " runs (" << outcome.skipped
        << " already done, " << outcome.failed << " failed)  elapsed "
        << engine::Progress::format_duration(elapsed) << "  ETA "
        << engine::Progress::format_duration(left) << '\n'
        << std::flush;
  };

  std::vector<bool> already_done(indices.size());
  for (std::size_t k = 0; k < indices.size(); ++k) {
    already_done[k] = complete(run_file(dir, indices[k]));
  }
  const auto common_overrides = overrides_of(spec.set);
  const auto work = [&] {
    std::ostringstream quiet_progress;
    while (!engine::stop_requested()) {
      const std::size_t k = next.fetch_add(1);
      if (k >= indices.size()) {
        return;
      }
      const std::size_t index = indices[k];
      const fs::path file = run_file(dir, index);
      if (already_done[k]) {
        std::lock_guard lock(mutex);
        ++outcome.skipped;
        report();
        continue;
      }
      std::error_code ignored;
      fs::remove(file, ignored); // a damaged file is redone
      const auto point = run_point(spec, index);
      std::exception_ptr failure;
      bool stopped = false, busy = false;
      try {
        auto overrides = common_overrides;
        for (const auto& [path, value] : point.values) {
          overrides.push_back(path + "=" + value);
        }
        overrides.push_back("run.seed=" + std::to_string(point.seed));
        const auto config = io::load_scenario(spec.base, overrides);
        const auto run =
            io::run_scenario(config, file.string(), quiet_progress, engine::ProgressStyle::quiet);
        stopped = run.status == engine::RunStatus::stopped;
      } catch (const io::OutputBusy&) {
        busy = true; // a second copy of the sweep: the run is the other process's to finish
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard lock(mutex);
      if (stopped) {
        outcome.stopped = true;
        return;
      }
      if (busy) {
        ++outcome.busy;
      } else if (failure) {
        ++outcome.failed;
        io::write_text_atomically(failure_file(dir, index),
                                  "run " + std::to_string(index) + " (seed " +
                                      std::to_string(point.seed) + ") failed:\n" +
                                      describe_failure(failure) + "\n");
      } else {
        ++outcome.completed;
        fs::remove(failure_file(dir, index), ignored);
      }
      report();
    }
  };

  std::vector<std::thread> workers;
  for (int j = 1; j < std::max(jobs, 1); ++j) {
    workers.emplace_back(work);
  }
  work();
  for (auto& worker : workers) {
    worker.join();
  }
  outcome.stopped = outcome.stopped || engine::stop_requested();
  return outcome;
}

} // namespace plansim::sweep
