#pragma once

#include <stdexcept>

namespace plansim::io {

/// An output file cannot be created or written (a missing or unwritable folder, a full disk, a
/// link where the file should go); for a run, nothing was run.
class OutputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Another process is writing the file right now (it holds the file's lock): nothing was
/// changed, and the file is that process's to finish.
class OutputBusy : public OutputError {
public:
  using OutputError::OutputError;
};

} // namespace plansim::io
