#pragma once

#include <functional>
#include <string>

namespace plansim::io {

/// Runs `read` in a child process and returns the text it produced. A damaged HDF5 file can
/// crash the HDF5 library itself (a corrupt global heap, for instance), which no exception can
/// catch; isolated, such a crash becomes a RunFileError ("damaged run file") for `path`, as do
/// the exceptions `read` throws (their message is kept). Call it only while no other thread of
/// this process is inside HDF5 (the child inherits the parent's locks as they were).
std::string read_isolated(const std::string& path, const std::function<std::string()>& read);

} // namespace plansim::io
