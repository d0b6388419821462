#include "plansim/engine/metrics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <thread>
#include <vector>

using namespace plansim::engine;

namespace {
MetricsRegistry example_registry() {
  MetricsRegistry registry;
  registry.add_scalar("output_true", "rubles", "true output");
  registry.add_grouped("output_by_sector", "rubles", "output by sector", "sector",
                       {"heavy", "materials", "consumer", "military"});
  registry.add_scalar("artel_count", "artels", "artels in operation");
  return registry;
}
} // namespace

TEST_CASE("the registry lays series out in one frame") {
  const auto registry = example_registry();
  CHECK(registry.frame_width() == 6);
  const auto sector = registry.find("output_by_sector", "sector");
  REQUIRE(sector.has_value());
  CHECK(registry.offset(*sector) == 1);
  CHECK(registry.offset(*registry.find("artel_count")) == 5);
  CHECK(registry.spec(*sector).columns.size() == 4);
  CHECK_FALSE(registry.find("nothing").has_value());
}

TEST_CASE("duplicate or malformed series are refused") {
  auto registry = example_registry();
  CHECK_THROWS_AS(registry.add_scalar("output_true", "", ""), std::invalid_argument);
  CHECK_NOTHROW(registry.add_grouped("output_true", "", "", "sector", {"a"})); // other group
  CHECK_THROWS_AS(registry.add_scalar("", "", ""), std::invalid_argument);
  CHECK_THROWS_AS(registry.add_grouped("x", "", "", "sector", {}), std::invalid_argument);
}

TEST_CASE("a recorder keeps each tick's values") {
  const auto registry = example_registry();
  Recorder recorder(registry, true);
  for (int tick = 0; tick < 3; ++tick) {
    recorder.begin_tick(tick);
    recorder.set(SeriesId{0}, 10.0 * tick);
    const std::vector<double> sectors = {1, 2, 3, 4.0 + tick};
    recorder.set(SeriesId{1}, sectors);
    recorder.set(SeriesId{2}, 7.0);
    recorder.end_tick();
  }
  CHECK(recorder.history().size() == 3);
  CHECK(recorder.history_of("output_true") == std::vector<double>{0, 10, 20});
  CHECK(recorder.history_of("output_by_sector", 3, "sector") == std::vector<double>{4, 5, 6});
}

TEST_CASE("a NaN or a forgotten metric fails the tick, naming metric and tick") {
  const auto registry = example_registry();
  Recorder recorder(registry, true);
  recorder.begin_tick(41);
  recorder.set(SeriesId{0}, 1.0);
  const std::vector<double> sectors = {1, 2, std::nan(""), 4};
  recorder.set(SeriesId{1}, sectors);
  recorder.set(SeriesId{2}, 1.0);
  CHECK_THROWS_WITH_AS(recorder.end_tick(),
                       "metric 'output_by_sector' (column 'consumer') is NaN or was not recorded "
                       "at tick 41",
                       MetricError);

  recorder.begin_tick(42);
  recorder.set(SeriesId{0}, 1.0);
  recorder.set(SeriesId{1}, std::vector<double>{1, 2, 3, 4});
  CHECK_THROWS_WITH_AS(recorder.end_tick(),
                       "metric 'artel_count' is NaN or was not recorded at tick 42", MetricError);

  recorder.begin_tick(43);
  recorder.set(SeriesId{0}, INFINITY);
  CHECK_THROWS_WITH(recorder.end_tick(), doctest::Contains("'output_true' is infinite"));
  CHECK_THROWS_AS(recorder.set(SeriesId{1}, std::vector<double>{1, 2}), MetricError);
}

TEST_CASE("a consumer thread drains frames in tick order") {
  MetricsRegistry registry;
  const auto id = registry.add_scalar("x", "", "");
  Recorder recorder(registry, false);
  std::vector<Frame> received;
  std::thread consumer([&] {
    while (recorder.wait_and_drain(received) > 0) {
    }
  });
  for (int tick = 0; tick < 500; ++tick) {
    recorder.begin_tick(tick);
    recorder.set(id, tick * 0.5);
    recorder.end_tick();
  }
  recorder.close();
  consumer.join();
  REQUIRE(received.size() == 500);
  for (int tick = 0; tick < 500; ++tick) {
    CHECK(received[tick].tick == tick);
    CHECK(received[tick].values[0] == tick * 0.5);
  }
  CHECK(recorder.history().empty());
}
