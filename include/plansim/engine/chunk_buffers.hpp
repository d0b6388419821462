#pragma once

#include <cstddef>
#include <vector>

namespace plansim::engine {

/// One buffer per chunk of a parallel loop, so tasks can append without locks; the buffers
/// are read back in chunk order, which makes the merged sequence independent of the number
/// of threads and of which task finished first. Capacity is kept between uses so a loop
/// that runs every tick does not allocate once it has warmed up.
template <class T>
class ChunkBuffers {
public:
  /// Empties the buffers and makes sure there is one per chunk. Call before the loop.
  void reset(std::size_t chunk_count) {
    if (buffers_.size() < chunk_count) {
      buffers_.resize(chunk_count);
    }
    for (auto& buffer : buffers_) {
      buffer.clear();
    }
    chunk_count_ = chunk_count;
  }

  std::vector<T>& operator[](std::size_t chunk) { return buffers_[chunk]; }

  std::size_t chunk_count() const { return chunk_count_; }

  std::size_t total_size() const {
    std::size_t total = 0;
    for (std::size_t c = 0; c < chunk_count_; ++c) {
      total += buffers_[c].size();
    }
    return total;
  }

  /// Calls f(item) for every item, chunk by chunk, in the order they were appended.
  template <class F>
  void for_each_in_order(F&& f) const {
    for (std::size_t c = 0; c < chunk_count_; ++c) {
      for (const T& item : buffers_[c]) {
        f(item);
      }
    }
  }

private:
  std::vector<std::vector<T>> buffers_;
  std::size_t chunk_count_ = 0;
};

} // namespace plansim::engine
