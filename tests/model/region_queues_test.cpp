#include "plansim/engine/random.hpp"
#include "plansim/model/region_queues.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace plansim::model;

namespace {

/// The queues served the slow way, household by household: what RegionQueues must reproduce.
struct Served {
  std::vector<double> bought, unspent;
  std::vector<std::vector<PriceTier>> tiers;
  std::vector<QueueOutcome> outcomes;
};

Served serve_one_by_one(const std::vector<double>& budgets, const std::vector<double>& tastes,
                        const std::vector<std::size_t>& starts,
                        std::vector<std::vector<PriceTier>> tiers) {
  const std::size_t n = budgets.size();
  Served served{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), {}, {}};
  for (std::size_t k = 0; k < tastes.size(); ++k) {
    QueueOutcome outcome;
    for (std::size_t q = 0; q < n; ++q) {
      const std::size_t p = (starts[k] + q) % n;
      const double money = std::max(budgets[p], 0.0) * tastes[k];
      const double left = buy(money, tiers[k], served.bought[p]);
      served.unspent[p] += left;
      outcome.unserved_money += left;
      outcome.turned_away += money > 0.0 && left > 1e-12 * money ? 1.0 : 0.0;
    }
    served.outcomes.push_back(outcome);
  }
  served.tiers = std::move(tiers);
  return served;
}

Served serve_in_closed_form(const std::vector<double>& budgets, const std::vector<double>& tastes,
                            const std::vector<std::size_t>& starts,
                            std::vector<std::vector<PriceTier>> tiers) {
  const std::size_t n = budgets.size();
  Served served{std::vector<double>(n), std::vector<double>(n), {}, {}};
  RegionQueues queues;
  queues.open(budgets);
  for (std::size_t k = 0; k < tastes.size(); ++k) {
    served.outcomes.push_back(queues.serve(tastes[k], starts[k], tiers[k]));
  }
  queues.close(served.bought, served.unspent);
  served.tiers = std::move(tiers);
  return served;
}

void check_same(const Served& closed_form, const Served& one_by_one) {
  const auto near = [](double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
  };
  for (std::size_t p = 0; p < one_by_one.bought.size(); ++p) {
    INFO("household ", p);
    CHECK(near(closed_form.bought[p], one_by_one.bought[p]));
    CHECK(near(closed_form.unspent[p], one_by_one.unspent[p]));
  }
  for (std::size_t k = 0; k < one_by_one.tiers.size(); ++k) {
    INFO("good ", k);
    CHECK(near(closed_form.outcomes[k].unserved_money, one_by_one.outcomes[k].unserved_money));
    CHECK(closed_form.outcomes[k].turned_away == one_by_one.outcomes[k].turned_away);
    for (std::size_t j = 0; j < one_by_one.tiers[k].size(); ++j) {
      CHECK(near(closed_form.tiers[k][j].stock, one_by_one.tiers[k][j].stock));
      CHECK(near(closed_form.tiers[k][j].sold, one_by_one.tiers[k][j].sold));
    }
  }
}

} // namespace

TEST_CASE("queues in closed form buy what households served one by one buy") {
  // Random regions: some goods short, some plentiful, some with no stock at all; zero and
  // negative budgets; queues starting anywhere, wrapping round.
  for (std::uint32_t instance = 0; instance < 200; ++instance) {
    plansim::engine::RandomStream random(7, {1, instance, 0});
    const std::size_t n = 1 + random.uniform_int(60);
    std::vector<double> budgets(n);
    for (auto& budget : budgets) {
      const double u = random.uniform();
      budget = u < 0.1 ? 0.0 : u < 0.13 ? -1.0 : random.uniform(1.0, 100.0);
    }
    const std::size_t goods = 1 + random.uniform_int(4);
    std::vector<double> tastes(goods);
    std::vector<std::size_t> starts(goods);
    std::vector<std::vector<PriceTier>> tiers(goods);
    double all_budgets = 0.0;
    for (double budget : budgets) {
      all_budgets += std::max(budget, 0.0);
    }
    for (std::size_t k = 0; k < goods; ++k) {
      tastes[k] = random.uniform(0.05, 0.5);
      starts[k] = random.uniform_int(static_cast<std::uint32_t>(n));
      const std::size_t count = random.uniform_int(4);
      double price = random.uniform(0.5, 2.0);
      for (std::size_t j = 0; j < count; ++j) {
        const double u = random.uniform();
        const double stock =
            u < 0.15 ? 0.0
                     : random.uniform(0.0, 1.5) * tastes[k] * all_budgets / price / double(count);
        tiers[k].push_back(PriceTier{price, stock, 0.0});
        price *= random.uniform(1.01, 1.5);
      }
    }
    INFO("instance ", instance);
    check_same(serve_in_closed_form(budgets, tastes, starts, tiers),
               serve_one_by_one(budgets, tastes, starts, tiers));
  }
}

TEST_CASE("a shortage serves the front of the queue and turns the rest away") {
  // Four households of 10 roubles, taste 1, the queue starting at the third: 25 roubles of
  // goods at price 1 serve the third and fourth in full and half of the first.
  const std::vector<double> budgets = {10, 10, 10, 10};
  std::vector<PriceTier> tiers = {{1.0, 25.0, 0.0}};
  RegionQueues queues;
  queues.open(budgets);
  const QueueOutcome outcome = queues.serve(1.0, 2, tiers);
  std::vector<double> bought(4), unspent(4);
  queues.close(bought, unspent);
  CHECK(bought == std::vector<double>{5, 0, 10, 10});
  CHECK(unspent == std::vector<double>{5, 10, 0, 0});
  CHECK(outcome.unserved_money == 15.0);
  CHECK(outcome.turned_away == 2.0);
  CHECK(tiers[0].stock == 0.0);
  CHECK(tiers[0].sold == 25.0);
}

TEST_CASE("a dearer tier takes over where the cheaper one runs out") {
  // Two households of 10 at taste 0.5: 4 units at price 1, then plenty at price 2. The first
  // spends 4 at price 1 and 1 at price 2 (4.5 units); the second 5 at price 2 (2.5 units).
  const std::vector<double> budgets = {10, 10};
  std::vector<PriceTier> tiers = {{1.0, 4.0, 0.0}, {2.0, 100.0, 0.0}};
  RegionQueues queues;
  queues.open(budgets);
  const QueueOutcome outcome = queues.serve(0.5, 0, tiers);
  std::vector<double> bought(2), unspent(2);
  queues.close(bought, unspent);
  CHECK(bought[0] == doctest::Approx(4.5));
  CHECK(bought[1] == doctest::Approx(2.5));
  CHECK(unspent == std::vector<double>{0, 0});
  CHECK(outcome.unserved_money == 0.0);
  CHECK(outcome.turned_away == 0.0);
  CHECK(tiers[1].sold == doctest::Approx(3.0));
}
