#include "plansim/io/output_error.hpp"
#include "plansim/io/text_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace plansim;

namespace {

fs::path scratch_folder(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "plansim_text_file_tests" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string contents(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("a text file appears whole under its name and leaves no temporary file") {
  const auto dir = scratch_folder("whole");
  io::write_text_atomically(dir / "summary.csv", "a,b\n1,2\n");
  CHECK(contents(dir / "summary.csv") == "a,b\n1,2\n");
  io::write_text_atomically(dir / "summary.csv", "a,b\n3,4\n"); // replaces it
  CHECK(contents(dir / "summary.csv") == "a,b\n3,4\n");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

TEST_CASE("a link planted where the temporary file would go is not followed") {
  const auto dir = scratch_folder("planted");
  const fs::path victim = dir / "victim.txt";
  std::ofstream(victim) << "not yours";
  const fs::path target = dir / "summary.csv";
  // The temporary name a process of this id would have used: it must not be guessable.
  fs::create_symlink(victim, target.string() + ".partial." + std::to_string(::getpid()));
  io::write_text_atomically(target, "a,b\n");
  CHECK(contents(victim) == "not yours");
  CHECK_FALSE(fs::is_symlink(target));
  CHECK(contents(target) == "a,b\n");
}

TEST_CASE("an executable text file gets the execute bits") {
  const auto dir = scratch_folder("executable");
  io::write_text_atomically(dir / "submit.sh", "#!/bin/bash\n", io::FileMode::executable);
  CHECK((fs::status(dir / "submit.sh").permissions() & fs::perms::owner_exec) != fs::perms::none);
  io::write_text_atomically(dir / "plain.txt", "text\n");
  CHECK((fs::status(dir / "plain.txt").permissions() & fs::perms::owner_exec) == fs::perms::none);
}

TEST_CASE("a folder that cannot take the file is an OutputError and leaves nothing") {
  const auto dir = scratch_folder("refused");
  fs::create_directories(dir / "taken" / "inside"); // a non-empty folder under the final name
  CHECK_THROWS_AS(io::write_text_atomically(dir / "taken", "text\n"), io::OutputError);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  CHECK_THROWS_AS(io::write_text_atomically(dir / "missing" / "x.txt", "text\n"), io::OutputError);
}
