#pragma once

#include "plansim/engine/agent_store.hpp"
#include "plansim/engine/calendar.hpp"
#include "plansim/engine/channel.hpp"
#include "plansim/engine/metrics.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/model/artel.hpp"
#include "plansim/model/consumer_markets.hpp"
#include "plansim/model/enterprise.hpp"
#include "plansim/model/goods.hpp"
#include "plansim/model/hierarchy.hpp"
#include "plansim/model/household.hpp"
#include "plansim/model/params.hpp"
#include "plansim/model/policy_event.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace plansim::model {

/// A state shop's monthly report on one (region, consumer good) cell, travelling to the
/// state trade organisation through the report channel.
struct RetailReport {
  std::uint32_t cell = 0;
  double wanted = 0.0;
  double unmet = 0.0;

  template <class F>
  void for_each_number(F&& f) {
    f(wanted);
    f(unmet);
  }
};

/// What the policy timeline does at a tick: parameter changes already made (described for the
/// event log) and structural events for the economy to apply.
struct PolicyChanges {
  std::vector<std::string> parameter_changes;
  std::vector<PolicyEvent> events;
};

/// The economy (docs/ODD.md): goods, state enterprises, the bureau hierarchy and the planner;
/// households, state shops and artels; run as a fixed sequence of phases each month. It
/// records its metrics into a Recorder; it knows nothing of files, YAML or threads (parallel
/// loops come from the engine).
class Economy {
public:
  /// `policy` is called at the start of every tick and may change the parameters (the
  /// scenario's policy timeline) and ask for structural events.
  using PolicyHook = std::function<PolicyChanges(int tick, EconomyParams& params)>;

  /// Builds the world from the parameters and the seed. With `keep_history` the recorded
  /// frames stay in memory; otherwise a writer thread must drain the recorder.
  explicit Economy(EconomyParams params, bool keep_history = true);

  const EconomyParams& params() const { return params_; }
  const engine::Calendar& calendar() const { return calendar_; }
  const engine::MetricsRegistry& registry() const { return registry_; }
  engine::Recorder& recorder() { return recorder_; }
  const engine::Recorder& recorder() const { return recorder_; }
  engine::Pipeline& pipeline() { return pipeline_; }
  const Goods& goods() const { return goods_; }
  const std::vector<Enterprise>& enterprises() const { return enterprises_; }
  const Hierarchy& hierarchy() const { return hierarchy_; }
  const engine::AgentStore<Household>& households() const { return households_; }
  const engine::AgentStore<Artel>& artels() const { return artels_; }
  const ConsumerMarkets& markets() const { return markets_; }
  /// The state wage of an unskilled worker this year (a skilled one earns skill_premium times).
  double state_wage() const { return wage_unskilled_; }

  /// Applies a structural event now (the policy phase does this for the timeline's events).
  void apply(const PolicyEvent& event, int tick);

  void set_policy(PolicyHook hook) { policy_ = std::move(hook); }
  /// Events (policy changes, audits) logged by the last tick, as (tick, name, detail).
  struct Event {
    int tick;
    std::string name;
    std::string detail;
  };
  std::vector<Event> take_events();

  /// The enterprise fields a panel snapshot can hold.
  static const std::vector<std::string>& panel_fields();
  /// The household fields a panel snapshot can hold.
  static const std::vector<std::string>& household_panel_fields();
  /// The artel fields a panel snapshot can hold.
  static const std::vector<std::string>& artel_panel_fields();

  /// The kinds of agent the run snapshots every params().panel_every ticks (enterprises fixed,
  /// households and artels by id).
  using Panel = engine::PanelLayout;
  /// The panels snapshotted, in the order of a recorded frame's panels: enterprises,
  /// households, artels, each only when its field list is not empty (none when panel_every
  /// is 0).
  std::vector<Panel> panels() const;

  /// The names of the series every run records, as run files store them: "output_true",
  /// "by_sector/output_true" (the columns of grouped series depend on the world).
  static const std::vector<std::string>& series_names();

  /// Runs every tick (tests; the CLI runs the pipeline through engine::run_ticks).
  void run();

private:
  /// Calls visit(panel, take) for each panel kind, in frame order (take() snapshots it now):
  /// panels() and the recorded snapshots come from this one list.
  template <class Visit>
  void for_each_panel(Visit visit) const;
  void build_enterprises();
  void build_households();
  void build_artels();
  void assign_jobs_at_start();
  void calibrate_capacity();
  void calibrate_artels(double consumer_output_per_labour);
  void build_metrics();

