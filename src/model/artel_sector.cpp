// Artels: decisions, materials, accounts, closures and formations (docs/ODD.md 7.7).

#include "plansim/model/artel_sector.hpp"

#include "streams.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/engine/prefetch.hpp"
#include "plansim/model/labour_market.hpp"
#include "plansim/model/state_hiring.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

namespace plansim::model {

using streams::stream;

ArtelSector::ArtelSector(World& world, const StartingValues& start)
    : world_(world), capital_per_labour_(start.artel_capital_per_labour),
      productivity_(start.artel_productivity), tax_(start.artel_tax),
      waste_pool_(world.markets.regions(), 0.0) {}

void ArtelSector::settle_accounts(double unskilled_wage) {
  const auto& params = world_.params;
  for (auto& artel : world_.artels.agents()) {
    model::settle_accounts(artel, params.artels, tax_, params.enterprises.depreciation,
                           unskilled_wage);
  }
}

void ArtelSector::restrict(double hostility) {
  restricted_ = true;
  world_.params.artels.supply_hostility = hostility;
}

// Each artel becomes a state enterprise making its good in its region, with its capital,
// productivity, members, unsold stock and materials; the plan takes over what it was selling as
// its first target, a new manager runs it, and it joins a glavk of the consumer sector. From
// then on it is planned, supplied, invested in, staffed and reports like any state enterprise.
void ArtelSector::nationalise(int tick) {
  nationalised_ = true;
  auto& artels = world_.artels;
  const auto& ep = world_.params.enterprises;
  std::vector<std::uint32_t> enterprise_of_artel(artels.id_bound(), 0);
  artels.begin_staging(1);
  for (std::size_t a = 0; a < artels.size(); ++a) {
    const Artel& artel = artels[a];
    const auto index = static_cast<std::uint32_t>(world_.enterprises.size());
    auto random = stream(world_.params.seed, streams::enterprise, streams::setup, index, tick);
    Enterprise firm;
    firm.good = artel.good;
    firm.region = artel.region;
    firm.capital = artel.capital;
    firm.productivity = artel.productivity; // the same Cobb-Douglas capacity as an artel's
    firm.workers = artel.labour;
    firm.design_intensity = artel.labour > 0 ? artel.capital / artel.labour : 0.0;
    firm.manager = draw_manager(ep, random);
    firm.capacity = capacity_of(firm, ep);
    firm.target = artel.recent_sales;
    firm.reported_output = firm.target;
    firm.recent_output = artel.recent_sales;
    firm.recent_sales = artel.recent_sales;
    firm.output_stock = artel.stock;
    const double per_unit = world_.goods.material_per_unit(artel.good);
    const auto inputs = world_.goods.inputs(artel.good);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      firm.stock[i] = per_unit > 0 ? artel.materials * inputs[i].coefficient / per_unit : 0.0;
    }
    enterprise_of_artel[artels.id_at(a)] = world_.found_enterprise(firm, tick);
    artels.stage_death(0, artels.id_at(a));
  }
  for (auto& worker : world_.households.agents()) {
    if (worker.workplace == Workplace::artel) {
      worker.workplace = Workplace::state;
      worker.employer = enterprise_of_artel[worker.employer];
    }
  }
  artels.commit();
  count_labour(world_);
}

// Each artel looks at its region's queues as they were (a month ago, plus
// artels.information_delay, with a little noise), may switch to the good in shortest supply,
// sets its price and how much to make. Then artels get materials and produce. The artels
// decide in parallel: each reads only last month's markets and writes only itself; what
// switchers leave to the state shops is added afterwards in artel order, as before.
void ArtelSector::decide_and_produce(int tick) {
  auto& markets = world_.markets;
  auto& artels = world_.artels;
  const double alpha = world_.params.enterprises.capital_elasticity;
  const std::size_t c_first = world_.goods.range(Sector::consumer).first;
  std::vector<double> cell_capacity(markets.tally().size(), 0.0);
  for (const auto& artel : artels.agents()) {
    cell_capacity[markets.cell(artel.region, artel.good - c_first)] += capacity_of(artel, alpha);
  }
  const engine::Chunking chunking(artels.size(), artel_grain);
  const std::size_t goods = markets.goods();
  seen_unmet_.resize(chunking.count() * goods);
  left_over_.resize(artels.size());
  engine::parallel_for_chunks(chunking, [&](const engine::Chunk& chunk) {
    const std::span<double> seen(seen_unmet_.data() + chunk.index * goods, goods);
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      left_over_[i] = decide(artels[i], artels.id_at(i), tick, cell_capacity, seen);
    }
  });
  for (std::size_t i = 0; i < artels.size(); ++i) {
    if (left_over_[i].cell != no_cell) {
      markets.shop_stock()[left_over_[i].cell] += left_over_[i].stock;
    }
  }
  supply_materials();
}

