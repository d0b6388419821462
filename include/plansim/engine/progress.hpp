#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>

namespace plansim::engine {

/// How progress is shown: a redrawn bar on a terminal, plain lines in logs (Slurm output
/// files), or nothing.
enum class ProgressStyle { bar, lines, quiet };

/// The style for a stream: bar on a terminal, lines otherwise, quiet when asked.
ProgressStyle progress_style_for(bool is_terminal, bool quiet);

/// Reports a run's progress: ticks done, the simulated date, ticks per second and the time
/// left. The bar redraws at most ten times a second; lines come every tenth of the run or
/// every ten seconds, whichever is first.
class Progress {
public:
  using Clock = std::chrono::steady_clock;

  Progress(std::ostream& out, ProgressStyle style, int total_ticks, std::string label = "run");

  /// `ticks_done` ticks have finished; `date` is the simulated date reached.
  void update(int ticks_done, std::string_view date);
  /// Prints the final state (and ends the bar's line).
  void finish(int ticks_done, std::string_view date);

  /// "1:02:03" or "2:03".
  static std::string format_duration(double seconds);

private:
  std::string describe(int ticks_done, std::string_view date, Clock::time_point now) const;

  std::ostream& out_;
  ProgressStyle style_;
  int total_ticks_;
  std::string label_;
  Clock::time_point started_;
  Clock::time_point last_shown_;
  int last_line_tenth_ = 0;
};

} // namespace plansim::engine
