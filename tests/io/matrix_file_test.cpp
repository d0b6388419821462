#include "plansim/io/config.hpp"
#include "plansim/io/economy_params.hpp"
#include "plansim/io/matrix_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace plansim;

namespace {
fs::path write(const std::string& name, const std::string& text) {
  const auto dir = fs::temp_directory_path() / "plansim_matrix_tests" / "data";
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}
} // namespace

TEST_CASE("a matrix CSV is read entry by entry") {
  const auto path = write("ok.csv", "good,input,coefficient\n0,3,0.2\n 5 , 4 , 0.1 \n\n");
  const auto entries = io::read_matrix_csv(path.string());
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].good == 5);
  CHECK(entries[1].input == 4);
  CHECK(entries[1].coefficient == 0.1);
}

TEST_CASE("malformed matrix lines are reported with their line numbers") {
  const auto path = write("bad.csv", "good,input,coef\n0,3,x\n-1,2,0.1\n1,2\n");
  try {
    io::read_matrix_csv(path.string());
    FAIL("expected an error");
  } catch (const io::ConfigError& error) {
    REQUIRE(error.diagnostics().size() == 4);
    CHECK(error.diagnostics()[0].to_string() ==
          path.string() + ":1:1: expected the header 'good,input,coefficient'");
    CHECK(error.diagnostics()[1].place.line == 2);
    CHECK(error.diagnostics()[2].place.line == 3);
    CHECK(error.diagnostics()[3].place.line == 4);
  }
  CHECK_THROWS_AS(io::read_matrix_csv("/nonexistent/m.csv"), io::ConfigError);
}

TEST_CASE("a scenario names its matrix relative to itself, and a bad matrix is refused") {
  write("m.csv", "good,input,coefficient\n0,5,0.2\n11,4,0.3\n");
  const auto scenario = write("s.yaml", "scale: tiny\ngoods:\n  matrix_file: m.csv\n");
  const auto params = io::economy_params_from(io::load_scenario(scenario.string()));
  REQUIRE(params.goods.matrix.size() == 2);
  CHECK(params.goods.matrix[1].good == 11);

  write("unproductive.csv", "good,input,coefficient\n0,5,1.2\n");
  const auto bad = write("bad.yaml", "scale: tiny\ngoods:\n  matrix_file: unproductive.csv\n");
  CHECK_THROWS_WITH_AS(io::economy_params_from(io::load_scenario(bad.string())),
                       doctest::Contains("bad.yaml:3:16: the input-output matrix: good 0 needs"),
                       io::ConfigError);
}

TEST_CASE("an empty, header-only or folder matrix file is refused, not replaced by a drawn one") {
  const auto empty = write("empty.csv", "");
  CHECK_THROWS_WITH_AS(io::read_matrix_csv(empty.string()),
                       doctest::Contains("empty.csv: the matrix file is empty"), io::ConfigError);
  const auto header = write("header.csv", "good,input,coefficient\n\n");
  CHECK_THROWS_WITH_AS(io::read_matrix_csv(header.string()),
                       doctest::Contains("header.csv: the matrix file holds no coefficients"),
                       io::ConfigError);
  const auto folder = empty.parent_path() / "folder.csv";
  fs::create_directories(folder);
  CHECK_THROWS_WITH_AS(io::read_matrix_csv(folder.string()),
                       doctest::Contains("folder.csv: is a folder, not a matrix file"),
                       io::ConfigError);
  const auto scenario = write("header.yaml", "scale: tiny\ngoods:\n  matrix_file: header.csv\n");
  CHECK_THROWS_AS(io::economy_params_from(io::load_scenario(scenario.string())), io::ConfigError);
}