ArtelSector::LeftOver ArtelSector::decide(Artel& artel, std::uint32_t id, int tick,
                                          std::span<const double> cell_capacity,
                                          std::span<double> seen_unmet) const {
  const auto& markets = world_.markets;
  const auto& ap = world_.params.artels;
  const double alpha = world_.params.enterprises.capital_elasticity;
  const std::size_t c_first = world_.goods.range(Sector::consumer).first;
  const MarketView view = markets.remembered(artel.region, ap.information_delay);
  const std::size_t current = artel.good - c_first;
  const bool looks = looks_around(id, tick);
  see_unmet(view, id, tick, looks ? all_goods : current, seen_unmet);
  const MarketView seen{seen_unmet, view.wanted};
  const std::size_t product = choose_product(current, seen, ap, looks);
  const double capacity = capacity_of(artel, alpha);
  double makers = cell_capacity[markets.cell(artel.region, product)];
  LeftOver left{no_cell, 0.0};
  if (product != current) {
    // What is left of the old good goes to the state shop at the state price.
    left = {markets.cell(artel.region, current), artel.stock};
    artel.revenue = artel.stock * world_.flows.price[artel.good];
    artel.stock = 0.0;
    artel.good = static_cast<std::uint32_t>(c_first + product);
    makers += capacity;
  } else {
    artel.revenue = 0.0;
  }
  artel.price = adjust_price(artel, seen.shortage(product), ap);
  const double share = makers > 0 ? seen.unmet[product] * capacity / makers : 0.0;
  artel.aim = plan_output(artel, share, capacity);
  artel.sold = 0.0;
  return left;
}

// An artel sees last months' unmet demand for every good with its own noise; then it draws
// whether it looks at other goods than its own this month. The stream is counter-based, so an
// artel that does not look draws only the noise on its own good and the same numbers as if
// it had drawn them all.
bool ArtelSector::looks_around(std::uint32_t id, int tick) const {
  const auto& ap = world_.params.artels;
  auto random = stream(world_.params.seed, streams::artel, streams::deciding, id, tick);
  const auto goods = static_cast<std::uint32_t>(world_.markets.goods());
  random.skip_normals(ap.information_noise == 0.0 ? 0 : goods);
  return random.bernoulli(ap.switch_probability);
}

void ArtelSector::see_unmet(const MarketView& view, std::uint32_t id, int tick, std::size_t good,
                            std::span<double> seen) const {
  const double sigma = world_.params.artels.information_noise;
  const auto random = stream(world_.params.seed, streams::artel, streams::deciding, id, tick);
  const auto noisy = [&](std::size_t k) {
    const double noise = sigma == 0.0
                             ? 1.0
                             : std::exp(sigma * random.normal_at(static_cast<std::uint32_t>(k)) -
                                        0.5 * sigma * sigma);
    seen[k] = view.unmet[k] * noise;
  };
  if (good != all_goods) {
    noisy(good);
    return;
  }
  for (std::size_t k = 0; k < view.unmet.size(); ++k) {
    noisy(k);
  }
}

