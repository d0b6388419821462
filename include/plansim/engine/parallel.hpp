#pragma once

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cstddef>
#include <memory>

namespace plansim::engine {

/// One fixed piece of a parallel loop: items [begin, end), the `index`-th chunk.
struct Chunk {
  std::size_t index;
  std::size_t begin;
  std::size_t end;
};

/// Splits n items into chunks of `grain` items (the last may be shorter). The split depends
/// only on n and grain, never on the number of threads, so anything kept per chunk (message
/// buffers, births) can be merged in chunk order and give the same result at any thread count.
class Chunking {
public:
  static constexpr std::size_t default_grain = 1024;

  explicit Chunking(std::size_t items, std::size_t grain = default_grain)
      : items_(items), grain_(std::max<std::size_t>(grain, 1)) {}

  std::size_t items() const { return items_; }
  std::size_t grain() const { return grain_; }
  std::size_t count() const { return (items_ + grain_ - 1) / grain_; }
  Chunk chunk(std::size_t index) const {
    return {index, index * grain_, std::min(items_, (index + 1) * grain_)};
  }

private:
  std::size_t items_;
  std::size_t grain_;
};

/// Runs body(Chunk) for every chunk, in parallel, in no particular order. The body must only
/// write to its own items or to per-chunk buffers.
template <class Body>
void parallel_for_chunks(const Chunking& chunking, const Body& body) {
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, chunking.count(), 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t c = range.begin(); c != range.end(); ++c) {
          body(chunking.chunk(c));
        }
      },
      tbb::simple_partitioner{});
}

/// Reduces map(i) over i in [0, n) with a fixed-shape tree: the range is split down to `grain`
/// items by simple_partitioner and joined in the same order whatever the thread count, so
/// floating-point results are bitwise reproducible.
template <class T, class Map, class Combine>
T deterministic_reduce(std::size_t n, std::size_t grain, T identity, const Map& map,
                       const Combine& combine) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, n, std::max<std::size_t>(grain, 1)), identity,
      [&](const tbb::blocked_range<std::size_t>& range, T partial) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          partial = combine(partial, map(i));
        }
        return partial;
      },
      combine, tbb::simple_partitioner{});
}

/// Sum of value(i) over i in [0, n), reproducible at any thread count.
template <class Value>
double deterministic_sum(std::size_t n, const Value& value,
                         std::size_t grain = Chunking::default_grain) {
  return deterministic_reduce(
      n, grain, 0.0, [&](std::size_t i) { return static_cast<double>(value(i)); },
      [](double a, double b) { return a + b; });
}

/// Caps the number of worker threads for its lifetime (threads <= 0: no cap).
class ThreadLimit {
public:
  explicit ThreadLimit(int threads) {
    if (threads > 0) {
      control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                       static_cast<std::size_t>(threads));
    }
  }

  /// The number of threads parallel loops may use now.
  static int active() {
    return static_cast<int>(
        tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
  }

private:
  std::unique_ptr<tbb::global_control> control_;
};

} // namespace plansim::engine
