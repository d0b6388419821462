#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace plansim::engine {

/// What a recorded series holds. A scalar series has one value per tick; a grouped series
/// has one per column of its group ("sector", "region"), e.g. output by sector.
struct SeriesSpec {
  std::string name;        ///< snake_case, says what it holds: "output_true"
  std::string units;       ///< "rubles (1928 prices)", "share", "months"
  std::string description; ///< one line
  std::string group;       ///< empty for scalars; otherwise "sector", "region", ...
  std::vector<std::string> columns;

  bool is_scalar() const { return group.empty(); }
  std::size_t width() const { return is_scalar() ? 1 : columns.size(); }
};

/// Index of a series in its registry.
struct SeriesId {
  std::size_t index;
};

/// The named series a model records each tick. Each series owns a fixed slice of a frame
/// (one row of doubles per tick), so recording is an indexed store, not a lookup.
class MetricsRegistry {
public:
  /// Throws std::invalid_argument on an empty name or a name already used in the same group.
  SeriesId add_scalar(std::string name, std::string units, std::string description);
  SeriesId add_grouped(std::string name, std::string units, std::string description,
                       std::string group, std::vector<std::string> columns);

  std::span<const SeriesSpec> series() const { return specs_; }
  const SeriesSpec& spec(SeriesId id) const { return specs_[id.index]; }
  std::size_t offset(SeriesId id) const { return offsets_[id.index]; }
  std::size_t frame_width() const { return frame_width_; }
  /// The series with this name in this group ("" for scalars). A scalar and a grouped series
  /// may share a name: output_true and output_true by sector.
  std::optional<SeriesId> find(std::string_view name, std::string_view group = "") const;

private:
  SeriesId add(SeriesSpec spec);

  std::vector<SeriesSpec> specs_;
  std::vector<std::size_t> offsets_;
  std::size_t frame_width_ = 0;
};

/// A kind of agent a run snapshots (a panel): its fields, each written as a [snapshots, agents]
/// table. A fixed panel has `agents` columns, one per agent in the model's order (enterprises,
/// whose number does not change). A panel `by_id` has one column per agent id and grows wider
/// as ids are handed out: a snapshot's width is the store's id bound at that tick, and ids not
/// alive then read NaN (households, artels); `agents` is then the id bound at the start.
struct PanelLayout {
  std::string kind; ///< "enterprises", "households", "artels"
  std::vector<std::string> fields;
  std::size_t agents = 0;
  bool by_id = false;
};

/// All values recorded in one tick, laid out as the registry says.
struct Frame {
  int tick = 0;
  std::vector<double> values;
  /// Snapshots of agent fields, empty when none was taken this tick; otherwise one per panel
  /// kind, in the order the model declares its kinds. Each holds its fields one after another,
  /// every field with the same number of values (one per agent; none when there are no
  /// agents).
  std::vector<std::vector<double>> panels;
};

/// Thrown when a metric is NaN or infinite, or was not recorded in a tick.
class MetricError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Collects one frame per tick from the simulation thread. With `keep_history` the frames stay
/// in memory (tests, short runs, benchmarks); otherwise they are handed to a consumer (the
/// HDF5 writer thread) through a locked queue that the consumer drains.
class Recorder {
public:
  explicit Recorder(const MetricsRegistry& registry, bool keep_history = false);

  /// Starts a frame; every value starts as NaN so a series the model forgot is caught.
  void begin_tick(int tick);
  void set(SeriesId id, double value);
  void set(SeriesId id, std::span<const double> values);
  /// Attaches this tick's snapshots of agent fields, one per panel kind. They are not checked:
  /// a model may mark agents that are not alive with NaN.
  void set_panels(std::vector<std::vector<double>> snapshots) {
    current_.panels = std::move(snapshots);
  }
  /// Checks the frame and queues it. Throws MetricError naming the tick and series of the
  /// first value that is not finite.
  void end_tick();

  /// Moves the queued frames into `out` (appending); returns how many. Never blocks long.
  std::size_t drain(std::vector<Frame>& out);
  /// Like drain(), but waits until a frame is queued or close() was called. Returns 0 only
  /// when closed and empty.
  std::size_t wait_and_drain(std::vector<Frame>& out);
  /// No more frames will come; wakes a waiting consumer.
  void close();

  const MetricsRegistry& registry() const { return registry_; }
  std::span<const Frame> history() const { return history_; }
  /// One series across the kept history (column `column` of a grouped series).
  std::vector<double> history_of(std::string_view name, std::size_t column = 0,
                                 std::string_view group = "") const;

private:
  const MetricsRegistry& registry_;
  bool keep_history_;
  Frame current_;
  std::vector<Frame> history_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Frame> queue_;
  bool closed_ = false;
};

} // namespace plansim::engine
