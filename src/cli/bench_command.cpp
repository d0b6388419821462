#include "plansim/cli/bench_bounds.hpp"
#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/cli/lp_bench.hpp"
#include "plansim/engine/memory_usage.hpp"
#include "plansim/engine/parallel.hpp"
#include "plansim/engine/stop_signal.hpp"
#include "plansim/engine/synthetic_workload.hpp"
#include "plansim/io/recorded_run.hpp"
#include "plansim/io/run_file_writer.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace plansim::cli {

namespace po = boost::program_options;
using engine::SyntheticParams;
using engine::SyntheticWorkload;

namespace {

struct Measurement {
  int threads = 1;
  double seconds = 0.0;
  std::vector<engine::PhaseTiming> phases;
  std::vector<engine::Frame> frames;
  std::size_t peak_bytes = 0;
};

std::vector<int> parse_thread_list(const std::string& text) {
  std::vector<int> threads;
  std::stringstream stream(text);
  std::string item;
  const int all = static_cast<int>(std::thread::hardware_concurrency());
  while (std::getline(stream, item, ',')) {
    if (item == "max" || item == "all") {
      threads.push_back(all > 0 ? all : 1);
      continue;
    }
    try {
      std::size_t used = 0;
      const int n = std::stoi(item, &used);
      if (used != item.size() || n < 1) {
        throw std::invalid_argument(item);
      }
      threads.push_back(n);
    } catch (const std::exception&) {
      throw UsageError("--threads wants a comma-separated list of positive counts or 'max', got '" +
                       text + "'");
    }
  }
  if (threads.empty()) {
    throw UsageError("--threads is empty");
  }
  return threads;
}

Measurement measure(const SyntheticParams& params, int threads) {
  engine::ThreadLimit limit(threads);
  Measurement m;
  m.threads = threads;
  SyntheticWorkload workload(params);
  const auto started = std::chrono::steady_clock::now();
  workload.run();
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto timings = workload.pipeline().timings();
  m.phases.assign(timings.begin(), timings.end());
  const auto history = workload.recorder().history();
  m.frames.assign(history.begin(), history.end());
  m.peak_bytes = engine::peak_resident_bytes();
  return m;
}

// Prints the measured bandwidth and arithmetic ceilings beside what the last run used of them.
void print_bounds(const SyntheticParams& params, const Measurement& last, std::size_t triad_mib,
                  std::ostream& out) {
  engine::ThreadLimit limit(last.threads);
  const double triad = triad_bytes_per_second(triad_mib);
  const double per_core = contraction_flops_per_second(params.arithmetic_rounds);
  const double agent_ticks_per_second =
      static_cast<double>(params.cells) * params.ticks / last.seconds;
  const auto bytes = SyntheticWorkload::bytes_per_agent_tick();
  const double moved = static_cast<double>(bytes) * agent_ticks_per_second;
  const double flops = static_cast<double>(engine::flops_per_round) * params.arithmetic_rounds;
  const double used = flops * agent_ticks_per_second;
  const double ceiling = per_core * last.threads;
  char line[320];
  std::snprintf(line, sizeof line,
                "\nwhat bounds it at %d thread%s:\n"
                "  memory      STREAM triad (3 x %zu MiB) %.1f GB/s; the workload must move %zu "
                "bytes per agent-tick: %.2f GB/s, %.1f %% of the triad\n",
                last.threads, last.threads == 1 ? "" : "s", triad_mib, triad / 1e9, bytes,
                moved / 1e9, 100.0 * moved / triad);
  out << line;
  if (ceiling > 0.0) {
    std::snprintf(line, sizeof line,
                  "  arithmetic  %.0f flops per agent-tick: %.2f Gflop/s, %.1f %% of the same "
                  "rounds alone in registers (%.2f Gflop/s per core x %d)\n",
                  flops, used / 1e9, 100.0 * used / ceiling, per_core / 1e9, last.threads);
  } else {
    std::snprintf(line, sizeof line, "  arithmetic  none (--rounds 0)\n");
  }
  out << line;
}

bool same_bits(const std::vector<engine::Frame>& a, const std::vector<engine::Frame>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].values.size() != b[i].values.size() ||
        std::memcmp(a[i].values.data(), b[i].values.data(), a[i].values.size() * sizeof(double)) !=
            0) {
      return false;
    }
  }
  return true;
}

