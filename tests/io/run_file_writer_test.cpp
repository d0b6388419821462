#include "../model/tiny_world.hpp"

#include "plansim/engine/synthetic_workload.hpp"
#include "plansim/io/background_writer.hpp"
#include "plansim/io/hdf5.hpp"
#include "plansim/io/output_error.hpp"
#include "plansim/io/run_file_reader.hpp"
#include "plansim/io/run_file_writer.hpp"
#include "plansim/model/economy.hpp"

#include <doctest/doctest.h>

#include <cmath>
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

// Checks a by-id panel field against the store it came from: the first row has the `at_start`
// agents of the start and NaN after them; the last (row `rows - 1`) holds each living agent's
// final value and NaN for the dead. Returns how many ids were dead at the end.
template <class Agent, class Field>
int check_by_id(const std::vector<double>& values, std::size_t rows, std::size_t width,
                const engine::AgentStore<Agent>& store, std::size_t at_start, Field field) {
  int dead = 0;
  for (std::size_t id = 0; id < width; ++id) {
    CHECK(std::isnan(values[id]) == (id >= at_start));
    const auto index = store.index_of(static_cast<engine::AgentId>(id));
    const double last = values[(rows - 1) * width + id];
    if (index) {
      CHECK(last == field(store[*index]));
    } else {
      CHECK(std::isnan(last));
      ++dead;
    }
  }
  return dead;
}

// Writes the small synthetic workload's run to `path`, complete.
void write_synthetic_run(const fs::path& path) {
  engine::SyntheticWorkload workload(small(false));
  io::RunFileWriter file(path, workload.registry(), workload.calendar(), io::RunProvenance{});
  io::BackgroundWriter writer(workload.recorder(), file);
  workload.run();
  writer.finish();
  file.finish(workload.pipeline().timings());
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
                       io::OutputError);
  // /proc refuses new files even to root.
  CHECK_THROWS_WITH_AS(io::RunFileWriter("/proc/run.h5", workload.registry(), workload.calendar(),
                                         io::RunProvenance{}),
                       doctest::Contains("cannot create /proc/run.h5.partial"), io::OutputError);
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
  write_synthetic_run(whole);
  fs::resize_file(whole, fs::file_size(whole) / 2);
  CHECK_THROWS_AS(io::read_run_summary(whole.string()), io::RunFileError);
}

TEST_CASE("the reader refuses a series whose shape is not the time axis by its columns") {
  const auto path = scratch("shapes.h5");
  write_synthetic_run(path);
  {
    const io::hdf5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose,
                                "opening a run to damage it");
    const hsize_t short_rows[1] = {5};
    const hsize_t narrow[2] = {30, 3};
    io::hdf5::check(
        H5Dset_extent(io::hdf5::open_dataset(file, "series/population").id(), short_rows),
        "shortening a series");
    io::hdf5::check(
        H5Dset_extent(io::hdf5::open_dataset(file, "series/by_hub/hub_intake").id(), narrow),
        "narrowing a series");
  }
  CHECK_THROWS_WITH_AS(io::read_series(path.string(), "population"),
                       doctest::Contains("series 'population' has 5 rows, the time axis 30"),
                       io::RunFileError);
  CHECK_THROWS_WITH_AS(io::read_series(path.string(), "by_hub/hub_intake"),
                       doctest::Contains("series 'by_hub/hub_intake' has 3 columns, its "
                                         "'columns' attribute names 4"),
                       io::RunFileError);
  CHECK(io::read_series(path.string(), "wealth_total").size() == 30);
}

