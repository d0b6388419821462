#include "plansim/cli/command.hpp"
#include "plansim/cli/exit_codes.hpp"
#include "plansim/io/comma_list.hpp"
#include "plansim/io/isolated_read.hpp"
#include "plansim/io/run_file_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace plansim::cli {

namespace po = boost::program_options;

namespace {

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

// The whole report, read before anything is printed: a file damaged past its header fails
// cleanly instead of half-way through the listing.
std::string report_of(const std::string& path) {
  const io::RunFileSummary run = io::read_run_summary(path);
  std::ostringstream out;
  out << path << ": plansim run (" << run.schema << "), " << run.status << '\n'
      << "  written by plansim " << run.plansim_version << " (commit " << run.git_commit << ") on "
      << run.created << '\n'
      << "  seed " << run.seed << ", " << run.threads
      << (run.threads == 1 ? " thread\n" : " threads\n") << "  " << run.ticks << " ticks from "
      << run.start << " to " << run.last << " (" << run.months_per_tick << " month"
      << (run.months_per_tick == 1 ? "" : "s") << " per tick)\n";
  for (const auto& warning : run.warnings) {
    out << "  warning: " << warning << '\n';
  }
  out << "\nseries (" << run.series.size() << "):\n";
  for (const auto& series : run.series) {
    out << "  " << series.path << " [" << series.units << "]: " << series.description << '\n';
    if (series.columns.empty()) {
      out << "      " << headline(io::read_series(path, series.path)) << '\n';
    } else {
      out << "      columns: " << io::join_names(series.columns) << '\n';
    }
  }
  for (const auto& panel : run.panels) {
    out << "\npanel/" << panel.kind << ": " << panel.snapshots << " snapshots x " << panel.columns
        << (panel.kind == "enterprises" ? " enterprises" : " ids (NaN: not alive)") << '\n'
        << "  fields: " << io::join_names(panel.fields) << '\n';
  }
  return out.str();
}

int execute_info(const po::variables_map& values, Streams streams) {
  const auto path = values["file"].as<std::string>();
  std::string report;
  try {
    report = io::read_isolated(path, [&] {
      try {
        return report_of(path);
      } catch (const io::RunFileError&) {
        throw;
      } catch (const std::runtime_error& error) { // HDF5 errors reading a damaged dataset
        throw io::RunFileError(path + ": damaged run file: " + error.what());
      }
    });
  } catch (const io::RunFileError& error) {
    streams.err << "plansim info: " << error.what() << '\n';
    return exit_bad_input;
  }
  streams.out << report;
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
