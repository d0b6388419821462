#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/metrics.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/io/hdf5.hpp"
#include "plansim/io/locked_file.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace plansim::io {

/// The schema name every run file carries in its root `schema` attribute.
inline constexpr const char* run_schema = "plansim-run/1";

/// Where a run came from, stored as root attributes.
struct RunProvenance {
  std::uint64_t seed = 0;
  int threads = 0;
  std::string config_yaml;                ///< the resolved scenario text
  std::vector<std::string> warnings = {}; ///< the scenario's warnings (Config::warnings)
};

/// Agent snapshots a run writes under /panel/KIND: each field a [snapshots, agents] dataset
/// (for a panel by id, `agents` is only a hint for the chunk size).
using engine::PanelLayout;

/// A dated event for the /events table ("artel_nationalisation", "1960-10: 412 artels").
struct RunEvent {
  int tick = 0;
  std::string name;
  std::string detail;
};

/// Writes one run file (schema plansim-run/1, see docs/output.md). The file is written as
/// `NAME.h5.partial` and renamed to NAME.h5 by finish(), after status "complete" was written
/// and the file closed and synced, so a file under its final name is always whole. The partial
/// file is held under a lock from before anything is written to it, so a second writer of the
/// same file is refused without touching it; a link in its place is never followed.
/// Destroying a writer that did not finish removes the partial file.
class RunFileWriter {
public:
  /// Creates the partial file and its datasets, before any simulation work is done. Throws
  /// OutputError with a clear message when the folder does not exist or cannot be written or
  /// the partial file is a link or not a plain file, OutputBusy when another process is
  /// writing it, hdf5::Error when the library fails to lay the file out.
  RunFileWriter(std::filesystem::path final_path, const engine::MetricsRegistry& registry,
                const engine::Calendar& calendar, const RunProvenance& provenance,
                const hdf5::StorageOptions& storage = {},
                const std::vector<PanelLayout>& panels = {});
  ~RunFileWriter();
  RunFileWriter(const RunFileWriter&) = delete;
  RunFileWriter& operator=(const RunFileWriter&) = delete;

  /// Appends ticks' frames (in tick order) to every series; a frame with snapshots holds
  /// one per panel given to the constructor, in the same order.
  void append(std::span<const engine::Frame> frames);
  void add_event(RunEvent event);
  /// Writes events, the phase profile and status "complete"; closes and renames the file.
  void finish(std::span<const engine::PhaseTiming> profile);

  const std::filesystem::path& final_path() const { return final_path_; }
  const std::filesystem::path& partial_path() const { return partial_path_; }
  std::size_t ticks_written() const { return ticks_written_; }

private:
  struct SeriesOutput {
    std::size_t offset;
    std::size_t width;
    hdf5::GrowingDataset dataset;
  };

  void create_layout(const engine::MetricsRegistry& registry, const hdf5::StorageOptions& storage);
  /// A `time` dimension scale in `parent`: each tick's first day, as days since the start.
  hdf5::GrowingDataset time_scale(const hdf5::Handle& parent,
                                  const hdf5::StorageOptions& storage) const;
  struct PanelOutput {
    PanelLayout layout;
    hdf5::GrowingDataset tick;
    std::vector<hdf5::GrowingDataset> fields;
  };

  void create_panels(const std::vector<PanelLayout>& panels, const hdf5::StorageOptions& storage);
  void append_panels(const engine::Frame& frame);
  void write_events();
  void write_profile(std::span<const engine::PhaseTiming> profile);

  std::filesystem::path final_path_;
  std::filesystem::path partial_path_;
  const engine::Calendar& calendar_;
  std::optional<LockedFile> partial_; // outlives file_: the lock is released last
  hdf5::Handle file_;
  std::vector<SeriesOutput> series_;
  /// /time/tick, /time/year, /series/time, then the time scale of each by_GROUP folder
  std::vector<hdf5::GrowingDataset> time_;
  std::vector<double> column_buffer_;
  std::vector<std::int32_t> tick_buffer_;
  std::vector<RunEvent> events_;
  std::vector<PanelOutput> panels_; // in the order of the frames' panels
  std::size_t ticks_written_ = 0;
  bool finished_ = false;
};

/// The current UTC time as ISO 8601 ("2026-11-22T04:51:07Z").
std::string iso8601_now();

} // namespace plansim::io
