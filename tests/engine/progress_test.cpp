#include "plansim/engine/progress.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>

using namespace plansim::engine;

TEST_CASE("line progress prints about ten lines with ticks, date and ETA") {
  std::ostringstream out;
  Progress progress(out, ProgressStyle::lines, 100, "ussr");
  for (int tick = 1; tick <= 100; ++tick) {
    progress.update(tick, "1930-01");
  }
  progress.finish(100, "1936-04");
  const std::string text = out.str();
  const auto lines = std::count(text.begin(), text.end(), '\n');
  CHECK(lines >= 10);
  CHECK(lines <= 12);
  CHECK(text.find("ussr: 10/100 ticks  1930-01") != std::string::npos);
  CHECK(text.find("ETA") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("bar progress redraws one line; quiet prints nothing") {
  std::ostringstream bar;
  Progress progress(bar, ProgressStyle::bar, 10);
  progress.update(10, "1931-01");
  progress.finish(10, "1931-01");
  CHECK(bar.str().find("\r") != std::string::npos);
  CHECK(bar.str().find("[##############################]") != std::string::npos);

  std::ostringstream quiet;
  Progress silent(quiet, ProgressStyle::quiet, 10);
  silent.update(5, "1931-01");
  silent.finish(10, "1931-01");
  CHECK(quiet.str().empty());
}

TEST_CASE("the style follows the terminal and --quiet; durations read as clocks") {
  CHECK(progress_style_for(true, false) == ProgressStyle::bar);
  CHECK(progress_style_for(false, false) == ProgressStyle::lines);
  CHECK(progress_style_for(true, true) == ProgressStyle::quiet);
  CHECK(Progress::format_duration(0) == "0:00");
  CHECK(Progress::format_duration(125) == "2:05");
  CHECK(Progress::format_duration(3725) == "1:02:05");
}

TEST_CASE("the ETA follows the rate of the last seconds, not the run's average") {
  RecentRate rate;
  CHECK(rate.rate() == 0.0);
  rate.add(0.0, 0);
  rate.add(0.5, 50); // under a second after the last sample: not kept
  CHECK(rate.rate() == 0.0);
  for (int s = 1; s <= 30; ++s) { // 100 ticks/s for 20 s, then 10 ticks/s
    rate.add(s, s <= 20 ? 100 * s : 2000 + 10 * (s - 20));
  }
  CHECK(rate.rate() == doctest::Approx(10.0)); // the average would be 70
  RecentRate speeding;
  for (int s = 0; s <= 12; ++s) {
    speeding.add(s, s < 6 ? s : 6 + 50 * (s - 6));
  }
  CHECK(speeding.rate() == doctest::Approx((306.0 - 2.0) / 10.0)); // samples 2..12
}
