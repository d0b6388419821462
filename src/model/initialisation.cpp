// The world at the start (docs/ODD.md section 5).

#include "plansim/model/initialisation.hpp"

#include "streams.hpp"

#include "plansim/model/labour_market.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace plansim::model {

using streams::stream;

namespace {

constexpr double initial_reserve = 0.05;     // capacity above the first plan (assumption)
constexpr double capital_output_months = 36; // initial capital / monthly output (assumption)
constexpr double initial_shop_months = 0.5;  // state shop stocks at the start (assumption)

Goods draw_goods(const EconomyParams& params) {
  if (params.goods.inputs_per_good > static_cast<int>(max_inputs)) {
    throw std::invalid_argument("goods.inputs_per_good must be at most " +
                                std::to_string(max_inputs));
  }
  return params.goods.matrix.empty() ? Goods::generate(params.goods, params.seed)
                                     : Goods::from_matrix(params.goods, params.goods.matrix);
}

std::vector<Enterprise> draw_enterprises(const EconomyParams& params, const Goods& goods) {
  // Enterprises are stored sorted by good, so by sector priority; every good has at least one.
  const auto count = static_cast<std::size_t>(std::max(params.enterprises.count, 1));
  if (count < goods.count()) {
    throw std::invalid_argument("fewer enterprises (" + std::to_string(count) + ") than goods (" +
                                std::to_string(goods.count()) + ")");
  }
  std::vector<Enterprise> enterprises;
  for (std::size_t e = 0; e < count; ++e) {
    auto random =
        stream(params.seed, streams::enterprise, streams::setup, static_cast<std::uint32_t>(e), 0);
    Enterprise firm;
    firm.good = static_cast<std::uint32_t>(e * goods.count() / count);
    firm.region =
        static_cast<std::uint32_t>(e % static_cast<std::size_t>(std::max(params.regions, 1)));
    firm.capital = random.lognormal(0.0, 0.5);
    firm.productivity = random.lognormal(0.0, params.enterprises.productivity_sigma);
    firm.manager = draw_manager(params.enterprises, random);
    if (params.enterprises.material_use_sigma > 0) {
      // Its own stream, so that a world without the spread draws what it always drew.
      auto materials = stream(params.seed, streams::enterprise, streams::materials,
                              static_cast<std::uint32_t>(e), 0);
      firm.material_use = materials.lognormal(0.0, params.enterprises.material_use_sigma);
    }
    enterprises.push_back(firm);
  }
  return enterprises;
}

// The steps of the initialisation, in order, on one world.
class Initialiser {
public:
  Initialiser(World& world, StartingValues& start) : world_(world), start_(start) {}

  void build_households();
  void build_artels();
  void assign_jobs_at_start();
  void calibrate_capacity();

private:
  void calibrate_artels(double consumer_output_per_labour);
  void start_from_census(const std::vector<double>& output);
  double true_capacity_of_good(std::size_t good) const;

