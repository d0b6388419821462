// Gosplan's method of material balances (docs/ODD.md 7.4 and 7.5).

#include "plansim/model/planning/material_balances.hpp"

#include "plansim/model/bureaucracy.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace plansim::model {

namespace {

// When the planned uses of good g exceed its planned output, the users are cut in reverse
// priority: consumer-goods producers first, then materials, then heavy industry together with
// investment, the military last. Households' demand counts as a use but is not cut: consumers
// get what the shops receive, so their excess stays in the plan as tautness.
void cut_users_to_fit(Plan& plan, const Goods& goods, double cut_floor, std::size_t g) {
  std::vector<double>& x = plan.output;
  std::array<double, sector_count> use{};
  for (const auto& user : goods.users(g)) {
    use[static_cast<std::size_t>(goods.sector(user.input))] += user.coefficient * x[user.input];
  }
  use[static_cast<std::size_t>(Sector::heavy)] += plan.investment[g];
  use[static_cast<std::size_t>(Sector::consumer)] += plan.consumer_demand[g];
  double excess = std::accumulate(use.begin(), use.end(), 0.0) - x[g];
  for (std::size_t s = sector_count; s-- > 0 && excess > 0;) {
    if (use[s] <= 0) {
      continue;
    }
    const double keep = std::max(0.0, (use[s] - excess) / use[s]);
    double cut = 0.0;
    for (const auto& user : goods.users(g)) {
      if (static_cast<std::size_t>(goods.sector(user.input)) == s) {
        const double before = x[user.input];
        x[user.input] = std::max(before * keep, plan.floor[user.input]);
        cut += user.coefficient * (before - x[user.input]);
      }
    }
    if (s == static_cast<std::size_t>(Sector::heavy)) {
      const double before = plan.investment[g];
      plan.investment[g] *= std::max(keep, cut_floor);
      cut += before - plan.investment[g];
    }
    excess -= cut; // what is left over stays in the plan: it is taut, not balanced
  }
}

// Targets a tautness above reported capacity; for the P largest goods, a few rounds of
// checking that planned uses fit planned output and cutting the users of short goods. The
// other goods are planned in aggregate: their targets are set, but their balances are never
// checked.
void balance(World& world) {
  const auto& pp = world.params.planner;
  const auto& goods = world.goods;
  const auto& hierarchy = world.hierarchy;
  Plan& plan = world.plan;
  const std::size_t n = goods.count();
  const auto& known = hierarchy.known(ministry_level);
  std::vector<double> capacity(n, 0.0);
  for (std::size_t m = 0; m < known.size(); ++m) {
    capacity[hierarchy.nodes(ministry_level)[m].good] += known[m].capacity;
  }
  std::vector<double>& x = plan.output;
  plan.floor.resize(n);
  for (std::size_t g = 0; g < n; ++g) {
    x[g] = pp.tautness * capacity[g];
    plan.floor[g] = pp.cut_floor * x[g];
  }
  // Investment goods are what heavy industry makes beyond the inputs the plan needs: the
  // investment programme (s of planned output) is spread over heavy goods by that spare output.
  const double total = std::accumulate(x.begin(), x.end(), 0.0);
  plan.investment_programme = pp.accumulation_share * total;
  const auto [h_first, h_last] = goods.range(Sector::heavy);
  std::vector<double> spare(n, 0.0);
  double total_spare = 0.0;
  for (std::size_t h = h_first; h < h_last; ++h) {
    double intermediate = 0.0;
    for (const auto& user : goods.users(h)) {
      intermediate += user.coefficient * x[user.input];
    }
    spare[h] = std::max(0.0, x[h] - intermediate);
    total_spare += spare[h];
  }
  for (std::size_t g = 0; g < n; ++g) {
    plan.investment[g] =
        total_spare > 0 ? pp.accumulation_share * total * spare[g] / total_spare : 0.0;
  }
  // The goods balanced one by one: the largest by reported capacity.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return capacity[a] > capacity[b]; });
  order.resize(std::min<std::size_t>(n, static_cast<std::size_t>(std::max(pp.balanced_goods, 0))));
  for (int round = 0; round < pp.balance_iterations; ++round) {
    for (std::size_t g : order) {
      cut_users_to_fit(plan, goods, pp.cut_floor, g);
    }
  }
}

} // namespace

