#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/io/run_file_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <ostream>
#include <string>

namespace plansim::cli {

namespace po = boost::program_options;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) {
    text += (text.empty() ? "" : ", ") + item;
  }
  return text;
}

// First, last, min and max of a scalar series: the headline figures.
std::string headline(const std::vector<double>& values) {
  if (values.empty()) {
    return "(empty)";
  }
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  char text[160];
  std::snprintf(text, sizeof text, "first %.4g  last %.4g  min %.4g  max %.4g", values.front(),
                values.back(), *low, *high);
  return text;
}

int execute_info(const po::variables_map& values, Streams streams) {
  const auto path = values["file"].as<std::string>();
  io::RunFileSummary run;
  try {
    run = io::read_run_summary(path);
  } catch (const io::RunFileError& error) {
    streams.err << "plansim info: " << error.what() << '\n';
    return exit_bad_input;
  }
  auto& out = streams.out;
  out << path << ": plansim run (" << run.schema << "), " << run.status << '\n'
      << "  written by plansim " << run.plansim_version << " (commit " << run.git_commit << ") on "
      << run.created << '\n'
      << "  seed " << run.seed << ", " << run.threads << " threads\n"
      << "  " << run.ticks << " ticks from " << run.start << " to " << run.last << " ("
      << run.months_per_tick << " month" << (run.months_per_tick == 1 ? "" : "s")
      << " per tick)\n\n"
      << "series (" << run.series.size() << "):\n";
  for (const auto& series : run.series) {
    out << "  " << series.path << " [" << series.units << "]: " << series.description << '\n';
    if (series.columns.empty()) {
      out << "      " << headline(io::read_series(path, series.path)) << '\n';
    } else {
      out << "      columns: " << join(series.columns) << '\n';
    }
  }
  return exit_ok;
}

} // namespace

Command info_command() {
  Command command;
  command.name = "info";
  command.synopsis = "info FILE.h5";
  command.summary = "Print a run file's provenance, length, series and headline figures";
  command.declare = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("file", po::value<std::string>()->required(), "run file (.h5)");
    p.add("file", 1);
  };
  command.execute = execute_info;
  return command;
}

} // namespace plansim::cli