// Materials: first the region's waste pool (a share of what state industry used this month,
// cheap), then a cooperative allocation from what state enterprises could not ship, which bureaus
// squeeze by artels.supply_hostility. Output falls with a
// shortfall of materials as for state enterprises.
void ArtelSector::supply_materials() {
  const auto& markets = world_.markets;
  auto& artels = world_.artels;
  const auto& ap = world_.params.artels;
  std::fill(waste_pool_.begin(), waste_pool_.end(), 0.0);
  for (const auto& firm : world_.enterprises) {
    waste_pool_[firm.region] +=
        ap.waste_share * world_.goods.material_per_unit(firm.good) * firm.output;
  }
  std::vector<double> need_in_region(markets.regions(), 0.0);
  for (const auto& artel : artels.agents()) {
    need_in_region[artel.region] += artel.aim * world_.goods.material_per_unit(artel.good);
  }
  double cooperative_need = 0.0;
  for (auto& artel : artels.agents()) {
    const double need = artel.aim * world_.goods.material_per_unit(artel.good);
    const double region_need = need_in_region[artel.region];
    const double waste_ratio =
        region_need > 0 ? std::min(1.0, waste_pool_[artel.region] / region_need) : 0.0;
    artel.materials = need * waste_ratio;
    artel.material_cost = artel.materials * ap.waste_price;
    cooperative_need += need - artel.materials;
  }
  // What state enterprises of heavy industry and materials could not ship to state users.
  const auto [h_first, h_last] = world_.goods.range(Sector::heavy);
  const auto [m_first, m_last] = world_.goods.range(Sector::materials);
  const std::size_t first = std::min(h_first, m_first), last = std::max(h_last, m_last);
  double leftovers = 0.0;
  world_.for_each_producer(first, last,
                           [&](const Enterprise& firm) { leftovers += firm.output_stock; });
  // Bureaus approve only (1 - hostility) of what cooperatives ask for; the approved requests
  // share cooperative_allocation of the leftovers in the enterprises' output stocks. With a
  // pool of their own, artels get as much and the enterprises' stocks stay whole.
  const double hostility = this->hostility();
  const double approved = (1.0 - hostility) * cooperative_need;
  const double offered = ap.cooperative_allocation * leftovers;
  const double filled = approved > 0 ? std::min(1.0, offered / approved) : 0.0;
  const double cooperative_ratio = (1.0 - hostility) * filled;
  const double taken = separate_materials(ap) ? 0.0 : filled * approved;
  if (leftovers > 0 && taken > 0) {
    world_.for_each_producer(
        first, last, [&](Enterprise& firm) { firm.output_stock *= 1.0 - taken / leftovers; });
  }
  const double material_use = ap.lobbying > 0 ? state_material_use() : 0.0;
  materials_taken_share_ = material_use > 0 ? taken / material_use : 0.0;
  felt_.materials_taken += taken;
  felt_.material_use += material_use;
  const double substitution = world_.params.enterprises.input_substitution;
  for (auto& artel : artels.agents()) {
    const double need = artel.aim * world_.goods.material_per_unit(artel.good);
    const double allocated = (need - artel.materials) * cooperative_ratio;
    artel.materials += allocated;
    artel.material_cost += allocated * 1.0; // at the state price of materials
    const double supplied = need > 0 ? std::min(1.0, artel.materials / need) : 1.0;
    artel.output = artel.aim * std::pow(supplied, substitution);
    artel.stock += artel.output;
  }
}

// Hard budget: artels that fail close; their stock goes to the state shop, their members to
// state jobs.
void ArtelSector::close_failed(int tick) {
  auto& markets = world_.markets;
  auto& artels = world_.artels;
  auto& households = world_.households;
  const std::size_t c_first = world_.goods.range(Sector::consumer).first;
  artels.begin_staging(1);
  closed_ = 0;
  for (std::size_t a = 0; a < artels.size(); ++a) {
    auto& artel = artels[a];
    if (must_close(artel, world_.params.artels)) {
      markets.shop_stock()[markets.cell(artel.region, artel.good - c_first)] += artel.stock;
      artels.stage_death(0, artels.id_at(a));
      ++closed_;
    }
  }
  artels.commit();
  if (closed_ == 0) {
    return;
  }
  // Each member of a closed artel is hired by a state enterprise drawn from their own stream
  // against capital as it stands: no hire changes another's, so the pass runs in parallel.
  const StateHiring hiring(world_);
  const auto workers = households.agents();
  engine::parallel_for_chunks(engine::Chunking(workers.size()), [&](const engine::Chunk& chunk) {
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      engine::prefetch_ahead(workers.data(), i, chunk.end);
      auto& worker = workers[i];
      if (worker.workplace == Workplace::artel && !artels.alive(worker.employer)) {
        auto random = stream(world_.params.seed, streams::household, streams::hiring,
                             households.id_at(i), tick);
        worker.workplace = Workplace::state;
        worker.employer = hiring.hire(worker.region, random);
      }
    }
  });
}

