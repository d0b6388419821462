#include "plansim/io/matrix_file.hpp"

#include "plansim/io/comma_list.hpp"
#include "plansim/io/config.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace plansim::io {

namespace {

bool parse_index(const std::string& text, std::uint32_t& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

[[noreturn]] void refuse(const std::string& path, const std::string& message) {
  throw ConfigError({Diagnostic{SourcePlace{path, 0, 0}, message}});
}

} // namespace

std::vector<model::MatrixEntry> read_matrix_csv(const std::string& path) {
  // A file that names no coefficient would leave the matrix empty, which means "draw one":
  // a matrix file must give one.
  if (std::filesystem::is_directory(path)) {
    refuse(path, "is a folder, not a matrix file");
  }
  std::ifstream in(path);
  if (!in) {
    refuse(path, "cannot read the matrix file");
  }
  std::vector<model::MatrixEntry> entries;
  std::vector<Diagnostic> problems;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto fields = split_commas(line);
    if (number == 1) {
      if (fields != std::vector<std::string>{"good", "input", "coefficient"}) {
        problems.push_back(
            Diagnostic{SourcePlace{path, 1, 1}, "expected the header 'good,input,coefficient'"});
      }
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    }
    model::MatrixEntry entry{};
    char* end = nullptr;
    const bool ok = fields.size() == 3 && parse_index(fields[0], entry.good) &&
                    parse_index(fields[1], entry.input) &&
                    ((entry.coefficient = std::strtod(fields[2].c_str(), &end)), true) &&
                    end == fields[2].c_str() + fields[2].size() && !fields[2].empty() &&
                    std::isfinite(entry.coefficient);
    if (!ok) {
      problems.push_back(Diagnostic{SourcePlace{path, number, 1},
                                    "expected 'good,input,coefficient' (two indices and a "
                                    "number), got '" +
                                        line + "'"});
      continue;
    }
    entries.push_back(entry);
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  if (number == 0) {
    refuse(path, "the matrix file is empty: it needs the header 'good,input,coefficient' and a "
                 "line for each nonzero coefficient");
  }
  if (entries.empty()) {
    refuse(path, "the matrix file holds no coefficients, only its header (leave "
                 "goods.matrix_file empty to draw a matrix)");
  }
  return entries;
}

} // namespace plansim::io
