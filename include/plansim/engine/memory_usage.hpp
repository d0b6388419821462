#pragma once

#include <cstddef>

namespace plansim::engine {

/// The process's peak resident memory so far, in bytes (VmHWM); 0 where it cannot be read.
std::size_t peak_resident_bytes();

/// The process's resident memory now, in bytes (VmRSS); 0 where it cannot be read.
std::size_t resident_bytes();

} // namespace plansim::engine
