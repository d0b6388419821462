#include "plansim/io/comma_list.hpp"

namespace plansim::io {

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> items;
  // Like std::getline on ',': nothing after a final comma (or in an empty text) is no item.
  for (std::size_t begin = 0; begin < text.size();) {
    const auto comma = std::min(text.find(',', begin), text.size());
    const auto item = text.substr(begin, comma - begin);
    const auto first = item.find_first_not_of(" \t\r");
    items.emplace_back(first == std::string_view::npos
                           ? std::string_view()
                           : item.substr(first, item.find_last_not_of(" \t\r") - first + 1));
    begin = comma + 1;
  }
  return items;
}

std::vector<std::string> names_in(std::string_view text) {
  std::vector<std::string> names;
  for (auto& item : split_commas(text)) {
    if (!item.empty()) {
      names.push_back(std::move(item));
    }
  }
  return names;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

} // namespace plansim::io
