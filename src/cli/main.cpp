#include "plansim/cli/command.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return plansim::cli::run_cli(args, plansim::cli::Streams{std::cout, std::cerr});
}
