#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace plansim::engine {

/// Wall time spent in one phase over a run.
struct PhaseTiming {
  std::string name;
  double seconds = 0.0;
  long calls = 0;
};

/// The fixed sequence of phases that makes up a tick (e.g. deliver, plan, produce, report,
/// record). Phases run in the order they were added; after each phase the "between phases"
/// steps run (applying births and deaths), also in the order they were added. Each phase is
/// timed for the run's profile.
class Pipeline {
public:
  using Step = std::function<void(int tick)>;

  void add_phase(std::string name, Step step);
  void add_between_phases(std::function<void()> step);

  void run_tick(int tick);

  std::span<const PhaseTiming> timings() const { return timings_; }
  double total_seconds() const;
  void reset_timings();

private:
  std::vector<Step> steps_;
  std::vector<PhaseTiming> timings_;
  std::vector<std::function<void()>> between_;
};

} // namespace plansim::engine
