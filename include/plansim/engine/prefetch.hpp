#pragma once

#include <cstddef>

namespace plansim::engine {

/// How many records ahead a loop that reads other arrays at its records' indices (an
/// employer's pay terms, an artel's pay) asks for them: far enough that the cache line
/// arrives before it is needed, near enough that it is still there when it is.
inline constexpr int prefetch_distance = 16;

/// How many records ahead a pass that streams through millions of records (the households)
/// asks for the records themselves. The hardware's own prefetching stays too close behind such
/// a loop (perf: the household loads stalled the labour count); on the 2-core development
/// machine 64 records (5 KB) ahead beat 32 and 128.
inline constexpr int stream_prefetch_distance = 4 * prefetch_distance;

/// Asks the processor to start loading the cache line at `address` for reading. A hint only:
/// it changes no value, so loops that use it stay bitwise the same.
inline void prefetch(const void* address) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(address, 0, 3);
#else
  (void)address;
#endif
}

/// In a pass over records[begin, end) in order, asks for the record `distance` on from `i`
/// (when there is one) while record i is worked on.
template <class Record>
void prefetch_ahead(const Record* records, std::size_t i, std::size_t end,
                    std::size_t distance = stream_prefetch_distance) {
  if (i + distance < end) {
    prefetch(records + i + distance);
  }
}

} // namespace plansim::engine
