#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace plansim::io {

/// A file that is not a readable, complete plansim run; the message says which.
class RunFileError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// One series in a run file.
struct SeriesInfo {
  std::string path; ///< under /series: "output_true", "by_sector/output_true"
  std::string units;
  std::string description;
  std::vector<std::string> columns; ///< empty for scalar series
};

/// One kind of agent snapshots under /panel/KIND.
struct PanelInfo {
  std::string kind; ///< "enterprises", "households", "artels"
  std::size_t snapshots = 0;
  std::size_t columns = 0; ///< agents (enterprises) or agent ids (households, artels)
  std::vector<std::string> fields;
};

/// What `plansim info` shows: provenance, length and the list of series.
struct RunFileSummary {
  std::string schema;
  std::string plansim_version;
  std::string git_commit;
  std::string created;
  std::string status;
  std::string config;
  std::vector<std::string> warnings; ///< the scenario's warnings (none in older files)
  std::uint64_t seed = 0;
  std::int64_t threads = 0;
  std::string start;
  std::string last;
  std::int64_t months_per_tick = 1;
  std::size_t ticks = 0;
  std::vector<SeriesInfo> series;
  std::vector<PanelInfo> panels;
};

/// Reads a run file's summary. Throws RunFileError when the file is missing, not HDF5,
/// damaged or truncated, not a plansim run, or incomplete.
RunFileSummary read_run_summary(const std::string& path);

/// Reads one series (row-major for grouped series): as many rows as the time axis, as many
/// columns as its `columns` attribute names. Throws RunFileError, also for a series of another
/// shape (a damaged file).
std::vector<double> read_series(const std::string& path, const std::string& series_path);

/// Reads /time/year: the decimal year of each tick. Throws RunFileError.
std::vector<double> read_time_years(const std::string& path);

} // namespace plansim::io