TEST_CASE("household and artel panels are by id and widen as agents are born and die") {
  // The tiny world with a growing workforce and artels that form often and close soon.
  auto params = model::testing::tiny_world(7, 1932);
  params.end = {1932, 1}; // ticks 0..48: the last tick is a snapshot
  params.households.workforce_growth = 0.05;
  params.artels.formation_threshold = 0.0;
  params.artels.formation_rate = 0.5;
  params.artels.min_pay = 1.5;
  params.artels.loss_months = 3;
  params.panel_every = 12;
  params.panel = {"capital"};
  params.panel_households = {"income", "region"};
  params.panel_artels = {"output", "members"};
  const auto path = scratch("agents.h5");
  const long open_before = io::hdf5::open_object_count();
  model::Economy economy(params, false);
  {
    const auto panels = economy.panels();
    REQUIRE(panels.size() == 3);
    io::RunFileWriter file(path, economy.registry(), economy.calendar(), io::RunProvenance{}, {},
                           panels);
    io::BackgroundWriter writer(economy.recorder(), file);
    economy.run();
    writer.finish();
    file.finish({});
  }
  CHECK(io::hdf5::open_object_count() == open_before);

  const auto& households = economy.households();
  const auto& artels = economy.artels();
  CHECK(households.id_bound() > 2000);      // workers joined
  CHECK(artels.id_bound() > 10);            // artels formed
  CHECK(artels.size() < artels.id_bound()); // and some closed
  const auto file = io::hdf5::open_file_read(path.string());
  const auto read = [&](const std::string& name, std::vector<std::size_t>& shape) {
    return io::hdf5::read_doubles(io::hdf5::open_dataset(file, name), &shape);
  };
  std::vector<std::size_t> shape;
  for (const char* kind : {"enterprises", "households", "artels"}) {
    CHECK(read(std::string("panel/") + kind + "/tick", shape) ==
          std::vector<double>{0, 12, 24, 36, 48});
  }
  read("panel/enterprises/capital", shape);
  CHECK(shape == std::vector<std::size_t>{5, 60});

  // Households: 2,000 at the first snapshot; the last one is the final state, by id.
  const auto income = read("panel/households/income", shape);
  REQUIRE(shape == std::vector<std::size_t>{5, households.id_bound()});
  const std::size_t width = shape[1];
  check_by_id(income, 5, width, households, 2000,
              [](const model::Household& h) { return h.income; });
  const auto region = read("panel/households/region", shape);
  CHECK(region[4 * width + households.id_at(0)] == households[0].region);

  // Artels: ten at the start, more ids later, closed ones NaN.
  const auto output = read("panel/artels/output", shape);
  REQUIRE(shape == std::vector<std::size_t>{5, artels.id_bound()});
  const std::size_t artel_width = shape[1];
  const int closed = check_by_id(output, 5, artel_width, artels, 10,
                                 [](const model::Artel& a) { return a.output; });
  CHECK(closed > 0);
  const auto members = read("panel/artels/members", shape);
  CHECK(members[4 * artel_width + artels.id_at(0)] == artels[0].members);
  CHECK(
      io::hdf5::read_string_attribute(io::hdf5::open_group(file, "panel/households"), "description")
          .find("columns agent ids") != std::string::npos);
}

TEST_CASE("a snapshot that does not fit its panel's layout fails the writer") {
  engine::SyntheticWorkload workload(small(true));
  const auto path = scratch("bad_panel.h5");
  io::RunFileWriter file(path, workload.registry(), workload.calendar(), io::RunProvenance{}, {},
                         {io::PanelLayout{"enterprises", {"a", "b"}, 3, false},
                          io::PanelLayout{"households", {"c"}, 0, true}});
  engine::Frame frame;
  frame.values.assign(workload.registry().frame_width(), 1.0);
  frame.panels = {std::vector<double>(6, 1.0), std::vector<double>(5, 2.0)};
  CHECK_NOTHROW(file.append(std::span<const engine::Frame>(&frame, 1)));
  frame.panels = {std::vector<double>(5, 1.0), std::vector<double>(5, 2.0)};
  CHECK_THROWS_WITH_AS(file.append(std::span<const engine::Frame>(&frame, 1)),
                       doctest::Contains("enterprises at tick 0 does not match"), io::hdf5::Error);
  frame.panels = {std::vector<double>(6, 1.0)};
  CHECK_THROWS_WITH_AS(file.append(std::span<const engine::Frame>(&frame, 1)),
                       doctest::Contains("has 1 panel snapshots, the file 2 panels"),
                       io::hdf5::Error);
}
