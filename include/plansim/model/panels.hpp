#pragma once

// Panel snapshots (docs/ODD.md 7.11): chosen fields of every enterprise (by index) and of
// every household and artel (by id) every output.panel.every ticks.

#include "plansim/engine/metrics.hpp"
#include "plansim/model/world.hpp"

#include <string>
#include <vector>

namespace plansim::model {

/// The enterprise fields a panel snapshot can hold.
const std::vector<std::string>& enterprise_panel_fields();
/// The household fields a panel snapshot can hold.
const std::vector<std::string>& household_panel_fields();
/// The artel fields a panel snapshot can hold.
const std::vector<std::string>& artel_panel_fields();

/// The panels a run snapshots, in the order of a recorded frame's panels: enterprises,
/// households, artels, each only when its field list is not empty (none when panel_every
/// is 0).
std::vector<engine::PanelLayout> panel_layouts(const World& world);
/// The panels' snapshots now, in the same order.
std::vector<std::vector<double>> panel_snapshots(const World& world);

} // namespace plansim::model
