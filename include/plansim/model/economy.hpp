#pragma once

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/metrics.hpp"
#include "plansim/engine/pipeline.hpp"
#include "plansim/model/enterprise.hpp"
#include "plansim/model/goods.hpp"
#include "plansim/model/hierarchy.hpp"
#include "plansim/model/params.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace plansim::model {

/// The planned economy (docs/ODD.md): goods, state enterprises, the bureau hierarchy and the
/// planner, run as a fixed sequence of phases each month. It records its metrics into a
/// Recorder; it knows nothing of files, YAML or threads (parallel loops come from the engine).
class Economy {
public:
  /// `policy` is called at the start of every tick and may change the parameters (the
  /// scenario's policy timeline); it returns descriptions of what it did, for the event log.
  using PolicyHook = std::function<std::vector<std::string>(int tick, EconomyParams& params)>;

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

  /// Runs every tick (tests; the CLI runs the pipeline through engine::run_ticks).
  void run();

private:
  void build_enterprises();
  void calibrate_capacity();
  void build_metrics();

  // Phases, in order.
  void apply_policy(int tick);
  void deliver_directives(int tick);
  void plan(int tick);
  void produce_and_report(int tick);
  void pass_reports_up(int tick);
  void allocate_goods(int tick);
  void invest(int tick);
  void record(int tick);

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
  std::vector<double> warehouse_;
  // Final uses this month, per good.
  std::vector<double> consumer_demand_; ///< at base prices: the fixed final demand
  std::vector<double> consumer_wanted_; ///< this month (at market prices under the market)
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

  engine::MetricsRegistry registry_;
  engine::Recorder recorder_;
  engine::Pipeline pipeline_;
  std::vector<engine::SeriesId> ids_; // in the order build_metrics() registers them
};

} // namespace plansim::model
