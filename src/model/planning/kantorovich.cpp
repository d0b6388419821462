// Kantorovich's optimal plan (docs/ODD.md 7.4).

#include "plansim/model/planning/kantorovich.hpp"

#include "plansim/model/bureaucracy.hpp"
#include "plansim/model/planning/plan_ray.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace plansim::model {

namespace {

// Each enterprise as the planner sees it: the capacity its glavk knows, scaled so that each
// good's total is what the planner believes (the planner has the ministries' tables of plants,
// but not fresher totals than its own).
std::vector<LpProducer> believed_producers(const World& world) {
  const auto& hierarchy = world.hierarchy;
  const auto& known = hierarchy.known(enterprise_level);
  std::vector<double> believed(world.goods.count(), 0.0), detailed(world.goods.count(), 0.0);
  const auto& top = hierarchy.known(ministry_level);
  for (std::size_t m = 0; m < top.size(); ++m) {
    believed[hierarchy.nodes(ministry_level)[m].good] += top[m].capacity;
  }
  for (std::size_t e = 0; e < world.enterprises.size(); ++e) {
    detailed[world.enterprises[e].good] += std::max(known[e].capacity, 0.0);
  }
  std::vector<LpProducer> producers;
  for (std::size_t e = 0; e < world.enterprises.size(); ++e) {
    const auto& firm = world.enterprises[e];
    const double scale = detailed[firm.good] > 0 ? believed[firm.good] / detailed[firm.good] : 0.0;
    producers.push_back(
        LpProducer{firm.good, std::max(known[e].capacity, 0.0) * scale, firm.material_use});
  }
  return producers;
}

// The planned final uses, in the proportions the plan ray scales: the military's and state
// trade's deliveries of the last month (the assortment the economy last delivered; the first
// year's consumer demand and the military's calibrated share before any delivery), and
// investment goods making up planner.accumulation_share of the whole, spread over heavy goods
// as last month's investment was (evenly before any).
std::vector<double> final_demand(const World& world, const std::vector<LpProducer>& producers) {
  const auto& pp = world.params.planner;
  const auto& flows = world.flows;
  const std::size_t n = world.goods.count();
  double total = 0.0;
  for (const auto& p : producers) {
    total += p.capacity;
  }
  double delivered = 0.0;
  for (std::size_t g = 0; g < n; ++g) {
    delivered += flows.military_delivered[g] + flows.consumer_delivered[g];
  }
  std::vector<double> d(n, 0.0);
  const auto [m_first, m_last] = world.goods.range(Sector::military);
  const auto [c_first, c_last] = world.goods.range(Sector::consumer);
  const auto [h_first, h_last] = world.goods.range(Sector::heavy);
  for (std::size_t g = 0; g < n; ++g) {
    if (delivered > 0) {
      d[g] = flows.military_delivered[g] + flows.consumer_delivered[g];
    } else if (g >= c_first && g < c_last) {
      d[g] = world.plan.consumer_demand[g];
    } else if (g >= m_first && g < m_last) {
      d[g] = pp.military_demand * total / double(m_last - m_first);
    }
  }
  const double other = std::accumulate(d.begin(), d.end(), 0.0);
  const double investment = pp.accumulation_share < 1.0
                                ? other * pp.accumulation_share / (1.0 - pp.accumulation_share)
                                : other;
  double invested = 0.0;
  for (std::size_t g = h_first; g < h_last; ++g) {
    invested += flows.investment_delivered[g];
  }
  for (std::size_t g = h_first; g < h_last; ++g) {
    const double share =
        invested > 0 ? flows.investment_delivered[g] / invested : 1.0 / double(h_last - h_first);
    d[g] += investment * share;
  }
  return d;
}

} // namespace

void Kantorovich::plan(World& world, int tick) {
  const auto producers = believed_producers(world);
  const auto demand = final_demand(world, producers);
  // Capacity the ray leaves idle goes to more final goods: heavy goods' surplus to construction,
  // consumer and military goods' to their users (who take all they get).
  std::vector<bool> free_use(world.goods.count(), false);
  for (std::size_t g = 0; g < world.goods.count(); ++g) {
    free_use[g] = demand[g] > 0 || world.goods.sector(g) == Sector::heavy;
  }
  const auto ray =
      solve_plan_ray(world.goods, producers, demand, free_use, ray_solver_, surplus_solver_);
  if (ray.status != engine::LpStatus::optimal) {
    throw std::runtime_error("kantorovich plan of " + world.calendar.date_of(tick).to_string() +
                             ": the linear programme is " + engine::to_string(ray.status) +
                             " (no optimal plan)");
  }
  auto& plan = world.plan;
  const std::size_t n = world.goods.count();
  std::fill(plan.output.begin(), plan.output.end(), 0.0);
  for (std::size_t e = 0; e < producers.size(); ++e) {
    plan.output[producers[e].good] += ray.output[e];
  }
  plan.floor.assign(n, 0.0);
  for (std::size_t g = 0; g < n; ++g) {
    plan.floor[g] = world.params.planner.cut_floor * plan.output[g];
    plan.investment[g] =
        world.goods.sector(g) == Sector::heavy ? ray.scale * demand[g] + ray.surplus_use[g] : 0.0;
  }
  plan.investment_programme = 0.0; // the optimum fits the programme it can: nothing is cut
  plan.enterprise_output = ray.output;
  plan.shadow_price = ray.shadow_price;
  value_per_input_.resize(producers.size());
  for (std::size_t e = 0; e < producers.size(); ++e) {
    value_per_input_[e] = ray.shadow_price[producers[e].good] / producers[e].material_use;
  }
  send_targets_down(world, tick);
}

void Kantorovich::share_needs(World& world, GoodDelivery& d) const {
  if (!world.params.planner.shadow_price_rationing) {
    MaterialBalances::share_needs(world, d); // the duals ignored: in proportion to needs
    return;
  }
  auto& enterprises = world.enterprises;
  // What a unit of this input makes in a user's hands, valued at the shadow prices.
  const auto worth = [&](const InputRequest& r) {
    const auto& firm = enterprises[r.first];
    const double coefficient = world.goods.inputs(firm.good)[r.second].coefficient;
    return r.first < value_per_input_.size() ? value_per_input_[r.first] / coefficient : 0.0;
  };
  std::vector<InputRequest> order(d.requests.begin(), d.requests.end());
  std::stable_sort(order.begin(), order.end(),
                   [&](const auto& a, const auto& b) { return worth(a) > worth(b); });
  for (const auto& [e, i] : order) {
    auto& firm = enterprises[e];
    const double given = std::min(firm.needed[i], d.remaining);
    firm.received[i] = given;
    d.remaining -= given;
  }
}

} // namespace plansim::model
