#include "plansim/io/run_file_writer.hpp"

#include "plansim/version.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <system_error>

namespace plansim::io {

namespace fs = std::filesystem;

namespace {

void check_folder_writable(const fs::path& file) {
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::exists(folder, error)) {
    throw hdf5::Error("cannot write " + file.string() + ": folder '" + folder.string() +
                      "' does not exist");
  }
  if (!fs::is_directory(folder, error)) {
    throw hdf5::Error("cannot write " + file.string() + ": '" + folder.string() +
                      "' is not a folder");
  }
}

// Group name for a grouped series: "sector" -> "by_sector".
std::string group_folder(const std::string& group) {
  return "by_" + group;
}

} // namespace

std::string iso8601_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

RunFileWriter::RunFileWriter(fs::path final_path, const engine::MetricsRegistry& registry,
                             const engine::Calendar& calendar, const RunProvenance& provenance,
                             const hdf5::StorageOptions& storage,
                             const std::optional<PanelLayout>& panel)
    : final_path_(std::move(final_path)), partial_path_(final_path_.string() + ".partial"),
      calendar_(calendar) {
  check_folder_writable(final_path_);
  file_ = hdf5::create_file(partial_path_.string());
  try {
    hdf5::write_attribute(file_, "schema", run_schema);
    hdf5::write_attribute(file_, "plansim_version", version());
    hdf5::write_attribute(file_, "git_commit", git_commit());
    hdf5::write_attribute(file_, "seed", provenance.seed);
    hdf5::write_attribute(file_, "threads", static_cast<std::int64_t>(provenance.threads));
    hdf5::write_attribute(file_, "created", iso8601_now());
    hdf5::write_attribute(file_, "config", provenance.config_yaml);
    hdf5::write_attribute(file_, "status", "running");
    create_layout(registry, storage);
    if (panel) {
      create_panel(*panel, storage);
    }
  } catch (...) {
    file_ = hdf5::Handle();
    fs::remove(partial_path_);
    throw;
  }
}

RunFileWriter::~RunFileWriter() {
  if (!finished_) {
    series_.clear();
    time_.clear();
    panel_.clear();
    file_ = hdf5::Handle();
    std::error_code ignored;
    fs::remove(partial_path_, ignored);
  }
}

void RunFileWriter::create_layout(const engine::MetricsRegistry& registry,
                                  const hdf5::StorageOptions& storage) {
  const auto time = hdf5::create_group(file_, "time");
  hdf5::write_attribute(time, "start", calendar_.start().to_string());
  hdf5::write_attribute(time, "last", calendar_.last().to_string());
  hdf5::write_attribute(time, "months_per_tick",
                        static_cast<std::int64_t>(calendar_.months_per_tick()));
  time_.emplace_back(time, "tick", H5T_NATIVE_INT32, 0, storage);
  time_.emplace_back(time, "year", H5T_NATIVE_DOUBLE, 0, storage);
  hdf5::write_attribute(time_[0].handle(), "description", "tick number, from 0");
  hdf5::write_attribute(time_[1].handle(), "description",
                        "decimal year at the start of the tick (1956-04 is 1956.25)");

  const auto series = hdf5::create_group(file_, "series");
  for (std::size_t s = 0; s < registry.series().size(); ++s) {
    const auto& spec = registry.series()[s];
    hdf5::Handle parent;
    if (!spec.is_scalar()) {
      const std::string folder = group_folder(spec.group);
      parent = hdf5::exists(series, folder) ? hdf5::open_group(series, folder)
                                            : hdf5::create_group(series, folder);
    }
    const hdf5::Handle& where = spec.is_scalar() ? series : parent;
    hdf5::GrowingDataset dataset(where, spec.name, H5T_NATIVE_DOUBLE,
                                 spec.is_scalar() ? 0 : spec.width(), storage);
    hdf5::write_attribute(dataset.handle(), "units", spec.units);
    hdf5::write_attribute(dataset.handle(), "description", spec.description);
    if (!spec.is_scalar()) {
      hdf5::write_attribute(dataset.handle(), "columns", spec.columns);
    }
    series_.push_back(
        SeriesOutput{registry.offset(engine::SeriesId{s}), spec.width(), std::move(dataset)});
  }
}

void RunFileWriter::create_panel(const PanelLayout& panel, const hdf5::StorageOptions& storage) {
  const auto group = hdf5::create_group(file_, "panel");
  const auto kind = hdf5::create_group(group, panel.kind);
  hdf5::write_attribute(kind, "description",
                        "snapshots of each agent's fields: rows are snapshots, columns agents");
  // Snapshots are few: chunk them a few at a time, never more than about 1 MiB a chunk.
  hdf5::StorageOptions rows = storage;
  rows.chunk_rows = std::max<std::size_t>(
      1, std::min<std::size_t>(8, (1u << 20) / (8 * std::max<std::size_t>(panel.agents, 1))));
  panel_.emplace_back(kind, "tick", H5T_NATIVE_INT32, 0, rows);
  for (const auto& field : panel.fields) {
    panel_.emplace_back(kind, field, H5T_NATIVE_DOUBLE, panel.agents, rows);
  }
  panel_agents_ = panel.agents;
}

