#pragma once

// The economy (docs/ODD.md, docs/architecture.md): the world and the subsystems that act on
// it, run as a fixed sequence of phases each month. It records its metrics into a Recorder; it
// knows nothing of files, YAML or threads (parallel loops come from the engine).

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/metrics.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/model/artel_sector.hpp"
#include "plansim/model/bureaucracy.hpp"
#include "plansim/model/initialisation.hpp"
#include "plansim/model/investment.hpp"
#include "plansim/model/labour_market.hpp"
#include "plansim/model/metrics.hpp"
#include "plansim/model/params.hpp"
#include "plansim/model/planning/planner.hpp"
#include "plansim/model/policy_event.hpp"
#include "plansim/model/production.hpp"
#include "plansim/model/retail.hpp"
#include "plansim/model/supply.hpp"
#include "plansim/model/technology.hpp"
#include "plansim/model/work.hpp"
#include "plansim/model/world.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace plansim::model {

/// What the policy timeline does at a tick: parameter changes already made (described for the
/// event log) and structural events for the economy to apply.
struct PolicyChanges {
  std::vector<std::string> parameter_changes;
  std::vector<PolicyEvent> events;
};

class Economy {
public:
  /// `policy` is called at the start of every tick and may change the parameters (the
  /// scenario's policy timeline) and ask for structural events.
  using PolicyHook = std::function<PolicyChanges(int tick, EconomyParams& params)>;
  using Event = LoggedEvent;
  using Panel = engine::PanelLayout;

  /// Builds the world from the parameters and the seed. With `keep_history` the recorded
  /// frames stay in memory; otherwise a writer thread must drain the recorder.
  explicit Economy(EconomyParams params, bool keep_history = true);
  Economy(const Economy&) = delete;
  Economy& operator=(const Economy&) = delete;

  const EconomyParams& params() const { return world_.params; }
  const engine::Calendar& calendar() const { return world_.calendar; }
  const engine::MetricsRegistry& registry() const { return registry_; }
  engine::Recorder& recorder() { return recorder_; }
  const engine::Recorder& recorder() const { return recorder_; }
  engine::Pipeline& pipeline() { return pipeline_; }
  const World& world() const { return world_; }
  const Goods& goods() const { return world_.goods; }
  const std::vector<Enterprise>& enterprises() const { return world_.enterprises; }
  const Hierarchy& hierarchy() const { return world_.hierarchy; }
  const engine::AgentStore<Household>& households() const { return world_.households; }
  const std::vector<Soldier>& serving() const { return world_.serving; }
  const engine::AgentStore<Artel>& artels() const { return world_.artels; }
  const ConsumerMarkets& markets() const { return world_.markets; }
  /// The state wage of an unskilled worker this year (a skilled one earns skill_premium times).
  double state_wage() const { return labour_.unskilled_wage(); }
  /// The planning method in force.
  const Planner& planner() const { return *planner_; }

  /// Applies a structural event now (the policy phase does this for the timeline's events).
  void apply(const PolicyEvent& event, int tick);

  void set_policy(PolicyHook hook) { policy_ = std::move(hook); }
  /// Events (policy changes, structural events, stop-go cuts) logged since the last call.
  std::vector<Event> take_events();

  /// The enterprise, household and artel fields a panel snapshot can hold.
  static const std::vector<std::string>& panel_fields();
  static const std::vector<std::string>& household_panel_fields();
  static const std::vector<std::string>& artel_panel_fields();
  /// The panels snapshotted, in the order of a recorded frame's panels (panels.hpp).
  std::vector<Panel> panels() const;

  /// The names of the series every run records, as run files store them: "output_true",
  /// "by_sector/output_true" (the columns of grouped series depend on the world).
  static const std::vector<std::string>& series_names();

  /// Runs every tick (tests; the CLI runs the pipeline through engine::run_ticks).
  void run();

private:
  Economy(InitialWorld initial, bool keep_history);
  void apply_policy(int tick);
  void plan_the_year(int tick);
  void work(int tick);

  World world_;
  std::unique_ptr<Planner> planner_;
  Bureaucracy bureaucracy_;
  Production production_;
  Supply supply_;
  ArtelSector artel_sector_;
  StateRetail retail_;
  LabourMarket labour_;
  Work work_;
  Investment investment_;
  Technology technology_;
  PolicyHook policy_;

  engine::MetricsRegistry registry_;
  engine::Recorder recorder_;
  Metrics metrics_;
  engine::Pipeline pipeline_;
};

} // namespace plansim::model
