#include "plansim/engine/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plansim::engine {

SeriesId MetricsRegistry::add_scalar(std::string name, std::string units, std::string description) {
  return add(SeriesSpec{std::move(name), std::move(units), std::move(description), {}, {}});
}

SeriesId MetricsRegistry::add_grouped(std::string name, std::string units, std::string description,
                                      std::string group, std::vector<std::string> columns) {
  if (group.empty() || columns.empty()) {
    throw std::invalid_argument("grouped series '" + name + "' needs a group and columns");
  }
  return add(SeriesSpec{std::move(name), std::move(units), std::move(description), std::move(group),
                        std::move(columns)});
}

SeriesId MetricsRegistry::add(SeriesSpec spec) {
  if (spec.name.empty()) {
    throw std::invalid_argument("a series needs a name");
  }
  if (find(spec.name, spec.group)) {
    throw std::invalid_argument("series '" + spec.name + "' is registered twice");
  }
  offsets_.push_back(frame_width_);
  frame_width_ += spec.width();
  specs_.push_back(std::move(spec));
  return SeriesId{specs_.size() - 1};
}

std::optional<SeriesId> MetricsRegistry::find(std::string_view name,
                                              std::string_view group) const {
  const auto it = std::find_if(specs_.begin(), specs_.end(), [&](const SeriesSpec& s) {
    return s.name == name && s.group == group;
  });
  if (it == specs_.end()) {
    return std::nullopt;
  }
  return SeriesId{static_cast<std::size_t>(it - specs_.begin())};
}

Recorder::Recorder(const MetricsRegistry& registry, bool keep_history)
    : registry_(registry), keep_history_(keep_history) {}

void Recorder::begin_tick(int tick) {
  current_.tick = tick;
  current_.values.assign(registry_.frame_width(), std::numeric_limits<double>::quiet_NaN());
}

void Recorder::set(SeriesId id, double value) {
  current_.values[registry_.offset(id)] = value;
}

void Recorder::set(SeriesId id, std::span<const double> values) {
  const auto& spec = registry_.spec(id);
  if (values.size() != spec.width()) {
    throw MetricError("series '" + spec.name + "' has " + std::to_string(spec.width()) +
                      " columns, got " + std::to_string(values.size()) + " values");
  }
  std::copy(values.begin(), values.end(),
            current_.values.begin() + static_cast<std::ptrdiff_t>(registry_.offset(id)));
}

void Recorder::end_tick() {
  for (std::size_t s = 0; s < registry_.series().size(); ++s) {
    const auto& spec = registry_.series()[s];
    const std::size_t offset = registry_.offset(SeriesId{s});
    for (std::size_t c = 0; c < spec.width(); ++c) {
      const double value = current_.values[offset + c];
      if (!std::isfinite(value)) {
        const std::string where = spec.is_scalar() ? "" : " (column '" + spec.columns[c] + "')";
        throw MetricError("metric '" + spec.name + "'" + where + " is " +
                          (std::isnan(value) ? "NaN or was not recorded" : "infinite") +
                          " at tick " + std::to_string(current_.tick));
      }
    }
  }
  if (keep_history_) {
    history_.push_back(std::move(current_));
  } else {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(current_));
    }
    ready_.notify_one();
  }
  current_ = Frame{};
}

std::size_t Recorder::drain(std::vector<Frame>& out) {
  std::lock_guard lock(mutex_);
  const std::size_t n = queue_.size();
  std::move(queue_.begin(), queue_.end(), std::back_inserter(out));
  queue_.clear();
  return n;
}

std::size_t Recorder::wait_and_drain(std::vector<Frame>& out) {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
  const std::size_t n = queue_.size();
  std::move(queue_.begin(), queue_.end(), std::back_inserter(out));
  queue_.clear();
  return n;
}

void Recorder::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

std::vector<double> Recorder::history_of(std::string_view name, std::size_t column,
                                         std::string_view group) const {
  const auto id = registry_.find(name, group);
  if (!id) {
    throw std::invalid_argument("no series named '" + std::string(name) + "'");
  }
  const std::size_t at = registry_.offset(*id) + column;
  std::vector<double> values;
  values.reserve(history_.size());
  for (const auto& frame : history_) {
    values.push_back(frame.values[at]);
  }
  return values;
}

} // namespace plansim::engine
