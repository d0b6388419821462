#include "plansim/io/run_file_writer.hpp"

#include "plansim/io/output_error.hpp"
#include "plansim/version.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <ctime>
#include <map>
#include <system_error>

namespace plansim::io {

namespace fs = std::filesystem;

namespace {

// The run file's folder must exist, and the file's name must not be a folder's.
void check_output_path(const fs::path& file) {
  std::error_code error;
  if (!file.has_filename() || fs::is_directory(file, error)) {
    throw OutputError("cannot write " + file.string() +
                      ": it names a folder, not a run file (give FOLDER/NAME.h5)");
  }
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::exists(folder, error)) {
    throw OutputError("cannot write " + file.string() + ": folder '" + folder.string() +
                      "' does not exist");
  }
  if (!fs::is_directory(folder, error)) {
    throw OutputError("cannot write " + file.string() + ": '" + folder.string() +
                      "' is not a folder");
  }
}

// Group name for a grouped series: "sector" -> "by_sector".
std::string group_folder(const std::string& group) {
  return "by_" + group;
}

// Days from the first day of `start` to the first day of `date` (proleptic Gregorian).
std::int32_t days_between(engine::YearMonth start, engine::YearMonth date) {
  namespace c = std::chrono;
  const auto day_of = [](engine::YearMonth m) {
    return c::sys_days(c::year(m.year) / c::month(static_cast<unsigned>(m.month)) / 1);
  };
  return static_cast<std::int32_t>((day_of(date) - day_of(start)).count());
}

// The column coordinate of the grouped series in one folder: a dimension scale named after
// the group ("sector"), holding the column names.
struct ColumnScale {
  std::vector<std::string> columns;
  hdf5::Handle dataset;
  std::size_t time = 0; // the folder's time scale in RunFileWriter::time_
};

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
                             const std::vector<PanelLayout>& panels)
    : final_path_(std::move(final_path)), partial_path_(final_path_.string() + ".partial"),
      calendar_(calendar) {
  check_output_path(final_path_);
  partial_.emplace(partial_path_);
  // HDF5 opens files by name; the locked file's stable name is this very file even if its
  // path were replaced meanwhile.
  file_ =
      hdf5::create_file(partial_->stable_name(), partial_path_.string(), hdf5::Locking::by_caller);
  try {
    hdf5::write_attribute(file_, "schema", run_schema);
    hdf5::write_attribute(file_, "plansim_version", version());
    hdf5::write_attribute(file_, "git_commit", git_commit());
    hdf5::write_attribute(file_, "seed", provenance.seed);
    hdf5::write_attribute(file_, "threads", static_cast<std::int64_t>(provenance.threads));
    hdf5::write_attribute(file_, "created", iso8601_now());
    hdf5::write_attribute(file_, "config", provenance.config_yaml);
    if (!provenance.warnings.empty()) { // an attribute of no strings cannot be written
      hdf5::write_attribute(file_, "warnings", provenance.warnings);
    }
    hdf5::write_attribute(file_, "status", "running");
    create_layout(registry, storage);
    create_panels(panels, storage);
  } catch (...) {
    file_ = hdf5::Handle();
    partial_->remove();
    throw;
  }
}

RunFileWriter::~RunFileWriter() {
  if (!finished_) {
    series_.clear();
    time_.clear();
    panels_.clear();
    file_ = hdf5::Handle();
    if (partial_) {
      partial_->remove();
    }
  }
}

hdf5::GrowingDataset RunFileWriter::time_scale(const hdf5::Handle& parent,
                                               const hdf5::StorageOptions& storage) const {
  // CF conventions, so that netCDF-4 readers (xarray with h5netcdf) decode it to dates.
  hdf5::GrowingDataset time(parent, "time", H5T_NATIVE_INT32, 0, storage);
  hdf5::write_attribute(time.handle(), "units",
                        "days since " + calendar_.start().to_string() + "-01 00:00:00");
  hdf5::write_attribute(time.handle(), "calendar", "proleptic_gregorian");
  hdf5::write_attribute(time.handle(), "standard_name", "time");
  hdf5::write_attribute(time.handle(), "long_name", "first day of the tick");
  hdf5::write_attribute(time.handle(), "axis", "T");
  hdf5::make_dimension_scale(time.handle(), "time");
  return time;
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
  // The time coordinate of every series: /series/time, and a copy in each by_GROUP folder so
  // that a folder opened alone has its dates too.
  time_.push_back(time_scale(series, storage));
  std::map<std::string, ColumnScale> column_scales; // by group
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
    if (spec.is_scalar()) {
      hdf5::attach_dimension_scale(dataset.handle(), time_[2].handle(), 0);
    } else {
      hdf5::write_attribute(dataset.handle(), "columns", spec.columns);
      auto& scale = column_scales[spec.group];
      if (!scale.dataset.valid()) {
        time_.push_back(time_scale(parent, storage));
        scale.time = time_.size() - 1;
        scale.columns = spec.columns;
        scale.dataset = hdf5::write_string_dataset(parent, spec.group, spec.columns);
        hdf5::write_attribute(scale.dataset, "long_name", spec.group + " of each column");
        hdf5::make_dimension_scale(scale.dataset, spec.group);
      }
      if (scale.columns != spec.columns) {
        throw hdf5::Error("series " + spec.group + "/" + spec.name +
                          " has other columns than the other series of its group");
      }
      hdf5::attach_dimension_scale(dataset.handle(), time_[scale.time].handle(), 0);
      hdf5::attach_dimension_scale(dataset.handle(), scale.dataset, 1);
    }
    series_.push_back(
        SeriesOutput{registry.offset(engine::SeriesId{s}), spec.width(), std::move(dataset)});
  }
}

