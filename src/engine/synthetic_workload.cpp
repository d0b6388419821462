#include "plansim/engine/synthetic_workload.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/engine/random.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace plansim::engine {

namespace {

constexpr std::uint16_t cell_kind = 1;
constexpr std::uint16_t setup_purpose = 0;
constexpr std::uint16_t work_purpose = 1;
constexpr std::size_t recorded_hubs = 4; // columns of the grouped series

} // namespace

void contract(ContractionLanes& lanes, int rounds) {
  // The rounds of one agent depend on each other, those of different agents do not: with the
  // agents side by side the square roots of one round overlap (and share vector registers)
  // instead of waiting for each other. Each agent's numbers are those of one agent alone.
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t j = 0; j < contraction_lanes; ++j) {
      lanes.x[j] = 0.5 * (lanes.x[j] + lanes.skill[j] * std::sqrt(lanes.x[j] + 1.0));
    }
  }
}

SyntheticWorkload::SyntheticWorkload(SyntheticParams params)
    : params_(params),
      calendar_(YearMonth{2000, 1}, YearMonth::from_serial(YearMonth{2000, 1}.serial() +
                                                           std::max(params.ticks, 1) - 1)),
      channel_(params.channel, params.hubs), hub_intake_(params.hubs, 0.0),
      recorder_(registry_, params.keep_history) {
  for (AgentId hub = 0; hub < params_.hubs; ++hub) {
    channel_.set_capacity(hub, params_.hub_capacity);
  }
  build_metrics();
  populate();
  pipeline_.add_phase("deliver", [this](int tick) { deliver(tick); });
  pipeline_.add_phase("work", [this](int tick) { work(tick); });
  pipeline_.add_phase("record", [this](int tick) { record(tick); });
  pipeline_.add_between_phases([this] { cells_.commit(); });
}

void SyntheticWorkload::build_metrics() {
  population_id_ = registry_.add_scalar("population", "agents", "living cells");
  wealth_id_ = registry_.add_scalar("wealth_total", "units", "sum of the cells' wealth");
  events_id_ = registry_.add_scalar("events_total", "events", "Poisson events drawn this tick");
  backlog_id_ = registry_.add_scalar("backlog", "messages", "messages waiting at the hubs");
  std::vector<std::string> columns;
  for (std::size_t h = 0; h < recorded_hubs; ++h) {
    columns.push_back("hub_" + std::to_string(h));
  }
  intake_id_ = registry_.add_grouped("hub_intake", "units", "sum of payloads a hub received", "hub",
                                     columns);
}

void SyntheticWorkload::populate() {
  for (std::size_t i = 0; i < params_.cells; ++i) {
    RandomStream random(params_.seed, StreamKey{stream_kind(cell_kind, setup_purpose),
                                                static_cast<std::uint32_t>(i), 0});
    cells_.add(Cell{random.lognormal(0.0, 0.5), random.uniform(0.5, 1.5), 0});
  }
}

void SyntheticWorkload::deliver(int tick) {
  channel_.deliver(tick);
  for (AgentId hub = 0; hub < params_.hubs; ++hub) {
    double intake = 0.0;
    for (const auto& message : channel_.inbox(hub)) {
      intake += message.payload;
    }
    hub_intake_[hub] = intake;
  }
}

void SyntheticWorkload::work(int tick) {
  const Chunking chunking(cells_.size(), params_.grain);
  cells_.begin_staging(chunking.count());
  channel_.open_outboxes(chunking.count());
  const double mean_intake =
      deterministic_sum(hub_intake_.size(), [&](std::size_t h) { return hub_intake_[h]; }) /
      static_cast<double>(params_.hubs);

  parallel_for_chunks(chunking, [&](const Chunk& chunk) {
    ContractionLanes lanes{};
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      const std::size_t lane = (i - chunk.begin) % contraction_lanes;
      if (lane == 0) {
        contract_block(i, std::min(chunk.end, i + contraction_lanes), lanes);
      }
      Cell& cell = cells_[i];
      const AgentId id = cells_.id_at(i);
      RandomStream random(params_.seed, StreamKey{stream_kind(cell_kind, work_purpose), id,
                                                  static_cast<std::uint32_t>(tick)});
      const double x = lanes.x[lane];
      const double shock = random.lognormal_factor(0.05);
      const auto events = random.poisson(2.0 + cell.skill);
      cell.wealth = 0.9 * x * shock + 1e-6 * mean_intake + 0.01 * static_cast<double>(events);
      cell.last_events = static_cast<std::uint32_t>(events);
      if (random.bernoulli(params_.death_rate)) {
        cells_.stage_death(chunk.index, id);
      }
      if (random.bernoulli(params_.birth_rate)) {
        cells_.stage_birth(chunk.index, Cell{random.exponential(1.0), random.uniform(0.5, 1.5), 0});
      }
      const AgentId hub = random.uniform_int(params_.hubs);
      channel_.send(chunk.index, id, hub, tick, cell.wealth, random);
    }
  });
  channel_.post();
}

void SyntheticWorkload::contract_block(std::size_t begin, std::size_t end,
                                       ContractionLanes& lanes) const {
  for (std::size_t j = 0; j < contraction_lanes; ++j) {
    const bool used = begin + j < end;
    lanes.x[j] = used ? cells_[begin + j].wealth : 0.0;
    lanes.skill[j] = used ? cells_[begin + j].skill : 0.0;
  }
  contract(lanes, params_.arithmetic_rounds);
}

std::size_t SyntheticWorkload::bytes_per_agent_tick() {
  // work reads the cell and writes it back, reads its id and writes its message to an outbox;
  // record reads the cell twice (two sums). The message is then copied from outbox to delivery
  // bucket, to the waiting queue, to the handed-out list, to the receiver's inbox (each copy a
  // read and a write; grouping by receiver reads the handed-out list twice), and read there.
  constexpr std::size_t cell_passes = 4;
  constexpr std::size_t message_passes = 1 + 2 + 2 + 2 + 3 + 1;
  return cell_passes * sizeof(Cell) + sizeof(AgentId) + message_passes * sizeof(Message<double>);
}

void SyntheticWorkload::record(int tick) {
  const auto cells = cells_.agents();
  recorder_.begin_tick(tick);
  recorder_.set(population_id_, static_cast<double>(cells.size()));
  recorder_.set(wealth_id_,
                deterministic_sum(
                    cells.size(), [&](std::size_t i) { return cells[i].wealth; }, params_.grain));
  recorder_.set(events_id_, deterministic_sum(
                                cells.size(), [&](std::size_t i) { return cells[i].last_events; },
                                params_.grain));
  recorder_.set(backlog_id_, static_cast<double>(channel_.total_backlog()));
  double intake[recorded_hubs] = {};
  for (std::size_t h = 0; h < recorded_hubs && h < hub_intake_.size(); ++h) {
    intake[h] = hub_intake_[h];
  }
  recorder_.set(intake_id_, std::span<const double>(intake, recorded_hubs));
  recorder_.end_tick();
}

void SyntheticWorkload::run() {
  for (int tick = 0; tick < calendar_.tick_count(); ++tick) {
    pipeline_.run_tick(tick);
  }
}

RunResult SyntheticWorkload::run(Progress& progress) {
  return run_ticks(pipeline_, calendar_, progress);
}

} // namespace plansim::engine
