#pragma once

// The labour market and the wage fund (docs/ODD.md 7.6): state pay, artel members' pay,
// households' monthly books and discontent, job moves and the growing workforce.
//
// Reads: the plan's consumer goods, the shops' sales and artels' sales (the wage fund, through
// the planner's view of growth); artels' pay, capacity and membership (job moves);
// enterprises' capital (hiring); households.* parameters.
// Changes: households' employer, income, money, forced savings and discontent; artels'
// openings; the households store (newcomers each January); enterprises' and artels' labour
// (count_labour).

#include "plansim/engine/random.hpp"
#include "plansim/model/state_hiring.hpp"
#include "plansim/model/work.hpp"
#include "plansim/model/world.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace plansim::model {

class Planner;

class LabourMarket {
public:
  LabourMarket(World& world, double unskilled_wage);

  /// The state wage of an unskilled worker this year (a skilled one earns skill_premium times).
  double unskilled_wage() const { return wage_unskilled_; }
  double state_pay(const Household& h) const {
    return model::state_pay(h, wage_unskilled_, world_.params.households);
  }
  /// Workers who changed jobs this month.
  int job_moves() const { return job_moves_; }
  /// State workers who left their enterprise for another out of discontent this month.
  int quits() const { return quits_; }
  /// Skilled state workers who left to join an artel this month (and were not replaced).
  int skilled_to_artels() const { return skilled_to_artels_; }

  /// Each January, with the plan: the state wage so that the money households will spend
  /// matches the consumer goods the state expects to sell (grown as `planner` sees the plan
  /// growing consumer goods) plus what artels sell, times 1 + planner.wage_drift.
  void set_wages(const Planner& planner);
  /// State workers get paid under the pay scheme in force (pay_for_work); artel members their
  /// share of the artel's net income. Then each household books the month (forced savings) and
  /// updates its discontent, given how far the work norm has risen above the one it is used to
  /// (and its enterprise's). One pass over the households does both.
  void pay_and_settle_households();
  /// With probability households.mobility a worker looks for a better-paid job in his region;
  /// a discontented state worker who does not may still quit for another state enterprise
  /// (work.discontent_quits per unit of discontent).
  void move_jobs(int tick);
  /// Each January (after the first) the workforce grows by households.workforce_growth.
  void grow_workforce(int tick);

private:
  enum class Choice : std::uint8_t { stays, looks, quits };

  bool quits_out_of_discontent(const Household& worker, int tick, std::uint32_t id) const;
  void choose_who_moves(int tick);
  engine::RandomStream search_stream(std::uint32_t id, int tick) const;
  void open_artel_places();
  /// Refreshes pay_terms_ from the enterprises.
  void copy_pay_terms();
  /// Refreshes artel_pay_ from the artels.
  void copy_artel_pay();

  World& world_;
  double wage_unskilled_;
  std::vector<PayTerms> pay_terms_;     ///< per enterprise, what pay and norms need of it
  std::vector<double> artel_pay_;       ///< by artel id: members' pay; negative once closed
  double norm_reference_ = 1.0;         ///< the work norm households are used to
  double planned_consumer_goods_ = 0.0; ///< last plan's consumer goods, for its growth
  int job_moves_ = 0;
  int quits_ = 0;
  int skilled_to_artels_ = 0;
  StateHiring hiring_;                                  ///< taken when hiring starts
  std::vector<std::vector<std::size_t>> places_by_pay_; ///< artels with places, by region
  std::vector<Choice> choices_;                         ///< this month's, by household index
};

/// Effective labour of every enterprise and artel, from the workers they employ and their
/// effort; and each enterprise's mean effort, discontent and pay factor (work.hpp).
void count_labour(World& world);

/// A newcomer from the countryside joins the households in a state job at `employer` (paid the
/// state wage for his skill). The caller re-indexes the households (World::index_households).
void add_newcomer(World& world, std::uint32_t region, bool skilled, std::uint32_t employer,
                  double unskilled_wage);

/// Each worker of `regions` (empty: every region) leaves the households with probability `share`,
/// drawn from his stream (household, `purpose`, id, tick); `leaving` sees each one, with his id
/// and that stream for any further draw, before he goes. Then re-indexes the households and
/// counts labour again.
void remove_workers(World& world, const std::vector<std::uint32_t>& regions, double share,
                    std::uint16_t purpose, int tick,
                    const std::function<void(engine::AgentId, const Household&,
                                             engine::RandomStream&)>& leaving = {});

} // namespace plansim::model