  World& world_;
  StartingValues& start_;
};

// Households: one worker each, spread evenly over regions; each region has its own tastes for
// consumer goods (lognormal weights). The first wage is set so that workers spend
// planner.consumer_demand a month.
void Initialiser::build_households() {
  const auto& params = world_.params;
  const auto& hp = params.households;
  auto& markets = world_.markets;
  const std::size_t regions = markets.regions();
  for (std::size_t r = 0; r < regions; ++r) {
    auto random =
        stream(params.seed, streams::region, streams::setup, static_cast<std::uint32_t>(r), 0);
    double total = 0.0;
    for (std::size_t k = 0; k < markets.goods(); ++k) {
      total += markets.taste()[markets.cell(r, k)] = random.lognormal(0.0, hp.taste_sigma);
    }
    for (std::size_t k = 0; k < markets.goods(); ++k) {
      markets.taste()[markets.cell(r, k)] /= total;
    }
  }
  start_.unskilled_wage =
      params.planner.consumer_demand /
      ((1.0 - hp.saving_rate) * (1.0 + hp.skilled_share * (hp.skill_premium - 1.0)));
  const auto count = static_cast<std::size_t>(std::max(params.enterprises.workers, 0));
  for (std::size_t h = 0; h < count; ++h) {
    auto random =
        stream(params.seed, streams::household, streams::setup, static_cast<std::uint32_t>(h), 0);
    Household worker;
    worker.region = static_cast<std::uint16_t>(h % regions);
    worker.skilled = random.bernoulli(hp.skilled_share);
    worker.workplace =
        random.bernoulli(params.artels.employment_share) ? Workplace::artel : Workplace::state;
    worker.income = state_pay(worker, start_.unskilled_wage, hp);
    worker.money = worker.income;
    worker.expected_consumption = (1.0 - hp.saving_rate) * worker.income;
    world_.households.add(worker);
  }
  world_.index_households();
}

// Artels at the start: artels.count of them, spread over regions, each making a consumer good
// drawn at random. Their capital and productivity are set by calibrate_artels().
void Initialiser::build_artels() {
  const auto& params = world_.params;
  const auto [c_first, c_last] = world_.goods.range(Sector::consumer);
  const auto consumer_goods = static_cast<std::uint32_t>(c_last - c_first);
  const double sigma = params.enterprises.productivity_sigma;
  const bool any = params.artels.employment_share > 0 && consumer_goods > 0;
  const int count = any ? std::max(params.artels.count, 0) : 0;
  for (int a = 0; a < count; ++a) {
    auto random =
        stream(params.seed, streams::artel, streams::setup, static_cast<std::uint32_t>(a), 0);
    Artel artel;
    artel.region =
        static_cast<std::uint32_t>(static_cast<std::size_t>(a) % world_.markets.regions());
    artel.good = static_cast<std::uint32_t>(c_first + random.uniform_int(consumer_goods));
    artel.productivity = random.lognormal(-0.5 * sigma * sigma, sigma); // spread, mean 1
    world_.artels.add(artel);
  }
}

// Artel workers go round-robin to their region's artels (to the state where a region has
// none); state workers are spread over their region's enterprises by capital, at least one
// each where there are enough workers.
void Initialiser::assign_jobs_at_start() {
  auto& households = world_.households;
  auto& artels = world_.artels;
  const auto& enterprises = world_.enterprises;
  for (std::size_t r = 0; r < world_.markets.regions(); ++r) {
    std::vector<engine::AgentId> region_artels;
    for (std::size_t a = 0; a < artels.size(); ++a) {
      if (artels[a].region == r) {
        region_artels.push_back(artels.id_at(a));
      }
    }
    std::vector<std::size_t> state_workers;
    std::size_t next_artel = 0;
    for (auto index : world_.households_in_region[r]) {
      auto& worker = households[index];
      if (worker.workplace == Workplace::artel && !region_artels.empty()) {
        worker.employer = region_artels[next_artel++ % region_artels.size()];
      } else {
        worker.workplace = Workplace::state;
        state_workers.push_back(index);
      }
    }
    const auto& firms = world_.enterprises_in_region[r];
    if (firms.empty()) {
      continue;
    }
    const std::size_t first_round = std::min(firms.size(), state_workers.size());
    for (std::size_t i = 0; i < first_round; ++i) {
      households[state_workers[i]].employer = static_cast<std::uint32_t>(firms[i]);
    }
    double total_capital = 0.0;
    for (auto e : firms) {
      total_capital += enterprises[e].capital;
    }
    const std::size_t rest = state_workers.size() - first_round;
    std::size_t firm = 0;
    double cumulative = enterprises[firms[0]].capital / total_capital;
    for (std::size_t i = 0; i < rest; ++i) {
      const double position = (double(i) + 0.5) / double(rest);
      while (position > cumulative && firm + 1 < firms.size()) {
        cumulative += enterprises[firms[++firm]].capital / total_capital;
      }
      households[state_workers[first_round + i]].employer = static_cast<std::uint32_t>(firms[firm]);
    }
  }
}

// The first year is balanced: gross outputs solve x = A x + f for the final demand f of
// consumers (what households spend less what artels make), investment and the military, and
// each good's enterprises get capacity 5 % above it (their productivities are scaled; their
// spread stays). Artels get the same output per worker as state consumer industry, times
// artels.relative_productivity.
void Initialiser::calibrate_capacity() {
  const auto& params = world_.params;
  const auto& goods = world_.goods;
  auto& markets = world_.markets;
  auto& enterprises = world_.enterprises;
  auto& plan = world_.plan;
  const auto& of_good = world_.enterprises_of_good;
  const std::size_t n = goods.count();
  const auto [c_first, c_last] = goods.range(Sector::consumer);
  const auto [h_first, h_last] = goods.range(Sector::heavy);
  const auto [m_first, m_last] = goods.range(Sector::military);
  count_labour(world_);
  const double spending = params.planner.consumer_demand * double(world_.households.size());
  double state_consumer_labour = 0.0, artel_labour = 0.0;
  world_.for_each_producer(c_first, c_last,
                           [&](const Enterprise& firm) { state_consumer_labour += firm.workers; });
  for (const auto& artel : world_.artels.agents()) {
    artel_labour += artel.labour;
  }
  const double relative = params.artels.relative_productivity;
  const double labour = state_consumer_labour + relative * artel_labour;
  const double output_per_labour = labour > 0 ? spending / labour : 0.0;
  std::vector<double> wanted(markets.goods(), 0.0), made_by_artels(markets.goods(), 0.0);
  for (std::size_t r = 0; r < markets.regions(); ++r) {
    const double people = double(world_.households_in_region[r].size());
    for (std::size_t k = 0; k < markets.goods(); ++k) {
      const double cell_wanted =
          params.planner.consumer_demand * people * markets.taste()[markets.cell(r, k)];
      wanted[k] += cell_wanted;
      markets.believed_wanted()[markets.cell(r, k)] = cell_wanted;
    }
  }
  // Materials for artels are part of the first year's final demand: their cooperative
  // allocation exists at the start (what bureaus later do with it is another matter).
  std::vector<double> for_artels(n, 0.0);
  for (const auto& artel : world_.artels.agents()) {
    const double made = relative * output_per_labour * artel.labour;
    made_by_artels[artel.good - c_first] += made;
    for (const auto& use : goods.inputs(artel.good)) {
      for_artels[use.input] += use.coefficient * made;
    }
  }
  for (std::size_t g = c_first; g < c_last; ++g) {
    plan.consumer_demand[g] = std::max(0.0, wanted[g - c_first] - made_by_artels[g - c_first]);
  }
  std::vector<double> x(n, 0.0), next(n, 0.0);
  for (int round = 0; round < 200; ++round) {
    const double total = std::accumulate(x.begin(), x.end(), 0.0);
    std::fill(next.begin(), next.end(), 0.0);
    for (std::size_t g = 0; g < n; ++g) {
      for (const auto& use : goods.inputs(g)) {
        next[use.input] += use.coefficient * x[g];
      }
      next[g] += plan.consumer_demand[g] + for_artels[g];
    }
    for (std::size_t h = h_first; h < h_last; ++h) {
      next[h] += params.planner.initial_accumulation_share * total / double(h_last - h_first);
    }
    for (std::size_t m = m_first; m < m_last; ++m) {
      next[m] += params.planner.military_demand * total / double(m_last - m_first);
    }
    x.swap(next);
  }
  const double total_capital_weight =
      std::accumulate(enterprises.begin(), enterprises.end(), 0.0,
                      [](double s, const Enterprise& e) { return s + e.capital; });
  const double total_output = std::accumulate(x.begin(), x.end(), 0.0);
  double total_capital = 0.0, total_labour = 0.0;
  for (auto& e : enterprises) {
    e.capital = capital_output_months * total_output * e.capital / total_capital_weight;
    total_capital += e.capital;
    total_labour += e.workers;
  }
  // Each plant's technology is designed for the intensity it starts at (a plant without
  // workers yet, for the economy's).
  const double mean_intensity = total_labour > 0 ? total_capital / total_labour : 0.0;
  for (auto& e : enterprises) {
    e.design_intensity = e.workers > 0 ? e.capital / e.workers : mean_intensity;
  }
  for (std::size_t g = 0; g < n; ++g) {
    double capacity = 0.0;
    for (auto e : of_good[g]) {
      capacity += capacity_of(enterprises[e], params.enterprises);
    }
    const double scale = capacity > 0 ? x[g] * (1.0 + initial_reserve) / capacity : 0.0;
    for (auto e : of_good[g]) {
      auto& firm = enterprises[e];
      firm.productivity *= scale;
      firm.capacity = capacity_of(firm, params.enterprises);
      firm.target = firm.capacity / (1.0 + initial_reserve);
      firm.reported_output = firm.target;
      firm.recent_output = firm.target;
      firm.recent_sales = firm.target;
      const auto inputs = goods.inputs(g);
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        firm.stock[i] = inputs[i].coefficient * firm.material_use * firm.capacity; // a month
      }
    }
    plan.output[g] = x[g];
    if (g >= c_first && g < c_last) {
      world_.flows.consumer_wanted[g] = wanted[g - c_first];
      world_.flows.consumer_goods_sold += plan.consumer_demand[g];
    }
    if (g >= h_first && g < h_last) {
      plan.investment[g] =
          params.planner.accumulation_share * total_output / double(h_last - h_first);
    }
  }
  calibrate_artels(relative * output_per_labour);
  start_from_census(x);
}

