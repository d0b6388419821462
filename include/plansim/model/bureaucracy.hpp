#pragma once

// The bureaucracy (docs/ODD.md 7.3): glavks, ministries and Gosplan pass reports up and
// directives down through their delayed, noisy channels, as fast as their staff can; they hire
// when reports pile up; each January officials are promoted by competence or loyalty, and the
// centre may add indicators to every report after a year of caught cheating.
//
// Reads: enterprises' targets and the reports the hierarchy knows; bureaucracy.* and
// enterprises.ratchet / bonus_scheme parameters.
// Changes: the hierarchy (known reports, targets, bureaus' staff and competence, channels);
// enterprises' targets.

#include "plansim/model/world.hpp"

#include <cstdint>

namespace plansim::model {

class Bureaucracy {
public:
  explicit Bureaucracy(World& world) : world_(world) {}

  /// Directives arriving this month move down, level by level; each bureau splits its target
  /// among the units below it.
  void pass_directives_down(int tick);
  /// Each January bureaus are staffed by officials chosen by competence or loyalty.
  void promote(int tick);
  /// Each level processes the reports that reach it, then (when reports are due) each node
  /// sends the sum over its children upward with the noise and career bias its bureau adds;
  /// then bureaus hire or shed staff.
  void pass_reports_up(int tick, bool reports_due);
  /// Counts the managers the month's audits caught falsifying.
  void note_caught(int managers) { caught_this_year_ += managers; }
  /// Each January the reports carry more indicators after a year of caught cheating
  /// (bureaucracy.control_response).
  void tighten_controls();

private:
  void split_directive(std::size_t level, std::uint32_t node, double target, int tick);
  void adjust_staff();

  World& world_;
  int caught_this_year_ = 0;
};

/// Gosplan sends each ministry the planned output of its good (world.plan.output).
void send_targets_down(World& world, int tick);

} // namespace plansim::model
