#pragma once

// Observation (docs/ODD.md 7.11): the series every run records each month, and the panel
// snapshots (panels.hpp).
//
// Reads: everything in the world; the month's counts the subsystems keep (job moves, artels
// formed and closed, managers replaced, second-choice spending, tension, quits, stoppages,
// inventions and adoptions).
// Changes: nothing but the recorder.

#include "plansim/engine/metrics.hpp"
#include "plansim/model/world.hpp"

#include <vector>

namespace plansim::model {

class ArtelSector;
class Investment;
class LabourMarket;
class Production;
class StateRetail;
class Technology;
class Work;

/// The subsystems whose monthly counts the metrics read.
struct MonthlyCounts {
  const Production& production;
  const StateRetail& retail;
  const LabourMarket& labour;
  const Work& work;
  const ArtelSector& artels;
  const Investment& investment;
  const Technology& technology;
};

class Metrics {
public:
  /// Registers every series in `registry` (the columns of grouped series from the world).
  Metrics(const World& world, engine::MetricsRegistry& registry, MonthlyCounts counts);

  /// Records this month's values (and the panels, when one is due) into `recorder`.
  void record(int tick, engine::Recorder& recorder) const;

private:
  const World& world_;
  MonthlyCounts counts_;
  std::vector<engine::SeriesId> ids_; // in the order the constructor registers them
};

} // namespace plansim::model
