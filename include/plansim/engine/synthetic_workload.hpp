#pragma once

#include "plansim/engine/agent_store.hpp"
#include "plansim/engine/calendar.hpp"
#include "plansim/engine/channel.hpp"
#include "plansim/engine/metrics.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/engine/run_loop.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace plansim::engine {

/// Sizes of the synthetic workload.
struct SyntheticParams {
  std::uint64_t seed = 1;
  std::size_t cells = 10'000;  ///< agents doing the work
  std::uint32_t hubs = 64;     ///< receivers of the cells' messages
  int ticks = 24;              ///< months
  int arithmetic_rounds = 16;  ///< floating-point work per cell and tick
  double hub_capacity = 1.0e9; ///< messages a hub processes per tick (default: no backlog)
  double death_rate = 0.002;   ///< per cell and tick
  double birth_rate = 0.002;   ///< per cell and tick
  ChannelParams channel{2, 2, 0.1, 0.0};
  std::size_t grain = 512;
  bool keep_history = true; ///< keep frames in memory; false: queue them for a writer thread
};

/// Agents whose arithmetic is computed side by side (SyntheticWorkload's rounds).
inline constexpr std::size_t contraction_lanes = 8;
struct ContractionLanes {
  std::array<double, contraction_lanes> x;
  std::array<double, contraction_lanes> skill;
};

/// The workload's floating-point work, `rounds` times for each lane: x <- (x + skill sqrt(x + 1))
/// / 2, a contraction, so x stays bounded. 5 flops per lane and round (a square root counted as
/// one).
void contract(ContractionLanes& lanes, int rounds);
inline constexpr int flops_per_round = 5;

/// A workload with no economics that exercises every part of the engine the way a model
/// does: a store of agents with births and deaths, per-agent random draws of each kind,
/// a fixed amount of arithmetic, messages through a delayed, noisy, capacity-limited
/// channel, deterministic reductions and recorded metrics. `plansim bench` times it and the
/// determinism tests compare its series across thread counts.
class SyntheticWorkload {
public:
  explicit SyntheticWorkload(SyntheticParams params);

  const SyntheticParams& params() const { return params_; }
  const Calendar& calendar() const { return calendar_; }
  Pipeline& pipeline() { return pipeline_; }
  const MetricsRegistry& registry() const { return registry_; }
  Recorder& recorder() { return recorder_; }
  const Recorder& recorder() const { return recorder_; }
  std::size_t population() const { return cells_.size(); }

  /// Bytes an agent's tick must move through memory whatever the caches do, counted from the
  /// sizes of what it touches (the definition lists them). Births and deaths are left out.
  static std::size_t bytes_per_agent_tick();

  /// Runs all ticks without progress output.
  void run();
  /// Runs all ticks with progress output; stops early on SIGINT/SIGTERM.
  RunResult run(Progress& progress);

private:
  struct Cell {
    double wealth = 1.0;
    double skill = 1.0;
    std::uint32_t last_events = 0;
  };

  void build_metrics();
  void populate();
  void deliver(int tick);
  void work(int tick);
  void record(int tick);
  /// Loads cells [begin, end) (at most contraction_lanes) into `lanes` and runs their rounds.
  void contract_block(std::size_t begin, std::size_t end, ContractionLanes& lanes) const;

  SyntheticParams params_;
  Calendar calendar_;
  AgentStore<Cell> cells_;
  Channel<double> channel_;
  std::vector<double> hub_intake_;
  MetricsRegistry registry_;
  Recorder recorder_;
  Pipeline pipeline_;
  SeriesId population_id_{};
  SeriesId wealth_id_{};
  SeriesId events_id_{};
  SeriesId backlog_id_{};
  SeriesId intake_id_{};
};

} // namespace plansim::engine
