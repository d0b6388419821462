// One region's month of queues, in closed form (docs/ODD.md 7.6).

#include "plansim/model/region_queues.hpp"

#include <algorithm>

namespace plansim::model {

void RegionQueues::open(std::span<const double> budgets) {
  const std::size_t n = budgets.size();
  budget_.resize(n);
  cumulative_.resize(n + 1);
  paying_.resize(n + 1);
  cumulative_[0] = 0.0;
  paying_[0] = 0.0;
  for (std::size_t p = 0; p < n; ++p) {
    budget_[p] = std::max(budgets[p], 0.0);
    cumulative_[p + 1] = cumulative_[p] + budget_[p];
    paying_[p + 1] = paying_[p] + (budget_[p] > 0.0 ? 1.0 : 0.0);
  }
  unit_rates_.assign(n + 1, 0.0);
  unspent_rates_.assign(n + 1, 0.0);
  straddler_units_.assign(n, 0.0);
  straddler_unspent_.assign(n, 0.0);
}

namespace {

// The sum of q entries from `start` on, wrapping round the end, from prefix sums (n + 1).
double wrapped_sum(const std::vector<double>& prefix, std::size_t start, std::size_t q) {
  const std::size_t n = prefix.size() - 1;
  if (start + q <= n) {
    return prefix[start + q] - prefix[start];
  }
  return prefix[n] - prefix[start] + prefix[start + q - n];
}

// The first q in [0, n] for which `holds` (monotone: false, then true), n if none.
template <class Predicate>
std::size_t first_where(std::size_t n, Predicate holds) {
  std::size_t lo = 0, hi = n;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (holds(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

} // namespace

double RegionQueues::budget_before(std::size_t start, std::size_t q) const {
  return wrapped_sum(cumulative_, start, q);
}

double RegionQueues::paying_before(std::size_t start, std::size_t q) const {
  return wrapped_sum(paying_, start, q);
}

std::size_t RegionQueues::first_starting_at(std::size_t start, double taste, double money) const {
  return first_where(budget_.size(),
                     [&](std::size_t q) { return taste * budget_before(start, q) >= money; });
}

std::size_t RegionQueues::first_ending_after(std::size_t start, double taste, double money) const {
  return first_where(budget_.size(),
                     [&](std::size_t q) { return taste * budget_before(start, q + 1) > money; });
}

void RegionQueues::add_rate(std::vector<double>& rates, std::size_t start, std::size_t from,
                            std::size_t to, double rate) {
  if (from >= to) {
    return;
  }
  const std::size_t n = budget_.size();
  const std::size_t first = start + from, last = start + to; // positions, in [0, 2n]
  if (last <= n) {
    rates[first] += rate;
    rates[last] -= rate;
  } else if (first >= n) {
    rates[first - n] += rate;
    rates[last - n] -= rate;
  } else { // the stretch wraps round the end of the queue
    rates[first] += rate;
    rates[n] -= rate;
    rates[0] += rate;
    rates[last - n] -= rate;
  }
}

// Tier j has room for stock x price roubles and serves the money between `room` (the room of
// the cheaper tiers) and room + its own. Households whose money lies wholly inside buy at its
// price (a rate per rouble on their stretch of the queue); the few whose money spans an edge
// are worked out one by one; money past the last edge is unserved.
QueueOutcome RegionQueues::serve(double taste, std::size_t start, std::span<PriceTier> tiers) {
  const std::size_t n = budget_.size();
  QueueOutcome outcome;
  if (n == 0 || taste <= 0.0) {
    return outcome;
  }
  start %= n;
  const double total = taste * cumulative_[n];
  const auto money_before = [&](std::size_t q) { return taste * budget_before(start, q); };
  // Works out one household's money [from, from + money) across the tiers as they stood.
  const auto settle_straddler = [&](std::size_t q) {
    const std::size_t position = (start + q) % n;
    const double from = money_before(q), to = from + taste * budget_[position];
    double room = 0.0;
    for (const auto& tier : tiers) {
      if (tier.stock <= 0.0 || tier.price <= 0.0) {
        continue;
      }
      const double tier_end = room + tier.stock * tier.price;
      const double overlap = std::min(to, tier_end) - std::max(from, room);
      if (overlap > 0.0) {
        straddler_units_[position] += overlap / tier.price;
      }
      room = tier_end;
    }
    const double left = std::max(0.0, to - std::max(from, room));
    straddler_unspent_[position] += left;
    return left > 1e-12 * (to - from);
  };

  // Straddlers first: they need the tiers' stock before this month's sales.
  std::size_t last_straddler = n;
  double room = 0.0;
  bool straddler_turned_away = false;
  for (const auto& tier : tiers) {
    if (tier.stock <= 0.0 || tier.price <= 0.0) {
      continue;
    }
    room += tier.stock * tier.price;
    const std::size_t q = first_ending_after(start, taste, room);
    if (q < n && q != last_straddler && money_before(q) < room) {
      last_straddler = q;
      straddler_turned_away = settle_straddler(q);
    }
  }
  const double all_room = room;

  room = 0.0;
  for (auto& tier : tiers) {
    if (tier.stock <= 0.0 || tier.price <= 0.0) {
      continue;
    }
    const double tier_end = room + tier.stock * tier.price;
    add_rate(unit_rates_, start, first_starting_at(start, taste, room),
             first_ending_after(start, taste, tier_end), taste / tier.price);
    if (total >= tier_end) {
      tier.sold += tier.stock;
      tier.stock = 0.0;
    } else {
      const double sold = std::max(0.0, total - room) / tier.price;
      tier.sold += sold;
      tier.stock -= sold;
    }
    room = tier_end;
  }
  const std::size_t first_unserved = first_starting_at(start, taste, all_room);
  add_rate(unspent_rates_, start, first_unserved, n, taste);
  outcome.unserved_money = std::max(0.0, total - all_room);
  outcome.turned_away = paying_before(start, n) - paying_before(start, first_unserved);
  // The straddler of the last edge is turned away only if it has money left.
  if (straddler_turned_away && last_straddler < first_unserved) {
    outcome.turned_away += 1.0;
  }
  return outcome;
}

void RegionQueues::close(std::span<double> bought, std::span<double> unspent) {
  double unit_rate = 0.0, unspent_rate = 0.0;
  for (std::size_t p = 0; p < budget_.size(); ++p) {
    unit_rate += unit_rates_[p];
    unspent_rate += unspent_rates_[p];
    // Rates summed over stretches can leave a rounding residue where they cancel to zero.
    bought[p] = std::max(0.0, budget_[p] * unit_rate) + straddler_units_[p];
    unspent[p] = std::max(0.0, budget_[p] * unspent_rate) + straddler_unspent_[p];
  }
}

} // namespace plansim::model