  // Phases, in order.
  void apply_policy(int tick);
  void deliver_directives(int tick);
  void plan(int tick);
  void produce_and_report(int tick);
  void pass_reports_up(int tick);
  void allocate_goods(int tick);
  void run_artels(int tick);
  void shop(int tick);
  void work(int tick);
  double excess_demand(std::size_t good) const;
  std::array<double, sector_count>
  placed_split(const std::array<double, sector_count>& capital,
               const std::array<double, sector_count>& usable) const;
  void invest(int tick);
  void record(int tick);

  // Consumer side (economy_consumers.cpp).
  void deliver_to_shops(int tick);
  void supply_artels();
  void shop_in_region(std::size_t region, int tick);
  void report_retail(int tick);
  void pay_workers();
  void close_failed_artels(int tick);
  void move_jobs(int tick);
  void form_artels(int tick);
  void grow_workforce(int tick);
  void set_wages();
  void count_labour();
  void index_households();
  std::uint32_t hire_into_state(std::uint32_t region, engine::RandomStream& random) const;
  double state_pay(const Household& h) const;
  double market_price(std::size_t good) const;

  void material_balances(int tick);
  void cut_users_to_fit(std::size_t good);
  void send_targets_down(int tick);
  void split_directive(std::size_t level, std::uint32_t node, double target, int tick);
  void adjust_staff();
  bool reports_due(int tick) const;
  double true_capacity_of_good(std::size_t good) const;

  EconomyParams params_;
  engine::Calendar calendar_;
  Goods goods_;
  std::vector<Enterprise> enterprises_;
  std::vector<std::size_t> enterprise_offsets_; ///< enterprises of good g: [off[g], off[g+1])
  Hierarchy hierarchy_;
  PolicyHook policy_;
  std::vector<Event> events_;

  // The plan, per good (monthly rates).
  std::vector<double> planned_output_;
  std::vector<double> planned_investment_;
  std::vector<double> plan_floor_; ///< the planner never cuts a good's target below this
  // Market prices (1 = base price) and last month's demand and supply per good.
  std::vector<double> price_;
  std::vector<double> demand_;
  std::vector<double> supply_;
  // Final uses this month, per good.
  std::vector<double> consumer_demand_; ///< state consumer goods wanted in the first year
  std::vector<double> consumer_wanted_; ///< last month's household demand, by good
  std::vector<double> consumer_delivered_;
  std::vector<double> investment_delivered_;
  std::vector<double> military_delivered_;
  // Input requests grouped by good: (enterprise, input position), in enterprise order.
  std::vector<std::size_t> request_offsets_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> requests_;
  // Construction under way: investment of month t completes construction_lag months later.
  std::vector<double> construction_;
  int stop_go_months_left_ = 0;
  double tension_ = 0.0;
  int managers_replaced_ = 0;

  // Consumer side.
  engine::AgentStore<Household> households_;
  engine::AgentStore<Artel> artels_;
  ConsumerMarkets markets_;
  engine::Channel<RetailReport> retail_reports_;
  std::vector<std::vector<std::size_t>> households_in_region_; ///< store indices, by region
  std::vector<std::vector<std::size_t>> artels_in_cell_;       ///< artel indices, by cell
  std::vector<double> material_per_unit_; ///< composite inputs per unit of each good
  std::vector<double> waste_pool_;        ///< by region: state industry's waste this month
  std::vector<double> substituted_;       ///< by region: spending on second-choice goods
  std::vector<std::vector<std::size_t>> enterprises_in_region_;
  std::vector<double> seen_unmet_, seen_wanted_; ///< scratch: what one artel sees
  double wage_unskilled_ = 1.0;
  double norm_reference_ = 1.0;           ///< the work norm households are used to
  double artel_capital_per_labour_ = 1.0; ///< for new artels
  double artel_productivity_ = 1.0;       ///< for new artels
  double artel_tax_ = 0.0;           ///< share of artel sales taken by the state (set at the start)
  double consumer_goods_sold_ = 0.0; ///< state consumer goods delivered a month, smoothed
  double planned_consumer_goods_ = 0.0; ///< last plan's consumer goods, for its growth
  bool artels_restricted_ = false;
  bool artels_nationalised_ = false;
  int job_moves_ = 0;
  int artels_formed_ = 0;
  int artels_closed_ = 0;

  engine::MetricsRegistry registry_;
  engine::Recorder recorder_;
  engine::Pipeline pipeline_;
  std::vector<engine::SeriesId> ids_; // in the order build_metrics() registers them
};

} // namespace plansim::model