// Artels get capital per worker artels.capital_ratio times state consumer industry's, and the
// productivity that makes their capacity 5 % above relative_productivity times state consumer
// industry's output per worker. State shops start with half a month of state consumer goods.
void Initialiser::calibrate_artels(double output_per_labour) {
  const auto& params = world_.params;
  const auto [c_first, c_last] = world_.goods.range(Sector::consumer);
  double capital = 0.0, labour = 0.0;
  world_.for_each_producer(c_first, c_last, [&](const Enterprise& firm) {
    capital += firm.capital;
    labour += firm.workers;
  });
  start_.artel_capital_per_labour =
      labour > 0 ? params.artels.capital_ratio * capital / labour : 1.0;
  start_.artel_productivity =
      output_per_labour * (1.0 + initial_reserve) /
      std::pow(start_.artel_capital_per_labour, params.enterprises.capital_elasticity);
  // The state taxes artel sales so that, at the start, members earn what state workers with
  // their skills earn (materials counted at the state price).
  double revenue = 0.0, materials = 0.0, state_pay_of_members = 0.0;
  for (auto& artel : world_.artels.agents()) {
    artel.capital = start_.artel_capital_per_labour * artel.labour;
    artel.productivity *= start_.artel_productivity; // the spread drawn at the start stays
    artel.recent_sales = output_per_labour * artel.labour;
    artel.pay = start_.unskilled_wage;
    revenue += artel.recent_sales;
    materials += artel.recent_sales * world_.goods.material_per_unit(artel.good);
  }
  for (const auto& worker : world_.households.agents()) {
    state_pay_of_members += worker.workplace == Workplace::artel
                                ? state_pay(worker, start_.unskilled_wage, params.households)
                                : 0.0;
  }
  if (revenue > 0) {
    const double kept = state_pay_of_members / (1.0 - params.artels.reinvestment);
    start_.artel_tax = std::clamp(1.0 - (kept + materials) / revenue, 0.0, 0.95);
  }
  auto& markets = world_.markets;
  for (std::size_t k = 0; k < markets.goods(); ++k) {
    markets.stock_shops(k, initial_shop_months * world_.plan.consumer_demand[c_first + k]);
  }
}

