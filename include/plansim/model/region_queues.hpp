#pragma once

// One region's month of queues at the shops (docs/ODD.md 7.6), computed in closed form.
//
// Households come to the shops in one queue order; each good's queue starts at its own place
// in it and every household spends the same share of its budget (the region's taste for the
// good) at the cheapest tier with stock, then the next. Served in turn, household by household,
// this costs households x goods a month. But who gets what follows from the running total of
// the budgets alone: a tier with room for W roubles serves the households whose money falls
// between the tiers' cumulative room before it and after it, so each tier serves one stretch of
// the queue. A good then costs a few binary searches per tier, and the households' purchases
// are summed over goods once, as rates on stretches of the queue (difference arrays): a month
// costs O(households + goods x tiers x log households) in place of O(households x goods).

#include "plansim/model/consumer_markets.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace plansim::model {

/// What one good's queue left undone.
struct QueueOutcome {
  double unserved_money = 0.0; ///< money the tiers had no goods for
  double turned_away = 0.0;    ///< households left with some money unspent
};

class RegionQueues {
public:
  /// Starts a month for households with these budgets, in queue order (a negative budget
  /// spends nothing).
  void open(std::span<const double> budgets);

  /// One good's queue, beginning at queue position `start` and wrapping round: each household
  /// spends `taste` of its budget at the tiers (sorted cheapest first), which lose the units
  /// sold (stock) and record them (sold).
  QueueOutcome serve(double taste, std::size_t start, std::span<PriceTier> tiers);

  /// Ends the month: each household's units bought and money left unspent over all the goods
  /// served, in queue order.
  void close(std::span<double> bought, std::span<double> unspent);

private:
  /// Money before service index q of a queue starting at `start`, per unit of taste.
  double budget_before(std::size_t start, std::size_t q) const;
  /// Households with some money before service index q of a queue starting at `start`.
  double paying_before(std::size_t start, std::size_t q) const;
  /// The first service index q at which the money before q+1 exceeds `money` (n if none).
  std::size_t first_ending_after(std::size_t start, double taste, double money) const;
  /// The first service index q at which the money before q reaches `money` (n if none).
  std::size_t first_starting_at(std::size_t start, double taste, double money) const;
  /// Adds `rate` per rouble of budget to the households at service indices [from, to).
  void add_rate(std::vector<double>& rates, std::size_t start, std::size_t from, std::size_t to,
                double rate);

  std::vector<double> budget_;            ///< in queue order, negative budgets as 0
  std::vector<double> cumulative_;        ///< budgets before each position (n + 1)
  std::vector<double> paying_;            ///< households with budget > 0 before each position
  std::vector<double> unit_rates_;        ///< difference array: units per rouble of budget
  std::vector<double> unspent_rates_;     ///< difference array: unspent per rouble of budget
  std::vector<double> straddler_units_;   ///< households whose money spans a tier's edge
  std::vector<double> straddler_unspent_; ///< likewise, money left unspent
};

} // namespace plansim::model