void RunFileWriter::create_panels(const std::vector<PanelLayout>& panels,
                                  const hdf5::StorageOptions& storage) {
  if (panels.empty()) {
    return;
  }
  const auto group = hdf5::create_group(file_, "panel");
  for (const auto& panel : panels) {
    const auto kind = hdf5::create_group(group, panel.kind);
    hdf5::write_attribute(
        kind, "description",
        panel.by_id ? "snapshots of each agent's fields: rows are snapshots, columns agent ids "
                      "(NaN = not alive at that snapshot); the width grows as ids are handed out"
                    : "snapshots of each agent's fields: rows are snapshots, columns agents");
    // Snapshots are few: chunk them a few at a time, never more than about 1 MiB a chunk. By
    // id, 4 rows by up to 2,048 ids (64 KiB): a small world wastes little on chunks it does
    // not fill, a large one has one chunk per 2,048 ids.
    hdf5::StorageOptions rows = storage;
    std::size_t chunk_columns = std::max<std::size_t>(panel.agents, 1);
    if (panel.by_id) {
      chunk_columns = std::clamp<std::size_t>(std::bit_ceil(chunk_columns), 64, 2048);
      rows.chunk_rows = 4;
    } else {
      rows.chunk_rows = std::max<std::size_t>(
          1, std::min<std::size_t>(8, (std::size_t{1} << 20) / (sizeof(double) * chunk_columns)));
    }
    PanelOutput output{panel, hdf5::GrowingDataset(kind, "tick", H5T_NATIVE_INT32, 0, rows), {}};
    hdf5::write_attribute(output.tick.handle(), "description", "tick of each snapshot (row)");
    for (const auto& field : panel.fields) {
      output.fields.push_back(
          panel.by_id ? hdf5::GrowingDataset::widening(kind, field, chunk_columns, rows)
                      : hdf5::GrowingDataset(kind, field, H5T_NATIVE_DOUBLE, panel.agents, rows));
    }
    panels_.push_back(std::move(output));
  }
}

void RunFileWriter::append_panels(const engine::Frame& frame) {
  if (frame.panels.empty()) {
    return;
  }
  if (frame.panels.size() != panels_.size()) {
    throw hdf5::Error("tick " + std::to_string(frame.tick) + " has " +
                      std::to_string(frame.panels.size()) + " panel snapshots, the file " +
                      std::to_string(panels_.size()) + " panels");
  }
  for (std::size_t k = 0; k < panels_.size(); ++k) {
    const auto& snapshot = frame.panels[k];
    auto& panel = panels_[k];
    const std::size_t fields = panel.fields.size();
    const std::size_t width = fields == 0 ? 0 : snapshot.size() / fields;
    if (width * fields != snapshot.size() ||
        (!panel.layout.by_id && width != panel.layout.agents)) {
      throw hdf5::Error("panel snapshot of " + panel.layout.kind + " at tick " +
                        std::to_string(frame.tick) + " does not match the panel's layout");
    }
    const std::int32_t tick = frame.tick;
    panel.tick.append(&tick, 1);
    for (std::size_t f = 0; f < fields; ++f) {
      const double* row = snapshot.data() + f * width;
      if (panel.layout.by_id) {
        panel.fields[f].append_row(row, width);
      } else {
        panel.fields[f].append(row, 1);
      }
    }
  }
}

void RunFileWriter::append(std::span<const engine::Frame> frames) {
  if (frames.empty()) {
    return;
  }
  for (const auto& frame : frames) {
    append_panels(frame);
  }
  tick_buffer_.clear();
  column_buffer_.clear();
  for (const auto& frame : frames) {
    tick_buffer_.push_back(frame.tick);
    column_buffer_.push_back(calendar_.decimal_year(frame.tick));
  }
  time_[0].append(tick_buffer_.data(), frames.size());
  time_[1].append(column_buffer_.data(), frames.size());
  tick_buffer_.clear();
  for (const auto& frame : frames) {
    tick_buffer_.push_back(days_between(calendar_.start(), calendar_.date_of(frame.tick)));
  }
  for (std::size_t k = 2; k < time_.size(); ++k) {
    time_[k].append(tick_buffer_.data(), frames.size());
  }
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
  panels_.clear();
  hdf5::check(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "flushing " + partial_path_.string());
  file_.close();
  try {
    partial_->sync();
    partial_->rename_to(final_path_);
  } catch (const OutputError& error) {
    throw hdf5::Error(error.what()); // after the run: the writing failed, the output was fine
  }
  finished_ = true;
}

} // namespace plansim::io
