// The economy's phases and their order (docs/ODD.md section 3).

#include "plansim/model/economy.hpp"

#include "plansim/model/panels.hpp"
#include "plansim/model/structural_events.hpp"
#include "plansim/model/war_mobilisation.hpp"

namespace plansim::model {

Economy::Economy(EconomyParams params, bool keep_history)
    : Economy(initialise(std::move(params)), keep_history) {}

Economy::Economy(InitialWorld initial, bool keep_history)
    : world_(std::move(initial.world)), planner_(make_planner(world_.params.planner.method)),
      bureaucracy_(world_), production_(world_), supply_(world_),
      artel_sector_(world_, initial.start), retail_(world_),
      labour_(world_, initial.start.unskilled_wage), work_(world_), investment_(world_),
      technology_(world_), recorder_(registry_, keep_history),
      metrics_(world_, registry_,
               MonthlyCounts{production_, retail_, labour_, work_, artel_sector_, investment_,
                             technology_}) {
  pipeline_.add_phase("policy", [this](int t) {
    apply_policy(t);
    work_.organise_enterprises();
  });
  pipeline_.add_phase("deliver", [this](int t) { bureaucracy_.pass_directives_down(t); });
  pipeline_.add_phase("plan", [this](int t) { plan_the_year(t); });
  pipeline_.add_phase("produce", [this](int t) { production_.produce_and_report(t, *planner_); });
  pipeline_.add_phase("report", [this](int t) {
    bureaucracy_.note_caught(production_.managers_replaced());
    bureaucracy_.pass_reports_up(t, planner_->reports_due(world_.calendar, t));
  });
  pipeline_.add_phase("allocate", [this](int t) {
    supply_.deliver(*planner_, investment_.stop_go_factor());
    retail_.stock_shops(t);
  });
  pipeline_.add_phase("artels", [this](int t) { artel_sector_.decide_and_produce(t); });
  pipeline_.add_phase("shop", [this](int t) { retail_.shop(t); });
  pipeline_.add_phase("work", [this](int t) { work(t); });
  pipeline_.add_phase("invest", [this](int t) {
    investment_.invest(t);
    technology_.invent(t);
    technology_.adopt(t, planner_->ratchets_targets());
  });
  pipeline_.add_phase("record", [this](int t) { metrics_.record(t, recorder_); });
}

// The timeline's parameter changes and structural events; a change of planner.method swaps
// the planner.
void Economy::apply_policy(int tick) {
  restart_evacuated_plant(world_, tick);
  if (!policy_) {
    return;
  }
  auto changes = policy_(tick, world_.params);
  for (auto& description : changes.parameter_changes) {
    world_.log(tick, "policy", std::move(description));
  }
  for (const auto& event : changes.events) {
    apply(event, tick);
  }
  if (world_.params.planner.method != planner_->method()) {
    planner_ = make_planner(world_.params.planner.method);
  }
}

// Each January (and at the start): new indicators and promotion in the bureaus, the ministries'
// review of the artels' competition, the plan, the state wage.
void Economy::plan_the_year(int tick) {
  if (!world_.calendar.starts_year(tick) && tick != 0) {
    return;
  }
  bureaucracy_.tighten_controls();
  bureaucracy_.promote(tick);
  artel_sector_.review_hostility(tick);
  planner_->plan(world_, tick);
  labour_.set_wages(*planner_);
}

// Artels settle their accounts, workers are paid and book the month, failed artels close,
// workers change jobs, new artels form, each January the workforce grows; then workers choose
// next month's effort, every employer counts its labour, norms adjust and discontented
// enterprises may stop work.
void Economy::work(int tick) {
  artel_sector_.settle_accounts(labour_.unskilled_wage());
  labour_.pay_and_settle_households();
  artel_sector_.close_failed(tick);
  labour_.move_jobs(tick);
  artel_sector_.note_skilled_losses(labour_.skilled_to_artels());
  artel_sector_.form(tick, labour_.unskilled_wage());
  labour_.grow_workforce(tick);
  work_.choose_effort();
  count_labour(world_);
  work_.adjust_norms(tick);
  work_.decide_stoppages(tick);
}

void Economy::apply(const PolicyEvent& event, int tick) {
  apply_structural_event(world_, artel_sector_, event, tick, labour_.unskilled_wage());
}

std::vector<Economy::Event> Economy::take_events() {
  std::vector<Event> out;
  out.swap(world_.events);
  return out;
}

void Economy::run() {
  for (int tick = 0; tick < world_.calendar.tick_count(); ++tick) {
    pipeline_.run_tick(tick);
  }
}

const std::vector<std::string>& Economy::panel_fields() {
  return enterprise_panel_fields();
}

const std::vector<std::string>& Economy::household_panel_fields() {
  return model::household_panel_fields();
}

const std::vector<std::string>& Economy::artel_panel_fields() {
  return model::artel_panel_fields();
}

std::vector<Economy::Panel> Economy::panels() const {
  return panel_layouts(world_);
}

const std::vector<std::string>& Economy::series_names() {
  static const std::vector<std::string> names = [] {
    EconomyParams tiny; // the smallest world that has every series
    tiny.end = tiny.start;
    tiny.goods.count = 12;
    tiny.enterprises.count = 12;
    tiny.enterprises.workers = 24;
    tiny.regions = 1;
    tiny.artels.count = 1;
    const Economy economy(tiny);
    std::vector<std::string> out;
    for (const auto& spec : economy.registry().series()) {
      out.push_back(spec.is_scalar() ? spec.name : "by_" + spec.group + "/" + spec.name);
    }
    return out;
  }();
  return names;
}

} // namespace plansim::model
