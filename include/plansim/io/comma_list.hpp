#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace plansim::io {

/// "a, b,,c " -> {"a", "b", "", "c"}: the comma-separated items of a line or a list, blanks
/// (spaces, tabs, carriage returns) around each dropped, empty items kept; as with
/// std::getline, nothing after a final comma is an item ("a," -> {"a"}, "" -> {}).
std::vector<std::string> split_commas(std::string_view text);

/// The non-empty items of a comma-separated list of names ("income, discontent").
std::vector<std::string> names_in(std::string_view text);

/// {"income", "discontent"} -> "income, discontent": names as names_in reads them back.
std::string join_names(const std::vector<std::string>& names);

} // namespace plansim::io
