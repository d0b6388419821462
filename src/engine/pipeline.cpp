#include "plansim/engine/pipeline.hpp"

#include <chrono>

namespace plansim::engine {

void Pipeline::add_phase(std::string name, Step step) {
  steps_.push_back(std::move(step));
  timings_.push_back(PhaseTiming{std::move(name), 0.0, 0});
}

void Pipeline::add_between_phases(std::function<void()> step) {
  between_.push_back(std::move(step));
}

void Pipeline::run_tick(int tick) {
  using Clock = std::chrono::steady_clock;
  for (std::size_t p = 0; p < steps_.size(); ++p) {
    const auto started = Clock::now();
    steps_[p](tick);
    for (const auto& step : between_) {
      step();
    }
    timings_[p].seconds += std::chrono::duration<double>(Clock::now() - started).count();
    ++timings_[p].calls;
  }
}

double Pipeline::total_seconds() const {
  double total = 0.0;
  for (const auto& t : timings_) {
    total += t.seconds;
  }
  return total;
}

void Pipeline::reset_timings() {
  for (auto& t : timings_) {
    t.seconds = 0.0;
    t.calls = 0;
  }
}

} // namespace plansim::engine