// Where the queues a region's artels would see stay long (shortage above
// artels.formation_threshold), a new artel forms with probability artels.formation_rate a
// month, if artels.founders skilled state workers are there to start it; it makes the good in
// shortest supply.
void ArtelSector::form(int tick, double unskilled_wage) {
  const auto& markets = world_.markets;
  auto& artels = world_.artels;
  auto& households = world_.households;
  const auto& ap = world_.params.artels;
  formed_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> replacements; // (region, employer)
  if (restricted_ || nationalised_ || ap.formation_rate <= 0 || ap.founders <= 0 ||
      markets.goods() == 0) {
    return;
  }
  const std::size_t c_first = world_.goods.range(Sector::consumer).first;
  for (std::size_t r = 0; r < markets.regions(); ++r) {
    auto random = stream(world_.params.seed, streams::region, streams::founding,
                         static_cast<std::uint32_t>(r), tick);
    const MarketView view = markets.remembered(r, ap.information_delay);
    const double unmet = std::accumulate(view.unmet.begin(), view.unmet.end(), 0.0);
    const double wanted = std::accumulate(view.wanted.begin(), view.wanted.end(), 0.0);
    const bool persistent = wanted > 0 && unmet / wanted > ap.formation_threshold;
    if (!random.bernoulli(ap.formation_rate) || !persistent) {
      continue;
    }
    std::vector<std::size_t> candidates;
    for (auto index : world_.households_in_region[r]) {
      const auto& worker = households[index];
      if (worker.skilled && worker.workplace == Workplace::state) {
        candidates.push_back(index);
      }
    }
    const auto founders = static_cast<std::uint32_t>(ap.founders);
    if (candidates.size() < founders) {
      continue;
    }
    std::vector<std::uint32_t> chosen(founders);
    random.sample_indices(static_cast<std::uint32_t>(candidates.size()), chosen);
    const double sigma = world_.params.enterprises.productivity_sigma;
    Artel artel;
    artel.region = static_cast<std::uint32_t>(r);
    artel.good = static_cast<std::uint32_t>(c_first + view.shortest());
    artel.capital = capital_per_labour_ * founders * world_.params.households.skill_weight *
                    world_.params.households.work_norm;
    artel.productivity = productivity_ * random.lognormal(-0.5 * sigma * sigma, sigma);
    artel.pay = unskilled_wage * world_.params.households.skill_premium;
    const auto id = artels.add(artel);
    for (auto c : chosen) {
      auto& worker = households[candidates[c]];
      if (separate_labour(ap)) {
        replacements.push_back({worker.region, worker.employer});
      } else {
        ++skilled_lost_;
        felt_.skilled_lost += 1.0;
      }
      worker.workplace = Workplace::artel;
      worker.employer = id;
    }
    ++formed_;
  }
  // With a labour pool of their own, each founder's enterprise takes on a skilled newcomer.
  for (const auto& [region, employer] : replacements) {
    add_newcomer(world_, region, true, employer, unskilled_wage);
  }
  if (!replacements.empty()) {
    world_.index_households();
  }
}

void ArtelSector::note_skilled_losses(int workers) {
  skilled_lost_ = workers;
  felt_.skilled_lost += workers;
}

double ArtelSector::hostility() const {
  return combined_hostility(world_.params.artels.supply_hostility, lobbied_hostility_);
}

double ArtelSector::state_material_use() const {
  double use = 0.0;
  for (const auto& firm : world_.enterprises) {
    use += world_.goods.material_per_unit(firm.good) * firm.output;
  }
  return use;
}

// Each January the ministries weigh what artels took from them over the year: materials out
// of their stocks per unit they used, and skilled workers per skilled worker they employ. The
// squeeze they press for is artels.lobbying times that, and the one in force moves
// artels.lobbying_speed of the way to it (docs/ODD.md 7.7, "Lobbying").
void ArtelSector::review_hostility(int tick) {
  const auto& ap = world_.params.artels;
  if (tick == 0 || ap.lobbying <= 0 || !world_.calendar.starts_year(tick)) {
    return;
  }
  double skilled_state = 0.0;
  for (const auto& worker : world_.households.agents()) {
    skilled_state += worker.skilled && worker.workplace == Workplace::state ? 1.0 : 0.0;
  }
  const double before = lobbied_hostility_;
  lobbied_hostility_ = lobbied_hostility(before, felt_.level(skilled_state), ap);
  felt_ = CompetitionFelt{};
  if (std::abs(lobbied_hostility_ - before) >= 0.05) {
    world_.log(tick, "lobbying",
               "ministries' squeeze on artels' supplies now " +
                   std::to_string(std::lround(100 * lobbied_hostility_)) + " %");
  }
}

} // namespace plansim::model