// The planner starts from a census: it knows the true figures of the first year; so do the
// glavks of their enterprises.
void Initialiser::start_from_census(const std::vector<double>& x) {
  auto& hierarchy = world_.hierarchy;
  const auto& enterprises = world_.enterprises;
  auto& planner_known = hierarchy.known(ministry_level);
  for (std::size_t m = 0; m < planner_known.size(); ++m) {
    const auto good = hierarchy.nodes(ministry_level)[m].good;
    planner_known[m] =
        Report{static_cast<std::uint32_t>(m), x[good], true_capacity_of_good(good), x[good], 0.0};
  }
  for (std::size_t e = 0; e < enterprises.size(); ++e) {
    hierarchy.known(enterprise_level)[e] =
        Report{static_cast<std::uint32_t>(e), enterprises[e].target, enterprises[e].capacity,
               enterprises[e].target, 0.0};
  }
  auto& glavk_known = hierarchy.known(glavk_level);
  for (std::size_t node = 0; node < glavk_known.size(); ++node) {
    glavk_known[node] = Report{static_cast<std::uint32_t>(node), 0.0, 0.0, 0.0, 0.0};
    for (auto child : hierarchy.children(glavk_level, node)) {
      glavk_known[node].output += enterprises[child].target;
      glavk_known[node].capacity += enterprises[child].capacity;
      glavk_known[node].target += enterprises[child].target;
    }
  }
}

double Initialiser::true_capacity_of_good(std::size_t good) const {
  double capacity = 0.0;
  world_.for_each_producer(good, good + 1, [&](const Enterprise& firm) {
    capacity += capacity_of(firm, world_.params.enterprises);
  });
  return capacity;
}

} // namespace

InitialWorld initialise(EconomyParams params) {
  Goods goods = draw_goods(params);
  std::vector<Enterprise> enterprises = draw_enterprises(params, goods);
  InitialWorld initial{World(std::move(params), std::move(goods), std::move(enterprises)), {}};
  Initialiser steps(initial.world, initial.start);
  steps.build_households();
  steps.build_artels();
  steps.assign_jobs_at_start();
  steps.calibrate_capacity();
  return initial;
}

} // namespace plansim::model
