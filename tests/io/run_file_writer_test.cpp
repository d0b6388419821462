#include "plansim/engine/synthetic_workload.hpp"
#include "plansim/io/background_writer.hpp"
#include "plansim/io/hdf5.hpp"
#include "plansim/io/run_file_reader.hpp"
#include "plansim/io/run_file_writer.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;
using namespace plansim;

namespace {

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "plansim_io_tests";
  fs::create_directories(dir);
  fs::remove(dir / name);
  return dir / name;
}

engine::SyntheticParams small(bool keep_history) {
  engine::SyntheticParams params;
  params.cells = 2'000;
  params.ticks = 30;
  params.keep_history = keep_history;
  return params;
}

} // namespace

TEST_CASE("a run written by the writer thread reads back exactly as recorded") {
  const auto path = scratch("run.h5");
  const long open_before = io::hdf5::open_object_count();
  {
    engine::SyntheticWorkload workload(small(false));
    io::RunFileWriter file(path, workload.registry(), workload.calendar(),
                           io::RunProvenance{1, 1, "scale: tiny\n"});
    CHECK(fs::exists(file.partial_path()));
    CHECK_FALSE(fs::exists(path));
    io::BackgroundWriter writer(workload.recorder(), file);
    workload.run();
    writer.finish();
    file.add_event(io::RunEvent{3, "war", "capital destroyed in region west"});
    file.finish(workload.pipeline().timings());
    CHECK(file.ticks_written() == 30);
    CHECK_FALSE(fs::exists(file.partial_path()));
  }
  CHECK(io::hdf5::open_object_count() == open_before);
  REQUIRE(fs::exists(path));

  // The same workload kept in memory gives the reference values (runs are deterministic).
  engine::SyntheticWorkload reference(small(true));
  reference.run();
  const auto summary = io::read_run_summary(path.string());
  CHECK(summary.schema == "plansim-run/1");
  CHECK(summary.status == "complete");
  CHECK(summary.config == "scale: tiny\n");
  CHECK(summary.ticks == 30);
  CHECK(summary.start == "2000-01");
  CHECK(summary.series.size() == 5);
  for (const auto& name : {"population", "wealth_total", "events_total", "backlog"}) {
    CAPTURE(name);
    const auto stored = io::read_series(path.string(), name);
    const auto expected = reference.recorder().history_of(name);
    REQUIRE(stored.size() == expected.size());
    CHECK(std::memcmp(stored.data(), expected.data(), stored.size() * sizeof(double)) == 0);
  }
  const auto intake = io::read_series(path.string(), "by_hub/hub_intake");
  CHECK(intake.size() == 30 * 4);
  CHECK(intake[29 * 4 + 2] == reference.recorder().history_of("hub_intake", 2, "hub").back());
  const auto units = std::find_if(summary.series.begin(), summary.series.end(),
                                  [](const auto& s) { return s.path == "population"; });
  REQUIRE(units != summary.series.end());
  CHECK(units->units == "agents");
}

TEST_CASE("a writer that does not finish leaves no file behind") {
  const auto path = scratch("abandoned.h5");
  {
    engine::SyntheticWorkload workload(small(false));
    io::RunFileWriter file(path, workload.registry(), workload.calendar(), io::RunProvenance{});
    io::BackgroundWriter writer(workload.recorder(), file);
    workload.pipeline().run_tick(0);
    CHECK(fs::exists(file.partial_path()));
  } // as when a run fails or is stopped
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(path.string() + ".partial"));
}

TEST_CASE("an output folder that is missing or not writable is refused before the run") {
  engine::SyntheticWorkload workload(small(true));
  CHECK_THROWS_WITH_AS(io::RunFileWriter("/nonexistent-folder/run.h5", workload.registry(),
                                         workload.calendar(), io::RunProvenance{}),
                       "cannot write /nonexistent-folder/run.h5: folder '/nonexistent-folder' "
                       "does not exist",
                       io::hdf5::Error);
  // /proc refuses new files even to root.
  CHECK_THROWS_WITH_AS(io::RunFileWriter("/proc/run.h5", workload.registry(), workload.calendar(),
                                         io::RunProvenance{}),
                       doctest::Contains("cannot create /proc/run.h5.partial"), io::hdf5::Error);
}

TEST_CASE("the reader refuses files that are not complete plansim runs") {
  const auto foreign = scratch("foreign.h5");
  { io::hdf5::create_file(foreign.string()); }
  CHECK_THROWS_WITH_AS(io::read_run_summary(foreign.string()),
                       doctest::Contains("not a plansim run file"), io::RunFileError);

  const auto running = scratch("running.h5");
  {
    const auto file = io::hdf5::create_file(running.string());
    io::hdf5::write_attribute(file, "schema", io::run_schema);
    io::hdf5::write_attribute(file, "status", "running");
  }
  CHECK_THROWS_WITH_AS(io::read_run_summary(running.string()),
                       doctest::Contains("incomplete run (status 'running')"), io::RunFileError);

  // A complete file cut in half.
  const auto whole = scratch("whole.h5");
  {
    engine::SyntheticWorkload workload(small(false));
    io::RunFileWriter file(whole, workload.registry(), workload.calendar(), io::RunProvenance{});
    io::BackgroundWriter writer(workload.recorder(), file);
    workload.run();
    writer.finish();
    file.finish(workload.pipeline().timings());
  }
  fs::resize_file(whole, fs::file_size(whole) / 2);
  CHECK_THROWS_AS(io::read_run_summary(whole.string()), io::RunFileError);
}
