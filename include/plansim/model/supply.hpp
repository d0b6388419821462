#pragma once

// Deliveries (docs/ODD.md 7.5): each good's supply (this month's output plus its producers'
// output stocks) goes to its users as the planning method shares it out: the military,
// enterprises' input requests, investment, the state shops. Every producer ships the same
// share of what it has; the rest stays in its output stock. Deliveries become input stocks,
// and the share not delivered is the shortage managers remember.
//
// Reads: enterprises' output, output stocks and requests; the plan; households' demand last
// month (world.flows.consumer_wanted).
// Changes: enterprises' received inputs, input and output stocks, experienced shortage;
// world.flows (supply, demand, deliveries, prices through the planner).

#include "plansim/model/planning/planner.hpp"
#include "plansim/model/world.hpp"

#include <cstddef>
#include <vector>

namespace plansim::model {

class Supply {
public:
  explicit Supply(World& world) : world_(world) {}

  /// This month's deliveries of every good; `stop_go_factor` cuts construction's orders in a
  /// stop phase (investment.hpp).
  void deliver(const Planner& planner, double stop_go_factor);

private:
  void group_requests_by_good();
  void receive_deliveries();

  World& world_;
  // Input requests grouped by good: (enterprise, input position), in enterprise order.
  std::vector<std::size_t> request_offsets_;
  std::vector<InputRequest> requests_;
};

} // namespace plansim::model