void RunFileWriter::append_panel(const engine::Frame& frame) {
  if (panel_.empty() || frame.panel.empty()) {
    return;
  }
  if (frame.panel.size() != (panel_.size() - 1) * panel_agents_) {
    throw hdf5::Error("panel snapshot at tick " + std::to_string(frame.tick) +
                      " does not match the panel's layout");
  }
  const std::int32_t tick = frame.tick;
  panel_[0].append(&tick, 1);
  for (std::size_t f = 1; f < panel_.size(); ++f) {
    panel_[f].append(frame.panel.data() + (f - 1) * panel_agents_, 1);
  }
}

void RunFileWriter::append(std::span<const engine::Frame> frames) {
  if (frames.empty()) {
    return;
  }
  for (const auto& frame : frames) {
    append_panel(frame);
  }
  tick_buffer_.clear();
  column_buffer_.clear();
  for (const auto& frame : frames) {
    tick_buffer_.push_back(frame.tick);
    column_buffer_.push_back(calendar_.decimal_year(frame.tick));
  }
  time_[0].append(tick_buffer_.data(), frames.size());
  time_[1].append(column_buffer_.data(), frames.size());
  for (auto& output : series_) {
    column_buffer_.clear();
    for (const auto& frame : frames) {
      const auto first = frame.values.begin() + static_cast<std::ptrdiff_t>(output.offset);
      column_buffer_.insert(column_buffer_.end(), first,
                            first + static_cast<std::ptrdiff_t>(output.width));
    }
    output.dataset.append(column_buffer_.data(), frames.size());
  }
  ticks_written_ += frames.size();
}

void RunFileWriter::add_event(RunEvent event) {
  events_.push_back(std::move(event));
}

void RunFileWriter::write_events() {
  struct Row {
    std::int32_t tick;
    const char* name;
    const char* detail;
  };
  const auto text = hdf5::string_type();
  const hdf5::Handle type(H5Tcreate(H5T_COMPOUND, sizeof(Row)), H5Tclose, "creating a table type");
  hdf5::check(H5Tinsert(type.id(), "tick", HOFFSET(Row, tick), H5T_NATIVE_INT32), "table type");
  hdf5::check(H5Tinsert(type.id(), "name", HOFFSET(Row, name), text.id()), "table type");
  hdf5::check(H5Tinsert(type.id(), "detail", HOFFSET(Row, detail), text.id()), "table type");
  std::vector<Row> rows;
  for (const auto& e : events_) {
    rows.push_back(Row{e.tick, e.name.c_str(), e.detail.c_str()});
  }
  hdf5::GrowingDataset table(file_, "events", type.id(), 0, hdf5::StorageOptions{64, 0, false});
  table.append(rows.data(), rows.size());
}

void RunFileWriter::write_profile(std::span<const engine::PhaseTiming> profile) {
  struct Row {
    const char* phase;
    double seconds;
    std::int64_t calls;
  };
  const auto text = hdf5::string_type();
  const hdf5::Handle type(H5Tcreate(H5T_COMPOUND, sizeof(Row)), H5Tclose, "creating a table type");
  hdf5::check(H5Tinsert(type.id(), "phase", HOFFSET(Row, phase), text.id()), "table type");
  hdf5::check(H5Tinsert(type.id(), "seconds", HOFFSET(Row, seconds), H5T_NATIVE_DOUBLE),
              "table type");
  hdf5::check(H5Tinsert(type.id(), "calls", HOFFSET(Row, calls), H5T_NATIVE_INT64), "table type");
  std::vector<Row> rows;
  for (const auto& p : profile) {
    rows.push_back(Row{p.name.c_str(), p.seconds, p.calls});
  }
  hdf5::GrowingDataset table(file_, "profile", type.id(), 0, hdf5::StorageOptions{64, 0, false});
  table.append(rows.data(), rows.size());
  hdf5::write_attribute(
      table.handle(), "description",
      "wall time per phase over the whole run (not reproducible: machine-dependent)");
}

void RunFileWriter::finish(std::span<const engine::PhaseTiming> profile) {
  write_events();
  write_profile(profile);
  hdf5::check(H5Adelete(file_.id(), "status"), "updating status");
  hdf5::write_attribute(file_, "status", "complete");
  series_.clear();
  time_.clear();
  panel_.clear();
  hdf5::check(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "flushing " + partial_path_.string());
  file_.close();
  std::error_code error;
  fs::rename(partial_path_, final_path_, error);
  if (error) {
    throw hdf5::Error("cannot rename " + partial_path_.string() + " to " + final_path_.string() +
                      ": " + error.message());
  }
  finished_ = true;
}

} // namespace plansim::io
