#pragma once

// The world every subsystem of the economy works on (docs/architecture.md): the agents, the
// goods and the hierarchy, the plan and this month's flows of goods. Subsystems receive it by
// reference; what a subsystem keeps for itself is private to that subsystem.

#include "plansim/engine/agent_store.hpp"
#include "plansim/engine/calendar.hpp"
#include "plansim/model/artel.hpp"
#include "plansim/model/consumer_markets.hpp"
#include "plansim/model/enterprise.hpp"
#include "plansim/model/goods.hpp"
#include "plansim/model/hierarchy.hpp"
#include "plansim/model/household.hpp"
#include "plansim/model/params.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace plansim::model {

/// The plan in force, per good (monthly rates). The planner writes it each January; deliveries
/// and the wage fund read it. Under the market it keeps the last plan drawn up.
struct Plan {
  std::vector<double> output;     ///< planned gross output
  std::vector<double> investment; ///< planned deliveries of investment goods (heavy goods)
  std::vector<double> floor;      ///< the planner never cuts a good's target below this
  /// The accumulation programme before balancing cut it to what heavy industry can supply (0:
  /// none, as under the market).
  double investment_programme = 0.0;
  /// An optimal plan's output for each enterprise (Kantorovich), which the bureaus split
  /// targets by; empty when bureaus split by their own rules.
  std::vector<double> enterprise_output;
  /// Each good's shadow price in the last optimal plan (0 under the other methods).
  std::vector<double> shadow_price;
  /// The state consumer goods households wanted in the first year (what the plan counts as
  /// consumers' use of each consumer good).
  std::vector<double> consumer_demand;
};

/// This month's flows of each good through the supply system, and the prices it moved at.
struct GoodFlows {
  std::vector<double> price;              ///< 1 = base price; moves only under the market
  std::vector<double> demand;             ///< everything asked for at the last delivery
  std::vector<double> supply;             ///< output and output stocks offered at the last delivery
  std::vector<double> consumer_wanted;    ///< last month's household demand, by good
  std::vector<double> consumer_delivered; ///< consumer goods delivered to the shops
  std::vector<double> investment_delivered;
  std::vector<double> military_delivered;
  double consumer_goods_sold = 0.0; ///< state consumer goods delivered a month, smoothed

  /// (demand - supply) / supply of a good at last month's delivery (0 when none was supplied).
  double excess_demand(std::size_t good) const {
    return supply[good] > 0 ? (demand[good] - supply[good]) / supply[good] : 0.0;
  }
};

/// An entry of the run's event log: a policy change, a structural event, a stop-go cut.
struct LoggedEvent {
  int tick;
  std::string name;
  std::string detail;
};

/// A worker serving in the army, under the household id he had at call-up: his draws while
/// serving are keyed by it, so they do not depend on who else was called up.
struct Soldier {
  engine::AgentId id = 0;
  Household household;
};

/// Evacuated capital on its way to a plant (war_mobilisation.hpp): it works from `due` on.
struct CapitalInTransit {
  std::uint32_t enterprise = 0;
  double capital = 0.0;
  int due = 0;
};

/// The state of the economy shared by its subsystems.
struct World {
  /// Sizes everything for the goods and enterprises given (sorted by good); households and
  /// artels are added by the initialisation (initialisation.hpp).
  World(EconomyParams params, Goods goods, std::vector<Enterprise> enterprises);

  EconomyParams params; ///< the policy timeline changes them while the economy runs
  engine::Calendar calendar;
  Goods goods;
  std::vector<Enterprise> enterprises; ///< never removed: an index names one for good
  /// Indices of the enterprises making each good, in the order they were founded.
  std::vector<std::vector<std::uint32_t>> enterprises_of_good;
  std::vector<std::vector<std::size_t>> enterprises_in_region; ///< enterprise indices
  Hierarchy hierarchy;
  engine::AgentStore<Household> households;
  /// Workers called up into the army (war_mobilisation.hpp): out of the workforce, neither
  /// paid nor shopping, until demobilised.
  std::vector<Soldier> serving;
  /// People able to take the economy's jobs, workforce included (the labour_pool event); 0:
  /// no limit. Grows by labour_pool_growth each January; newcomers are at most the pool less
  /// the workforce (LabourMarket::grow_workforce), and at most labour_pool_drain of that reserve
  /// in one year.
  double labour_pool = 0.0;
  double labour_pool_growth = 0.0;
  double labour_pool_drain = 1.0;
  std::vector<CapitalInTransit> in_transit; ///< evacuated plant not yet at work, by arrival

  /// People the labour pool holds beyond the workforce and those serving (0 without a pool).
  double labour_reserve() const {
    const double taken = double(households.size() + serving.size());
    return labour_pool > taken ? labour_pool - taken : 0.0;
  }
  /// Store indices by region, each list ascending (the shop relies on it); rebuilt by
  /// index_households after any household is added or removed.
  std::vector<std::vector<std::size_t>> households_in_region;
  engine::AgentStore<Artel> artels;
  ConsumerMarkets markets;
  Plan plan;
  GoodFlows flows;
  std::vector<LoggedEvent> events; ///< logged since the events were last taken

  /// Calls f(enterprise) for each producer of goods [first, last), good by good, each good's
  /// producers in the order they were founded.
  template <class F>
  void for_each_producer(std::size_t first, std::size_t last, F&& f) {
    for (std::size_t g = first; g < last; ++g) {
      for (auto e : enterprises_of_good[g]) {
        f(enterprises[e]);
      }
    }
  }
  template <class F>
  void for_each_producer(std::size_t first, std::size_t last, F&& f) const {
    for (std::size_t g = first; g < last; ++g) {
      for (auto e : enterprises_of_good[g]) {
        f(enterprises[e]);
      }
    }
  }
  /// Adds an enterprise (a nationalised artel, a new plant): indexed by good and region and
  /// put under a glavk of its sector, its glavk knowing its target and capacity as of `tick`.
  /// Returns its index.
  std::uint32_t found_enterprise(const Enterprise& firm, int tick);
  /// Rebuilds households_in_region after households were added or removed.
  void index_households();
  void log(int tick, std::string name, std::string detail) {
    events.push_back(LoggedEvent{tick, std::move(name), std::move(detail)});
  }
};

} // namespace plansim::model
