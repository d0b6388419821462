#pragma once

#include "plansim/model/params.hpp"

#include <string>
#include <vector>

namespace plansim::io {

/// Reads an input-output matrix from CSV: a header `good,input,coefficient`, then one nonzero
/// per line (goods numbered from 0, in sector order: military, heavy, materials, consumer).
/// Throws ConfigError with FILE:LINE:COL for every malformed line.
std::vector<model::MatrixEntry> read_matrix_csv(const std::string& path);

} // namespace plansim::io
