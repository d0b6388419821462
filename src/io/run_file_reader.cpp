#include "plansim/io/run_file_reader.hpp"

#include "plansim/io/hdf5.hpp"
#include "plansim/io/run_file_writer.hpp"

#include <algorithm>

namespace plansim::io {

namespace {

SeriesInfo describe_series(const hdf5::Handle& parent, const std::string& name,
                           const std::string& path) {
  const auto dataset = hdf5::open_dataset(parent, name);
  SeriesInfo info;
  info.path = path;
  info.units = hdf5::read_string_attribute(dataset, "units");
  info.description = hdf5::read_string_attribute(dataset, "description");
  if (hdf5::has_attribute(dataset, "columns")) {
    info.columns = hdf5::read_string_list_attribute(dataset, "columns");
  }
  return info;
}

hdf5::Handle open_run(const std::string& path) {
  auto file = hdf5::open_file_read(path);
  if (!hdf5::has_attribute(file, "schema") ||
      hdf5::read_string_attribute(file, "schema") != run_schema) {
    throw RunFileError(path + ": not a plansim run file (no '" + std::string(run_schema) +
                       "' schema attribute)");
  }
  const auto status = hdf5::read_string_attribute(file, "status");
  if (status != "complete") {
    throw RunFileError(path + ": incomplete run (status '" + status +
                       "'): the run did not finish writing this file");
  }
  return file;
}

// The number of ticks the run file holds: the length of /time/tick, which /time/year and
// every series must share.
std::size_t tick_count(const hdf5::Handle& file, const std::string& path) {
  const auto shape = hdf5::shape_of(hdf5::open_dataset(file, "time/tick"));
  if (shape.size() != 1) {
    throw RunFileError(path + ": damaged run file: /time/tick is not a list of ticks");
  }
  return shape[0];
}

// A series or time dataset must be `ticks` rows of as many values as its 'columns' attribute
// names (one without it); a damaged file could otherwise be read past its end.
void check_shape(const hdf5::Handle& dataset, const std::string& path, const std::string& name,
                 std::size_t ticks) {
  const auto shape = hdf5::shape_of(dataset);
  const bool grouped = hdf5::has_attribute(dataset, "columns");
  const std::string series = path + ": damaged run file: series '" + name + "' has ";
  if (shape.size() != (grouped ? 2u : 1u)) {
    throw RunFileError(series + std::to_string(shape.size()) + " dimensions, not " +
                       (grouped ? "2" : "1"));
  }
  if (shape[0] != ticks) {
    throw RunFileError(series + std::to_string(shape[0]) + " rows, the time axis " +
                       std::to_string(ticks));
  }
  if (grouped) {
    const auto columns = hdf5::read_string_list_attribute(dataset, "columns").size();
    if (shape[1] != columns) {
      throw RunFileError(series + std::to_string(shape[1]) +
                         " columns, its 'columns' attribute names " + std::to_string(columns));
    }
  }
}

std::vector<PanelInfo> describe_panels(const hdf5::Handle& panel) {
  std::vector<PanelInfo> panels;
  for (const auto& kind : hdf5::list_members(panel)) {
    const auto group = hdf5::open_group(panel, kind);
    PanelInfo info;
    info.kind = kind;
    for (const auto& field : hdf5::list_members(group)) {
      const auto shape = hdf5::shape_of(hdf5::open_dataset(group, field));
      if (shape.empty()) {
        throw hdf5::Error("panel/" + kind + "/" + field + " is a scalar, not a snapshot table");
      }
      if (field == "tick") {
        info.snapshots = shape[0];
      } else {
        info.fields.push_back(field);
        info.columns = std::max(info.columns, shape.size() > 1 ? shape[1] : std::size_t{1});
      }
    }
    panels.push_back(std::move(info));
  }
  return panels;
}

} // namespace

RunFileSummary read_run_summary(const std::string& path) {
  try {
    const auto file = open_run(path);
    RunFileSummary summary;
    summary.schema = hdf5::read_string_attribute(file, "schema");
    summary.status = hdf5::read_string_attribute(file, "status");
    summary.plansim_version = hdf5::read_string_attribute(file, "plansim_version");
    summary.git_commit = hdf5::read_string_attribute(file, "git_commit");
    summary.created = hdf5::read_string_attribute(file, "created");
    summary.config = hdf5::read_string_attribute(file, "config");
    if (hdf5::has_attribute(file, "warnings")) {
      summary.warnings = hdf5::read_string_list_attribute(file, "warnings");
    }
    summary.seed = static_cast<std::uint64_t>(hdf5::read_int_attribute(file, "seed"));
    summary.threads = hdf5::read_int_attribute(file, "threads");
    const auto time = hdf5::open_group(file, "time");
    summary.start = hdf5::read_string_attribute(time, "start");
    summary.last = hdf5::read_string_attribute(time, "last");
    summary.months_per_tick = hdf5::read_int_attribute(time, "months_per_tick");
    summary.ticks = tick_count(file, path);
    const auto series = hdf5::open_group(file, "series");
    for (const auto& name : hdf5::list_members(series)) {
      H5O_info_t object{};
      hdf5::check(
          H5Oget_info_by_name2(series.id(), name.c_str(), &object, H5O_INFO_BASIC, H5P_DEFAULT),
          "inspecting '" + name + "'");
      // Dimension scales (/series/time, by_sector/sector) are coordinates, not series.
      if (object.type == H5O_TYPE_GROUP) {
        const auto group = hdf5::open_group(series, name);
        for (const auto& member : hdf5::list_members(group)) {
          if (!hdf5::is_dimension_scale(group, member)) {
            summary.series.push_back(describe_series(group, member, name + "/" + member));
          }
        }
      } else if (!hdf5::is_dimension_scale(series, name)) {
        summary.series.push_back(describe_series(series, name, name));
      }
    }
    if (hdf5::exists(file, "panel")) {
      summary.panels = describe_panels(hdf5::open_group(file, "panel"));
    }
    return summary;
  } catch (const hdf5::Error& error) {
    throw RunFileError(error.what());
  }
}

std::vector<double> read_time_years(const std::string& path) {
  try {
    const auto file = open_run(path);
    const auto years = hdf5::open_dataset(file, "time/year");
    check_shape(years, path, "time/year", tick_count(file, path));
    return hdf5::read_doubles(years);
  } catch (const hdf5::Error& error) {
    throw RunFileError(error.what());
  }
}

std::vector<double> read_series(const std::string& path, const std::string& series_path) {
  try {
    const auto file = open_run(path);
    const std::string full = "series/" + series_path;
    if (!hdf5::exists(file, full)) {
      throw RunFileError(path + ": no series '" + series_path + "'");
    }
    const auto series = hdf5::open_dataset(file, full);
    check_shape(series, path, series_path, tick_count(file, path));
    return hdf5::read_doubles(series);
  } catch (const hdf5::Error& error) {
    throw RunFileError(error.what());
  }
}

} // namespace plansim::io
