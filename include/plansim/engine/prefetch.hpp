#pragma once

namespace plansim::engine {

/// How many records ahead a loop that reads other arrays at its records' indices (an
/// employer's pay terms, an artel's pay) asks for them: far enough that the cache line
/// arrives before it is needed, near enough that it is still there when it is.
inline constexpr int prefetch_distance = 16;

/// Asks the processor to start loading the cache line at `address` for reading. A hint only:
/// it changes no value, so loops that use it stay bitwise the same.
inline void prefetch(const void* address) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(address, 0, 3);
#else
  (void)address;
#endif
}

} // namespace plansim::engine