// Runs the workload once more with its series written to `path` by the writer thread and
// reports the share of the wall time spent writing. Returns the exit code.
int measure_output(SyntheticParams params, int threads, const std::string& path, bool quiet,
                   Streams streams) {
  engine::ThreadLimit limit(threads);
  params.keep_history = false;
  SyntheticWorkload workload(params);
  std::optional<io::RunFileWriter> opened;
  try {
    opened.emplace(path, workload.registry(), workload.calendar(),
                   io::RunProvenance{params.seed, threads, "synthetic benchmark workload"});
  } catch (const std::runtime_error& error) { // hdf5::Error or io::OutputError
    streams.err << "plansim bench: " << error.what() << '\n';
    return exit_bad_input;
  }
  io::RunFileWriter& file = *opened;
  engine::install_stop_handlers();
  engine::Progress progress(streams.err, engine::progress_style_for(isatty(STDERR_FILENO), quiet),
                            workload.calendar().tick_count(), "bench");
  const auto started = std::chrono::steady_clock::now();
  const auto run = io::run_recorded(workload.pipeline(), workload.calendar(), workload.recorder(),
                                    file, progress);
  if (run.result.status == engine::RunStatus::stopped) {
    streams.err << "plansim bench: stopped by signal " << engine::stop_signal() << "; removed "
                << file.partial_path().string() << '\n';
    return exit_interrupted;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char line[200];
  std::snprintf(line, sizeof line,
                "\nHDF5 output to %s at %d threads: run %.3f s, writer thread busy %.3f s "
                "(%.1f %% of the run's wall time)\n",
                path.c_str(), threads, seconds, run.writer_busy_seconds,
                100.0 * run.writer_busy_seconds / seconds);
  streams.out << line;
  return exit_ok;
}

int execute_bench(const po::variables_map& values, Streams streams) {
  if (values.count("lp")) {
    return run_lp_bench(streams.out);
  }
  SyntheticParams params;
  params.cells = static_cast<std::size_t>(*option_at_least(values, "agents", 1LL));
  params.ticks = *option_at_least(values, "ticks", 1);
  const long long hubs = *option_at_least(values, "hubs", 1LL);
  if (hubs > std::numeric_limits<std::uint32_t>::max()) {
    throw UsageError("--hubs must be at most " +
                     std::to_string(std::numeric_limits<std::uint32_t>::max()));
  }
  params.hubs = static_cast<std::uint32_t>(hubs);
  params.arithmetic_rounds = *option_at_least(values, "rounds", 0);
  params.seed = values["seed"].as<std::uint64_t>();
  const auto thread_counts = parse_thread_list(values["threads"].as<std::string>());
  const auto triad_mib = static_cast<std::size_t>(*option_at_least(values, "triad-mib", 1LL));
  auto& out = streams.out;

  if (values.count("output-only")) {
    if (!values.count("out")) {
      throw UsageError("--output-only needs --out");
    }
    return measure_output(params, thread_counts.back(), values["out"].as<std::string>(),
                          values.count("quiet") > 0, streams);
  }
  const std::size_t resident_before = engine::resident_bytes();
  char line[256];
  std::snprintf(line, sizeof line,
                "plansim bench: synthetic engine workload, %zu agents, %u hubs, %d ticks,\n"
                "  %d arithmetic rounds per agent-tick, channel latency %d + jitter 0..%d, "
                "noise sigma %.2f\n\n",
                params.cells, params.hubs, params.ticks, params.arithmetic_rounds,
                params.channel.latency, params.channel.jitter, params.channel.noise_sigma);
  out << line << "threads   seconds   agent-ticks/s   speedup   identical to first\n";

  std::vector<Measurement> runs;
  for (int threads : thread_counts) {
    runs.push_back(measure(params, threads));
    const auto& m = runs.back();
    const double agent_ticks = static_cast<double>(params.cells) * params.ticks;
    std::snprintf(line, sizeof line, "%7d  %8.3f  %14.4g  %8.2f   %s\n", m.threads, m.seconds,
                  agent_ticks / m.seconds, runs.front().seconds / m.seconds,
                  same_bits(runs.front().frames, m.frames) ? "yes" : "NO");
    out << line << std::flush;
  }

  const auto& last = runs.back();
  out << "\nper-phase wall time at " << last.threads
      << (last.threads == 1 ? " thread:\n" : " threads:\n");
  for (const auto& phase : last.phases) {
    std::snprintf(line, sizeof line, "  %-10s %8.3f s  %5.1f %%\n", phase.name.c_str(),
                  phase.seconds, 100.0 * phase.seconds / last.seconds);
    out << line;
  }
  const double peak = static_cast<double>(
      last.peak_bytes > resident_before ? last.peak_bytes - resident_before : last.peak_bytes);
  std::snprintf(line, sizeof line, "\npeak memory above start: %.1f MiB, %.0f bytes per agent\n",
                peak / (1024.0 * 1024.0), peak / static_cast<double>(params.cells));
  out << line;
  for (const auto& m : runs) {
    if (!same_bits(runs.front().frames, m.frames)) {
      streams.err << "plansim bench: series differ between thread counts: determinism broken\n";
      return exit_failure;
    }
  }
  print_bounds(params, last, triad_mib, out);
  if (values.count("out")) {
    return measure_output(params, thread_counts.back(), values["out"].as<std::string>(),
                          values.count("quiet") > 0, streams);
  }
  return exit_ok;
}

} // namespace

Command bench_command() {
  Command command;
  command.name = "bench";
  command.synopsis =
      "bench [--agents N] [--ticks T] [--threads LIST] [--hubs H] [--rounds R] [--out FILE.h5]";
  command.summary = "Time the engine on a synthetic workload at several thread counts";
  command.declare = [](po::options_description& o, po::positional_options_description&) {
    o.add_options()("lp", "time the Kantorovich planner's linear programme at growing sizes")(
        "agents", po::value<long long>()->default_value(200'000),
        "agents")("ticks", po::value<int>()->default_value(60), "ticks (months)")(
        "threads,j", po::value<std::string>()->default_value("1,max"),
        "thread counts to compare, e.g. 1,2,4,8,16 ('max' = all cores)")(
        "hubs", po::value<long long>()->default_value(64), "message receivers")(
        "rounds", po::value<int>()->default_value(16), "arithmetic rounds per agent and tick")(
        "seed", po::value<std::uint64_t>()->default_value(1),
        "seed")("out,o", po::value<std::string>(),
                "also write a run at the last thread count to this HDF5 file and time the output")(
        "triad-mib", po::value<long long>()->default_value(1536),
        "MiB per array of the STREAM triad that measures memory bandwidth (3 arrays; make "
        "them much larger than the last-level cache)")(
        "output-only", "skip the timing runs; only write --out")("quiet,q", "no progress output");
  };
  command.execute = execute_bench;
  return command;
}

} // namespace plansim::cli
