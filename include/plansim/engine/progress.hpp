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

/// The tick rate of the last few seconds: a run whose ticks get slower (a growing world) or
/// faster (a war that empties it) gets an ETA from how fast it goes now, not on average.
class RecentRate {
public:
  /// `ticks` done at `seconds` since the start; samples closer than a second to the last one
  /// are not kept (the rate would be noise).
  void add(double seconds, int ticks);
  /// Ticks per second over the kept samples (the last `span` of them, about as many seconds),
  /// 0 before two samples a second apart.
  double rate() const;

  static constexpr int span = 10;

private:
  struct Sample {
    double seconds = 0.0;
    int ticks = 0;
  };
  Sample samples_[span + 1] = {};
  int count_ = 0; // samples kept so far; the newest is samples_[(count_ - 1) % (span + 1)]
};

/// Reports a run's progress: ticks done, the simulated date, ticks per second and the time
/// left (at the rate of the last ten seconds or so). The bar redraws at most ten times a second;
/// lines come every tenth of the run or every ten seconds, whichever is first.
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
  std::string describe(int ticks_done, std::string_view date, Clock::time_point now);

  std::ostream& out_;
  ProgressStyle style_;
  int total_ticks_;
  std::string label_;
  Clock::time_point started_;
  Clock::time_point last_shown_;
  int last_line_tenth_ = 0;
  RecentRate recent_;
};

} // namespace plansim::engine
