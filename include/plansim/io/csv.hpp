#pragma once

#include <string>

namespace plansim::io {

/// A CSV field: as it is, or in double quotes (quotes doubled) when it holds a comma, a quote or
/// a newline.
std::string csv_field(const std::string& text);

/// A number as CSV tables write it: 12 significant digits.
std::string csv_number(double value);

} // namespace plansim::io
