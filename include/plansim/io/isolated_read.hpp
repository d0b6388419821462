#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace plansim::io {

/// What an isolated read may take before its file is judged damaged: HDF5 can loop for ever on
/// one flipped bit, or allocate gigabytes for a length that lies.
struct ReadLimits {
  double seconds = 10.0;                    ///< wall and CPU time
  std::size_t bytes = std::size_t{1} << 30; ///< memory, beyond what the process held already
};

/// The limits for reading the file at `path`: 10 s plus 1 s per MiB, 1 GiB plus 4 times its
/// size (far beyond what a sound run file needs).
ReadLimits read_limits_for(const std::string& path);

/// Runs `read` in a child process and returns the text it produced. A damaged HDF5 file can
/// crash the HDF5 library itself (a corrupt global heap, for instance), make it loop or make it
/// allocate far more than the file holds, none of which an exception can catch; isolated, with
/// the limits of read_limits_for(path), such a read becomes a RunFileError ("damaged run
/// file") for `path`, as do the exceptions `read` throws (their message is kept). A stop
/// request (SIGINT/SIGTERM, engine::stop_requested) ends the child too, with a RunFileError.
/// Call it only while no other thread of this process is inside HDF5 (the child inherits the
/// parent's locks as they were).
std::string read_isolated(const std::string& path, const std::function<std::string()>& read);

} // namespace plansim::io
