#include "plansim/engine/pipeline.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using plansim::engine::Pipeline;

TEST_CASE("phases run in order each tick, with the between-phase steps after each") {
  Pipeline pipeline;
  std::vector<std::string> log;
  pipeline.add_phase("deliver", [&](int tick) { log.push_back("deliver" + std::to_string(tick)); });
  pipeline.add_phase("produce", [&](int tick) { log.push_back("produce" + std::to_string(tick)); });
  pipeline.add_between_phases([&] { log.push_back("commit"); });
  pipeline.run_tick(0);
  pipeline.run_tick(1);
  CHECK(log == std::vector<std::string>{"deliver0", "commit", "produce0", "commit", "deliver1",
                                        "commit", "produce1", "commit"});
  REQUIRE(pipeline.timings().size() == 2);
  CHECK(pipeline.timings()[0].name == "deliver");
  CHECK(pipeline.timings()[1].calls == 2);
  double phase_total = 0.0;
  for (const auto& timing : pipeline.timings()) {
    phase_total += timing.seconds;
  }
  CHECK(pipeline.total_seconds() == doctest::Approx(phase_total));
  pipeline.reset_timings();
  CHECK(pipeline.timings()[1].calls == 0);
}
