#include "plansim/engine/progress.hpp"

#include <cstdio>
#include <ostream>

namespace plansim::engine {

ProgressStyle progress_style_for(bool is_terminal, bool quiet) {
  if (quiet) {
    return ProgressStyle::quiet;
  }
  return is_terminal ? ProgressStyle::bar : ProgressStyle::lines;
}

Progress::Progress(std::ostream& out, ProgressStyle style, int total_ticks, std::string label)
    : out_(out), style_(style), total_ticks_(total_ticks), label_(std::move(label)),
      started_(Clock::now()), last_shown_(started_) {}

std::string Progress::format_duration(double seconds) {
  const long total = seconds < 0 ? 0 : static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
  }
  return buffer;
}

void RecentRate::add(double seconds, int ticks) {
  constexpr int size = span + 1;
  if (count_ > 0 && seconds - samples_[(count_ - 1) % size].seconds < 1.0) {
    return;
  }
  samples_[count_ % size] = Sample{seconds, ticks};
  ++count_;
}

double RecentRate::rate() const {
  constexpr int size = span + 1;
  if (count_ < 2) {
    return 0.0;
  }
  const Sample& newest = samples_[(count_ - 1) % size];
  const Sample& oldest = samples_[count_ <= size ? 0 : count_ % size];
  const double seconds = newest.seconds - oldest.seconds;
  return seconds > 0 ? (newest.ticks - oldest.ticks) / seconds : 0.0;
}

std::string Progress::describe(int ticks_done, std::string_view date, Clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  recent_.add(elapsed, ticks_done);
  const double average = elapsed > 0 ? ticks_done / elapsed : 0.0;
  const double rate = recent_.rate() > 0 ? recent_.rate() : average;
  const double left = rate > 0 ? (total_ticks_ - ticks_done) / rate : 0.0;
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%d/%d ticks  %.*s  %.1f ticks/s  elapsed %s  ETA %s",
                ticks_done, total_ticks_, static_cast<int>(date.size()), date.data(), rate,
                format_duration(elapsed).c_str(), format_duration(left).c_str());
  return buffer;
}

void Progress::update(int ticks_done, std::string_view date) {
  if (style_ == ProgressStyle::quiet || total_ticks_ <= 0) {
    return;
  }
  const auto now = Clock::now();
  if (style_ == ProgressStyle::bar) {
    if (now - last_shown_ < std::chrono::milliseconds(100) && ticks_done < total_ticks_) {
      return;
    }
    constexpr int width = 30;
    const int filled = static_cast<int>(static_cast<long>(width) * ticks_done / total_ticks_);
    out_ << '\r' << label_ << " [" << std::string(filled, '#') << std::string(width - filled, '.')
         << "] " << describe(ticks_done, date, now) << "\x1b[K" << std::flush;
    last_shown_ = now;
    return;
  }
  const int tenth = static_cast<int>(10L * ticks_done / total_ticks_);
  if (tenth > last_line_tenth_ || now - last_shown_ >= std::chrono::seconds(10)) {
    out_ << label_ << ": " << describe(ticks_done, date, now) << '\n' << std::flush;
    last_line_tenth_ = tenth;
    last_shown_ = now;
  }
}

void Progress::finish(int ticks_done, std::string_view date) {
  if (style_ == ProgressStyle::quiet) {
    return;
  }
  const auto now = Clock::now();
  if (style_ == ProgressStyle::bar) {
    update(ticks_done, date);
    out_ << '\n' << std::flush;
  } else if (last_line_tenth_ < 10) {
    out_ << label_ << ": " << describe(ticks_done, date, now) << '\n' << std::flush;
    last_line_tenth_ = 10;
  }
}

} // namespace plansim::engine
