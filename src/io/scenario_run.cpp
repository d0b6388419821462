#include "plansim/io/scenario_run.hpp"

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/parallel.hpp"
#include "plansim/io/economy_params.hpp"
#include "plansim/io/recorded_run.hpp"
#include "plansim/io/run_file_writer.hpp"
#include "plansim/model/economy.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

namespace plansim::io {

namespace {

// The policy timeline as the economy's hook: parameter changes and structural events due at
// each tick, in the order the scenario lists them.
model::Economy::PolicyHook policy_hook(const Config& config, const model::Economy& economy) {
  struct Due {
    std::vector<std::pair<std::string, std::string>> set;
    std::optional<model::PolicyEvent> event;
  };
  auto schedule = std::make_shared<engine::Schedule<Due>>();
  const auto consumer_goods = economy.markets().goods();
  const auto left_out = events_left_out(config);
  for (const auto& entry : config.policy()) {
    if (const auto tick = economy.calendar().tick_of(entry.date)) {
      Due due{entry.set, std::nullopt};
      const bool counterfactual =
          std::find(left_out.begin(), left_out.end(), entry.event) != left_out.end();
      if (!entry.event.empty() && !counterfactual) {
        due.event = policy_event_from(entry, config.schema(), economy.params().regions,
                                      static_cast<int>(consumer_goods));
      }
      schedule->add(*tick, std::move(due));
    }
  }
  return [schedule](int tick, model::EconomyParams& params) {
    model::PolicyChanges changes;
    for (const auto& [at, due] : schedule->due(tick)) {
      for (const auto& [path, value] : due.set) {
        apply_parameter(params, path, value);
        changes.parameter_changes.push_back(path + " = " + value);
      }
      if (due.event) {
        changes.events.push_back(*due.event);
      }
    }
    return changes;
  };
}

hdf5::StorageOptions storage_from(const Config& config) {
  return hdf5::StorageOptions{static_cast<std::size_t>(config.integer("output.chunk_ticks")),
                              static_cast<int>(config.integer("output.compression")),
                              config.flag("output.shuffle")};
}

std::vector<std::string> warning_lines(const Config& config) {
  std::vector<std::string> lines;
  for (const auto& warning : config.warnings()) {
    lines.push_back(warning.to_string());
  }
  return lines;
}

} // namespace

ScenarioRun run_scenario(const Config& config, const std::string& out, std::ostream& progress_out,
                         engine::ProgressStyle style) {
  const auto started = std::chrono::steady_clock::now();
  const auto params = economy_params_from(config);
  model::Economy economy(params, false);
  economy.set_policy(policy_hook(config, economy));

  const auto panels = economy.panels();
  ScenarioRun run;
  run.seed = params.seed;
  run.threads = engine::ThreadLimit::active();
  run.start = economy.calendar().start().to_string();
  run.last = economy.calendar().last().to_string();
  std::optional<RunFileWriter> file;
  try {
    file.emplace(out, economy.registry(), economy.calendar(),
                 RunProvenance{params.seed, run.threads, config.to_yaml(), warning_lines(config)},
                 storage_from(config), panels);
  } catch (const hdf5::Error& error) {
    throw OutputError(error.what());
  }
  engine::Progress progress(progress_out, style, economy.calendar().tick_count(),
                            config.text("run.name"));
  const auto recorded = run_recorded(economy.pipeline(), economy.calendar(), economy.recorder(),
                                     *file, progress, [&] {
                                       std::vector<RunEvent> events;
                                       for (auto& e : economy.take_events()) {
                                         events.push_back(RunEvent{e.tick, e.name, e.detail});
                                       }
                                       return events;
                                     });
  run.status = recorded.result.status;
  run.ticks_done = recorded.result.ticks_done;
  run.writer_seconds = recorded.writer_busy_seconds;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

} // namespace plansim::io
