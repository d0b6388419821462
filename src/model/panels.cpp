// Panel snapshots of agents' fields (docs/ODD.md 7.11).

#include "plansim/model/panels.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <span>

namespace plansim::model {

namespace {

template <class Agent>
using FieldTable = std::vector<std::pair<std::string, double (*)(const Agent&)>>;

// The fields a panel snapshot can hold, by name.
const FieldTable<Enterprise>& panel_table() {
  static const FieldTable<Enterprise> table = {
      {"good", [](const Enterprise& f) { return static_cast<double>(f.good); }},
      {"capital", [](const Enterprise& f) { return f.capital; }},
      {"workers", [](const Enterprise& f) { return f.workers; }},
      {"skilled_workers", [](const Enterprise& f) { return double(f.skilled_workers); }},
      {"unskilled_workers", [](const Enterprise& f) { return double(f.unskilled_workers); }},
      {"capacity", [](const Enterprise& f) { return f.capacity; }},
      {"target", [](const Enterprise& f) { return f.target; }},
      {"output", [](const Enterprise& f) { return f.output; }},
      {"reported_output", [](const Enterprise& f) { return f.reported_output; }},
      {"honesty", [](const Enterprise& f) { return f.manager.honesty; }},
      {"experienced_shortage", [](const Enterprise& f) { return f.experienced_shortage; }},
      {"input_stock", [](const Enterprise& f) { return total_of(f.stock); }},
      {"output_stock", [](const Enterprise& f) { return f.output_stock; }},
      {"shipped", [](const Enterprise& f) { return f.shipped; }},
      {"effort", [](const Enterprise& f) { return f.effort; }},
      {"discontent", [](const Enterprise& f) { return f.discontent; }},
      {"norm", [](const Enterprise& f) { return f.norm; }},
      {"stopped", [](const Enterprise& f) { return f.stopped ? 1.0 : 0.0; }},
      {"committee", [](const Enterprise& f) { return f.committee ? 1.0 : 0.0; }},
  };
  return table;
}

const FieldTable<Household>& household_table() {
  static const FieldTable<Household> table = {
      {"region", [](const Household& h) { return static_cast<double>(h.region); }},
      {"skilled", [](const Household& h) { return h.skilled ? 1.0 : 0.0; }},
      {"workplace", [](const Household& h) { return h.workplace == Workplace::artel ? 1.0 : 0.0; }},
      {"employer", [](const Household& h) { return static_cast<double>(h.employer); }},
      {"income", [](const Household& h) { return h.income; }},
      {"money", [](const Household& h) { return h.money; }},
      {"forced_savings", [](const Household& h) { return h.forced_savings; }},
      {"budget", [](const Household& h) { return h.budget; }},
      {"spent", [](const Household& h) { return h.spent; }},
      {"consumption", [](const Household& h) { return h.consumption; }},
      {"expected_consumption", [](const Household& h) { return h.expected_consumption; }},
      {"discontent", [](const Household& h) { return h.discontent; }},
      {"effort", [](const Household& h) { return h.effort; }},
  };
  return table;
}

const FieldTable<Artel>& artel_table() {
  static const FieldTable<Artel> table = {
      {"region", [](const Artel& a) { return static_cast<double>(a.region); }},
      {"good", [](const Artel& a) { return static_cast<double>(a.good); }},
      {"capital", [](const Artel& a) { return a.capital; }},
      {"productivity", [](const Artel& a) { return a.productivity; }},
      {"price", [](const Artel& a) { return a.price; }},
      {"labour", [](const Artel& a) { return a.labour; }},
      {"members", [](const Artel& a) { return static_cast<double>(a.members); }},
      {"skilled_members", [](const Artel& a) { return static_cast<double>(a.skilled_members); }},
      {"aim", [](const Artel& a) { return a.aim; }},
      {"materials", [](const Artel& a) { return a.materials; }},
      {"output", [](const Artel& a) { return a.output; }},
      {"stock", [](const Artel& a) { return a.stock; }},
      {"sold", [](const Artel& a) { return a.sold; }},
      {"revenue", [](const Artel& a) { return a.revenue; }},
      {"pay", [](const Artel& a) { return a.pay; }},
      {"months_in_loss", [](const Artel& a) { return static_cast<double>(a.months_in_loss); }},
  };
  return table;
}

template <class Agent>
std::vector<std::string> names_of(const FieldTable<Agent>& table) {
  std::vector<std::string> out;
  for (const auto& [name, field] : table) {
    out.push_back(name);
  }
  return out;
}

template <class Agent>
auto field_of(const FieldTable<Agent>& table, const std::string& name) {
  const auto entry =
      std::find_if(table.begin(), table.end(), [&](const auto& e) { return e.first == name; });
  return entry == table.end() ? nullptr : entry->second;
}

// Fields of agents in order, field after field (unknown fields read 0: validated earlier).
template <class Agent>
std::vector<double> snapshot_of(std::span<const Agent> agents, const FieldTable<Agent>& table,
                                const std::vector<std::string>& fields) {
  std::vector<double> snapshot;
  snapshot.reserve(fields.size() * agents.size());
  for (const auto& name : fields) {
    const auto field = field_of(table, name);
    for (const auto& agent : agents) {
      snapshot.push_back(field ? field(agent) : 0.0);
    }
  }
  return snapshot;
}

// Fields of agents by id, field after field, id_bound() values each: NaN for ids not alive.
template <class Agent>
std::vector<double> snapshot_by_id(const engine::AgentStore<Agent>& store,
                                   const FieldTable<Agent>& table,
                                   const std::vector<std::string>& fields) {
  const std::size_t width = store.id_bound();
  std::vector<double> snapshot(fields.size() * width, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const auto field = field_of(table, fields[f]);
    double* row = snapshot.data() + f * width;
    for (std::size_t i = 0; i < store.size(); ++i) {
      row[store.id_at(i)] = field ? field(store[i]) : 0.0;
    }
  }
  return snapshot;
}

// The one place that lists the panel kinds, in frame order: visit(panel, take) for each kind
// with fields, where take() snapshots it now.
template <class Visit>
void for_each_panel(const World& world, Visit visit) {
  const auto& params = world.params;
  if (params.panel_every <= 0) {
    return;
  }
  if (!params.panel.empty()) {
    // By index, growing as enterprises are founded (they never close, so no column is NaN).
    visit(engine::PanelLayout{"enterprises", params.panel, world.enterprises.size(), true}, [&] {
      return snapshot_of(std::span<const Enterprise>(world.enterprises), panel_table(),
                         params.panel);
    });
  }
  if (!params.panel_households.empty()) {
    visit(engine::PanelLayout{"households", params.panel_households, world.households.id_bound(),
                              true},
          [&] {
            return snapshot_by_id(world.households, household_table(), params.panel_households);
          });
  }
  if (!params.panel_artels.empty()) {
    visit(engine::PanelLayout{"artels", params.panel_artels, world.artels.id_bound(), true},
          [&] { return snapshot_by_id(world.artels, artel_table(), params.panel_artels); });
  }
}

} // namespace

const std::vector<std::string>& enterprise_panel_fields() {
  static const std::vector<std::string> names = names_of(panel_table());
  return names;
}

const std::vector<std::string>& household_panel_fields() {
  static const std::vector<std::string> names = names_of(household_table());
  return names;
}

const std::vector<std::string>& artel_panel_fields() {
  static const std::vector<std::string> names = names_of(artel_table());
  return names;
}

std::vector<engine::PanelLayout> panel_layouts(const World& world) {
  std::vector<engine::PanelLayout> out;
  for_each_panel(world,
                 [&](engine::PanelLayout panel, const auto&) { out.push_back(std::move(panel)); });
  return out;
}

std::vector<std::vector<double>> panel_snapshots(const World& world) {
  std::vector<std::vector<double>> snapshots;
  for_each_panel(
      world, [&](const engine::PanelLayout&, const auto& take) { snapshots.push_back(take()); });
  return snapshots;
}

} // namespace plansim::model
