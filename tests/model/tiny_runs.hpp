#pragma once

// Helpers for the model tests that run tiny worlds (tiny_world.hpp) over several seeds and
// compare arms differing in one mechanism.

#include "tiny_world.hpp"

#include "plansim/model/economy.hpp"

#include <cstdint>
#include <functional>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace plansim::model::testing {

using Change = std::function<void(EconomyParams&)>;
/// Structural events to apply at given ticks.
using Events = std::vector<std::pair<int, PolicyEvent>>;

inline void keep_as_is(EconomyParams&) {}

/// Runs `params` with dated structural events and returns one series (column `column` of a
/// grouped one).
inline std::vector<double> run_series(const EconomyParams& params, const Events& events,
                                      const char* series, std::size_t column = 0,
                                      const char* group = "") {
  Economy economy(params);
  economy.set_policy([&](int tick, EconomyParams&) {
    PolicyChanges changes;
    for (const auto& [at, event] : events) {
      if (at == tick) {
        changes.events.push_back(event);
      }
    }
    return changes;
  });
  economy.run();
  return economy.recorder().history_of(series, column, group);
}

/// Mean of values[from, to).
inline double mean(const std::vector<double>& values, std::size_t from, std::size_t to) {
  return std::accumulate(values.begin() + static_cast<std::ptrdiff_t>(from),
                         values.begin() + static_cast<std::ptrdiff_t>(to), 0.0) /
         double(to - from);
}

/// Mean of a series over the second half of the run of `base(seed)` changed by `change`,
/// averaged over the seeds.
inline double mean_over_seeds(std::span<const std::uint64_t> seeds,
                              EconomyParams (*base)(std::uint64_t), const Change& change,
                              const char* series, std::size_t column = 0, const char* group = "") {
  double total = 0.0;
  for (auto seed : seeds) {
    auto params = base(seed);
    change(params);
    const auto values = run_series(params, {}, series, column, group);
    total += mean(values, values.size() / 2, values.size());
  }
  return total / static_cast<double>(seeds.size());
}

/// Reports that reach the planner at once and exactly, from honest managers who hide nothing.
inline void perfect_information(EconomyParams& p) {
  p.report_channel = {0, 0, 0.0, 0.0};
  p.directive_channel = {0, 0, 0.0, 0.0};
  p.bureaucracy.competence_noise = 0.0;
  p.bureaucracy.career_inflation = 0.0;
  p.enterprises.ratchet = 0.0;           // nobody hides capacity
  p.enterprises.honesty_mean = 1.0;      // honest managers: honesty U(0.5, 1) ...
  p.enterprises.falsification_max = 0.0; // ... and none of them can inflate a report
}

inline PolicyEvent event_of_kind(PolicyEvent::Kind kind) {
  PolicyEvent event;
  event.kind = kind;
  return event;
}

/// A region's households come to want `factor` times as much of one consumer good.
inline PolicyEvent demand_shift(std::uint32_t region, std::uint32_t good, double factor) {
  PolicyEvent event = event_of_kind(PolicyEvent::Kind::demand_shift);
  event.regions = {region};
  event.consumer_good = good;
  event.factor = factor;
  return event;
}

} // namespace plansim::model::testing
