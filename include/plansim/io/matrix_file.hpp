#pragma once

#include "plansim/model/params.hpp"

#include <string>
#include <vector>

namespace plansim::io {

/// Reads an input-output matrix from CSV: a header `good,input,coefficient`, then one nonzero
/// per line (goods numbered from 0, in sector order: military, heavy, materials, consumer).
/// Throws ConfigError with FILE:LINE:COL for every malformed line, and for a file that gives
/// no coefficient at all (empty, a header alone, a folder).
std::vector<model::MatrixEntry> read_matrix_csv(const std::string& path);

} // namespace plansim::io
