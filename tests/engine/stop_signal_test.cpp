#include "plansim/engine/run_loop.hpp"
#include "plansim/engine/stop_signal.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <sstream>

using namespace plansim::engine;

TEST_CASE("SIGTERM requests a stop instead of killing the process") {
  clear_stop_request();
  install_stop_handlers();
  CHECK_FALSE(stop_requested());
  std::raise(SIGTERM);
  CHECK(stop_requested());
  CHECK(stop_signal() == SIGTERM);
  clear_stop_request();
  install_stop_handlers();
  std::raise(SIGINT);
  CHECK(stop_signal() == SIGINT);
  clear_stop_request();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

TEST_CASE("the run loop finishes the current tick and stops when asked") {
  clear_stop_request();
  const Calendar calendar(YearMonth{1928, 1}, YearMonth{1929, 12});
  Pipeline pipeline;
  int ticks_run = 0;
  bool stop_at_tick_4 = true;
  pipeline.add_phase("work", [&](int tick) {
    ++ticks_run;
    if (tick == 4 && stop_at_tick_4) {
      request_stop();
    }
  });
  std::ostringstream out;
  Progress progress(out, ProgressStyle::quiet, calendar.tick_count());
  const auto result = run_ticks(pipeline, calendar, progress);
  CHECK(result.status == RunStatus::stopped);
  CHECK(result.ticks_done == 5);
  CHECK(ticks_run == 5);
  clear_stop_request();

  stop_at_tick_4 = false;
  const auto full = run_ticks(pipeline, calendar, progress);
  CHECK(full.status == RunStatus::complete);
  CHECK(full.ticks_done == 24);
}