void MaterialBalances::plan(World& world, int tick) {
  world.plan.enterprise_output.clear(); // the hierarchy splits targets by its own rules
  balance(world);
  send_targets_down(world, tick);
}

OutputDecision MaterialBalances::decide_output(const Enterprise& firm, std::span<const InputUse>,
                                               const World& world,
                                               engine::RandomStream& random) const {
  const auto& ep = world.params.enterprises;
  const bool hiding = hides_capacity(firm, ep);
  return OutputDecision{choose_planned_output(firm, ep, random), firm.target, hiding};
}

double MaterialBalances::investment_order(const World& world, std::size_t good, double,
                                          const OutputTotals&) const {
  return world.plan.investment[good];
}

// Sector priorities act through the plan (balancing cuts low-priority users first) and, with
// planner.procurement_priority, at delivery for the military plants; otherwise within a class
// everyone gets the same share of what they asked for.
void MaterialBalances::share_out(World& world, GoodDelivery& d, double stop_go_factor) const {
  auto& enterprises = world.enterprises;
  d.military_delivered = d.military * d.give_share(d.military);
  // First every user's need for next month; then the buffers, in proportion.
  share_needs(world, d);
  double buffers = 0.0;
  for (const auto& [e, i] : d.requests) {
    buffers += enterprises[e].requested[i] - enterprises[e].needed[i];
  }
  const double buffer_ratio = d.give_share(buffers);
  for (const auto& [e, i] : d.requests) {
    auto& firm = enterprises[e];
    firm.received[i] += (firm.requested[i] - firm.needed[i]) * buffer_ratio;
  }
  d.investment_delivered = d.investment * d.give_share(d.investment);
  d.consumer_delivered = d.consumers * d.give_share(d.consumers);
  if (d.sector == Sector::heavy) {
    // Investment hunger (Kornai): under soft budgets ministries always have projects
    // waiting, so construction also takes investment goods nobody else took, as far as its
    // capacity allows: at most investment_overshoot of the planned order beyond it. A stop
    // phase halts these starts too.
    const auto& pp = world.params.planner;
    const double hungry = std::min(d.remaining * pp.investment_hunger * stop_go_factor,
                                   pp.investment_overshoot * d.investment);
    d.investment_delivered += hungry;
    world.flows.demand[d.good] += hungry;
    d.remaining -= hungry;
  }
}

// The military plants' first call (planner.procurement_priority of their needs) is met first;
// then every user gets the same share of the rest of his need.
void MaterialBalances::share_needs(World& world, GoodDelivery& d) const {
  auto& enterprises = world.enterprises;
  const double priority = world.params.planner.procurement_priority;
  const auto first_call = [&](std::size_t e, std::size_t i) {
    const bool military = world.goods.sector(enterprises[e].good) == Sector::military;
    return priority > 0 && military ? priority * enterprises[e].needed[i] : 0.0;
  };
  double first_calls = 0.0, needs = 0.0;
  for (const auto& [e, i] : d.requests) {
    const double first = first_call(e, i);
    first_calls += first;
    needs += enterprises[e].needed[i] - first;
  }
  const double first_ratio = d.give_share(first_calls);
  const double need_ratio = d.give_share(needs);
  for (const auto& [e, i] : d.requests) {
    const double first = first_call(e, i);
    enterprises[e].received[i] =
        first * first_ratio + (enterprises[e].needed[i] - first) * need_ratio;
  }
}

double MaterialBalances::consumer_goods_growth(double planned, double planned_before) const {
  return planned_before > 0 ? std::clamp(planned / planned_before, 0.8, 1.25) : 1.0;
}

} // namespace plansim::model
