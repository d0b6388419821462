// The consumer side of the economy: households, state shops, artels and the labour market
// (DESIGN.md section 3; docs/ODD.md 7.6-7.9).

#include "streams.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/model/economy.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace plansim::model {

using engine::Chunk;
using engine::Chunking;
using engine::RandomStream;
using streams::stream;

namespace {

constexpr double opening_share = 0.1;    // members an artel at capacity admits a month (assumption)
constexpr double norm_adaptation = 0.05; // how fast households get used to a new work norm
constexpr std::size_t household_grain = 1024;

} // namespace

// --- setup ----------------------------------------------------------------------------------

// Households: one worker each, spread evenly over regions; each region has its own tastes for
// consumer goods (lognormal weights). The first wage is set so that workers spend
// planner.consumer_demand a month.
void Economy::build_households() {
  const auto& hp = params_.households;
  const std::size_t regions = markets_.regions();
  for (std::size_t r = 0; r < regions; ++r) {
    auto random =
        stream(params_.seed, streams::region, streams::setup, static_cast<std::uint32_t>(r), 0);
    double total = 0.0;
    for (std::size_t k = 0; k < markets_.goods(); ++k) {
      total += markets_.taste()[markets_.cell(r, k)] = random.lognormal(0.0, hp.taste_sigma);
    }
    for (std::size_t k = 0; k < markets_.goods(); ++k) {
      markets_.taste()[markets_.cell(r, k)] /= total;
    }
  }
  wage_unskilled_ = params_.planner.consumer_demand /
                    ((1.0 - hp.saving_rate) * (1.0 + hp.skilled_share * (hp.skill_premium - 1.0)));
  enterprises_in_region_.assign(regions, {});
  for (std::size_t e = 0; e < enterprises_.size(); ++e) {
    enterprises_in_region_[enterprises_[e].region].push_back(e);
  }
  const auto count = static_cast<std::size_t>(std::max(params_.enterprises.workers, 0));
  for (std::size_t h = 0; h < count; ++h) {
    auto random =
        stream(params_.seed, streams::household, streams::setup, static_cast<std::uint32_t>(h), 0);
    Household worker;
    worker.region = static_cast<std::uint32_t>(h % regions);
    worker.skilled = random.bernoulli(hp.skilled_share);
    worker.workplace =
        random.bernoulli(params_.artels.employment_share) ? Workplace::artel : Workplace::state;
    worker.income = state_pay(worker);
    worker.money = worker.income;
    worker.expected_consumption = (1.0 - hp.saving_rate) * worker.income;
    households_.add(worker);
  }
  index_households();
  waste_pool_.assign(regions, 0.0);
  substituted_.assign(regions, 0.0);
  seen_unmet_.assign(markets_.goods(), 0.0);
  seen_wanted_.assign(markets_.goods(), 0.0);
}

// Artels at the start: artels.count of them, spread over regions, each making a consumer good
// drawn at random; the workers who chose an artel job are shared out among their region's
// artels. Their capital and productivity are set by calibrate_artels().
void Economy::build_artels() {
  const auto [c_first, c_last] = goods_.range(Sector::consumer);
  const auto consumer_goods = static_cast<std::uint32_t>(c_last - c_first);
  const double sigma = params_.enterprises.productivity_sigma;
  const bool any = params_.artels.employment_share > 0 && consumer_goods > 0;
  const int count = any ? std::max(params_.artels.count, 0) : 0;
  for (int a = 0; a < count; ++a) {
    auto random =
        stream(params_.seed, streams::artel, streams::setup, static_cast<std::uint32_t>(a), 0);
    Artel artel;
    artel.region = static_cast<std::uint32_t>(static_cast<std::size_t>(a) % markets_.regions());
    artel.good = static_cast<std::uint32_t>(c_first + random.uniform_int(consumer_goods));
    artel.productivity = random.lognormal(-0.5 * sigma * sigma, sigma); // spread, mean 1
    artels_.add(artel);
  }
  assign_jobs_at_start();
}

// Artel workers go round-robin to their region's artels (to the state where a region has
// none); state workers are spread over their region's enterprises by capital, at least one
// each where there are enough workers.
void Economy::assign_jobs_at_start() {
  for (std::size_t r = 0; r < markets_.regions(); ++r) {
    std::vector<engine::AgentId> region_artels;
    for (std::size_t a = 0; a < artels_.size(); ++a) {
      if (artels_[a].region == r) {
        region_artels.push_back(artels_.id_at(a));
      }
    }
    std::vector<std::size_t> state_workers;
    std::size_t next_artel = 0;
    for (auto index : households_in_region_[r]) {
      auto& worker = households_[index];
      if (worker.workplace == Workplace::artel && !region_artels.empty()) {
        worker.employer = region_artels[next_artel++ % region_artels.size()];
      } else {
        worker.workplace = Workplace::state;
        state_workers.push_back(index);
      }
    }
    const auto& firms = enterprises_in_region_[r];
    if (firms.empty()) {
      continue;
    }
    const std::size_t first_round = std::min(firms.size(), state_workers.size());
    for (std::size_t i = 0; i < first_round; ++i) {
      households_[state_workers[i]].employer = static_cast<std::uint32_t>(firms[i]);
    }
    double total_capital = 0.0;
    for (auto e : firms) {
      total_capital += enterprises_[e].capital;
    }
    const std::size_t rest = state_workers.size() - first_round;
    std::size_t firm = 0;
    double cumulative = enterprises_[firms[0]].capital / total_capital;
    for (std::size_t i = 0; i < rest; ++i) {
      const double position = (double(i) + 0.5) / double(rest);
      while (position > cumulative && firm + 1 < firms.size()) {
        cumulative += enterprises_[firms[++firm]].capital / total_capital;
      }
      households_[state_workers[first_round + i]].employer =
          static_cast<std::uint32_t>(firms[firm]);
    }
  }
}

void Economy::index_households() {
  households_in_region_.assign(markets_.regions(), {});
  for (std::size_t i = 0; i < households_.size(); ++i) {
    households_in_region_[households_[i].region].push_back(i);
  }
}

// Effective labour of every enterprise and artel, from the workers they employ.
void Economy::count_labour() {
  const auto& hp = params_.households;
  for (auto& firm : enterprises_) {
    firm.workers = 0.0;
    firm.skilled_workers = 0;
    firm.unskilled_workers = 0;
  }
  for (auto& artel : artels_.agents()) {
    artel.labour = 0.0;
    artel.members = 0;
    artel.skilled_members = 0;
  }
  for (const auto& worker : households_.agents()) {
    const double labour = labour_of(worker, hp) * hp.work_norm;
    if (worker.workplace == Workplace::state) {
      auto& firm = enterprises_[worker.employer];
      firm.workers += labour;
      ++(worker.skilled ? firm.skilled_workers : firm.unskilled_workers);
    } else if (const auto index = artels_.index_of(worker.employer)) {
      auto& artel = artels_[*index];
      artel.labour += labour;
      ++artel.members;
      artel.skilled_members += worker.skilled ? 1 : 0;
    }
  }
}

double Economy::state_pay(const Household& h) const {
  return wage_unskilled_ * (h.skilled ? params_.households.skill_premium : 1.0);
}

double Economy::market_price(std::size_t good) const {
  return price_[good];
}

// A state job in the region: enterprises hire in proportion to their capital.
std::uint32_t Economy::hire_into_state(std::uint32_t region, RandomStream& random) const {
  const auto& firms = enterprises_in_region_[region];
  double total = 0.0;
  for (auto e : firms) {
    total += enterprises_[e].capital;
  }
  double pick = random.uniform() * total;
  for (auto e : firms) {
    pick -= enterprises_[e].capital;
    if (pick <= 0.0) {
      return static_cast<std::uint32_t>(e);
    }
  }
  return static_cast<std::uint32_t>(firms.back());
}

// --- wages (each January, with the plan) ----------------------------------------------------

// The planner sets the state wage so that the money households will spend (what they are paid,
// less what they save, plus what they try to spend of forced savings) matches the consumer
// goods it expects to sell (state shops' deliveries over the past year, grown as the plan grows
// consumer goods output) plus what artels sell, times 1 + planner.wage_drift.
void Economy::set_wages() {
  const auto& hp = params_.households;
  const auto [c_first, c_last] = goods_.range(Sector::consumer);
  double planned = 0.0;
  for (std::size_t g = c_first; g < c_last; ++g) {
    planned += planned_output_[g] * market_price(g);
  }
  const bool market = params_.planner.method == PlanningMethod::market;
  const double growth = !market && planned_consumer_goods_ > 0
                            ? std::clamp(planned / planned_consumer_goods_, 0.8, 1.25)
                            : 1.0;
  planned_consumer_goods_ = planned;
  double goods = consumer_goods_sold_ * growth;
  for (const auto& artel : artels_.agents()) {
    goods += artel.recent_sales * artel.price * market_price(artel.good);
  }
  double state_bill = 0.0, other_pay = 0.0, forced = 0.0;
  for (const auto& worker : households_.agents()) {
    (worker.workplace == Workplace::state ? state_bill : other_pay) += worker.income;
    forced += worker.forced_savings;
  }
  const double wanted_pay =
      ((1.0 + params_.planner.wage_drift) * goods - hp.overhang_spending * forced) /
      (1.0 - hp.saving_rate);
  if (state_bill > 0) {
    // Wages are sticky: they rise by at most 15 % and fall by at most 5 % a year.
    wage_unskilled_ *= std::clamp((wanted_pay - other_pay) / state_bill, 0.95, 1.15);
  }
}

// --- state shops ----------------------------------------------------------------------------

// Reports from state shops that have arrived update what the state believes; each consumer good
// delivered this month goes to the regions in proportion to the demand the state believes
// they have.
void Economy::deliver_to_shops(int tick) {
  retail_reports_.deliver(tick);
  for (const auto& message : retail_reports_.inbox(0)) {
    markets_.believed_wanted()[message.payload.cell] = message.payload.wanted;
    markets_.believed_unmet()[message.payload.cell] = message.payload.unmet;
  }
  const std::size_t c_first = goods_.range(Sector::consumer).first;
  double delivered = 0.0;
  for (std::size_t k = 0; k < markets_.goods(); ++k) {
    delivered += consumer_delivered_[c_first + k] * market_price(c_first + k);
  }
  consumer_goods_sold_ = (11.0 * consumer_goods_sold_ + delivered) / 12.0; // a year's memory
  for (std::size_t k = 0; k < markets_.goods(); ++k) {
    markets_.stock_shops(k, consumer_delivered_[c_first + k]);
  }
}

// Each shop reports the month's demand and queues upwards through the report channel.
void Economy::report_retail(int tick) {
  retail_reports_.open_outboxes(1);
  for (std::size_t c = 0; c < markets_.tally().size(); ++c) {
    const auto cell = static_cast<std::uint32_t>(c);
    auto random = stream(params_.seed, streams::region, streams::reporting, cell, tick);
    const auto& tally = markets_.tally()[c];
    retail_reports_.send(0, cell, 0, tick, RetailReport{cell, tally.wanted, tally.unmet}, random);
  }
  retail_reports_.post();
}

// --- artels ---------------------------------------------------------------------------------

// Each artel looks at its region's queues as they were (a month ago, plus
// artels.information_delay, with a little noise), may switch to the good in shortest supply,
// sets its price and how much to make. A nationalised artel's bureau decides the same way from
// what the state's shop reports have told it. Then artels get materials and produce. Artels are
// few, so this runs serially.
void Economy::run_artels(int tick) {
  const auto& ap = params_.artels;
  const double alpha = params_.enterprises.capital_elasticity;
  const std::size_t c_first = goods_.range(Sector::consumer).first;
  std::vector<double> cell_capacity(markets_.tally().size(), 0.0);
  for (const auto& artel : artels_.agents()) {
    cell_capacity[markets_.cell(artel.region, artel.good - c_first)] += capacity_of(artel, alpha);
  }
  for (std::size_t i = 0; i < artels_.size(); ++i) {
    Artel& artel = artels_[i];
    auto random = stream(params_.seed, streams::artel, streams::deciding, artels_.id_at(i), tick);
    const MarketView view = artel.nationalised
                                ? markets_.believed(artel.region)
                                : markets_.remembered(artel.region, ap.information_delay);
    for (std::size_t k = 0; k < markets_.goods(); ++k) {
      const double noise = artel.nationalised ? 1.0 : random.lognormal_factor(ap.information_noise);
      seen_unmet_[k] = view.unmet[k] * noise;
      seen_wanted_[k] = view.wanted[k];
    }
    const MarketView seen{seen_unmet_, seen_wanted_};
    const std::size_t current = artel.good - c_first;
    const std::size_t product = choose_product(current, seen, ap, random);
    const double capacity = capacity_of(artel, alpha);
    double makers = cell_capacity[markets_.cell(artel.region, product)];
    if (product != current) {
      // What is left of the old good goes to the state shop at the state price.
      markets_.shop_stock()[markets_.cell(artel.region, current)] += artel.stock;
      artel.revenue = artel.stock * market_price(artel.good);
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
  }
  supply_artels();
}

// Materials: first the region's waste pool (a share of what state industry used this month,
// cheap), then a cooperative allocation from what state enterprises could not ship, which bureaus
// squeeze by artels.supply_hostility (not for nationalised artels). Output falls with a
// shortfall of materials as for state enterprises.
void Economy::supply_artels() {
  const auto& ap = params_.artels;
  std::fill(waste_pool_.begin(), waste_pool_.end(), 0.0);
  for (const auto& firm : enterprises_) {
    waste_pool_[firm.region] += ap.waste_share * material_per_unit_[firm.good] * firm.output;
  }
  std::vector<double> need_in_region(markets_.regions(), 0.0);
  for (const auto& artel : artels_.agents()) {
    need_in_region[artel.region] += artel.aim * material_per_unit_[artel.good];
  }
  double cooperative_need = 0.0, state_need = 0.0;
  for (auto& artel : artels_.agents()) {
    const double need = artel.aim * material_per_unit_[artel.good];
    const double region_need = need_in_region[artel.region];
    const double waste_ratio =
        region_need > 0 ? std::min(1.0, waste_pool_[artel.region] / region_need) : 0.0;
    artel.materials = need * waste_ratio;
    artel.material_cost = artel.materials * ap.waste_price;
    (artel.nationalised ? state_need : cooperative_need) += need - artel.materials;
  }
  // What state enterprises of heavy industry and materials could not ship to state users.
  const auto [h_first, h_last] = goods_.range(Sector::heavy);
  const auto [m_first, m_last] = goods_.range(Sector::materials);
  const auto unshipped = std::span(enterprises_)
                             .subspan(enterprise_offsets_[std::min(h_first, m_first)],
                                      enterprise_offsets_[std::max(h_last, m_last)] -
                                          enterprise_offsets_[std::min(h_first, m_first)]);
  double leftovers = 0.0;
  for (const auto& firm : unshipped) {
    leftovers += firm.output_stock;
  }
  // Bureaus approve only (1 - hostility) of what cooperatives ask for; the approved requests
  // share cooperative_allocation of the leftovers in the enterprises' output stocks.
  const double approved = (1.0 - ap.supply_hostility) * cooperative_need + state_need;
  const double offered = ap.cooperative_allocation * leftovers;
  const double filled = approved > 0 ? std::min(1.0, offered / approved) : 0.0;
  const double cooperative_ratio = (1.0 - ap.supply_hostility) * filled;
  const double state_ratio = filled;
  const double taken = filled * approved;
  if (leftovers > 0) {
    for (auto& firm : unshipped) {
      firm.output_stock *= 1.0 - taken / leftovers;
    }
  }
  const double substitution = params_.enterprises.input_substitution;
  for (auto& artel : artels_.agents()) {
    const double need = artel.aim * material_per_unit_[artel.good];
    const double allocated =
        (need - artel.materials) * (artel.nationalised ? state_ratio : cooperative_ratio);
    artel.materials += allocated;
    artel.material_cost += allocated * 1.0; // at the state price of materials
    const double supplied = need > 0 ? std::min(1.0, artel.materials / need) : 1.0;
    artel.output = artel.aim * std::pow(supplied, substitution);
    artel.stock += artel.output;
  }
}

// --- shopping -------------------------------------------------------------------------------

// Every region's households shop; regions are independent, so they run in parallel.
void Economy::shop(int tick) {
  const std::size_t c_first = goods_.range(Sector::consumer).first;
  artels_in_cell_.assign(markets_.tally().size(), {});
  for (std::size_t a = 0; a < artels_.size(); ++a) {
    artels_in_cell_[markets_.cell(artels_[a].region, artels_[a].good - c_first)].push_back(a);
  }
  std::fill(markets_.tally().begin(), markets_.tally().end(), MarketTally{});
  engine::parallel_for_chunks(Chunking(markets_.regions(), 1), [&](const Chunk& chunk) {
    for (std::size_t r = chunk.begin; r < chunk.end; ++r) {
      shop_in_region(r, tick);
    }
  });
  for (std::size_t k = 0; k < markets_.goods(); ++k) {
    double wanted = 0.0;
    for (std::size_t r = 0; r < markets_.regions(); ++r) {
      wanted += markets_.tally()[markets_.cell(r, k)].wanted;
    }
    consumer_wanted_[c_first + k] = wanted;
  }
  markets_.remember_month();
  report_retail(tick);
}

// Households come to the shops in a random order, drawn afresh each month; each good's queue
// starts at a different place in it. Each household spends its budget's share for the good
// (the region's taste) at the cheapest seller with stock (state shops at fixed prices, artels
// at theirs), then the next. Money nobody could take is unmet demand; households try a share
// of it (households.substitution) on whatever is left on the shelves, and keep the rest as
// forced savings.
void Economy::shop_in_region(std::size_t r, int tick) {
  const auto& hp = params_.households;
  const std::size_t c_first = goods_.range(Sector::consumer).first;
  std::vector<std::size_t> queue = households_in_region_[r];
  auto random =
      stream(params_.seed, streams::region, streams::shopping, static_cast<std::uint32_t>(r), tick);
  random.shuffle(std::span(queue));
  // The hot fields, in queue order and contiguous.
  const std::size_t n = queue.size();
  std::vector<double> budget(n), bought(n, 0.0), unspent(n, 0.0);
  double all_budgets = 0.0;
  for (std::size_t position = 0; position < n; ++position) {
    auto& worker = households_[queue[position]];
    worker.budget = monthly_budget(worker, hp);
    budget[position] = worker.budget;
    all_budgets += worker.budget;
  }

  std::vector<std::vector<Seller>> sellers(markets_.goods());
  std::vector<PriceTier> tiers;
  for (std::size_t k = 0; k < markets_.goods(); ++k) {
    const std::size_t cell = markets_.cell(r, k);
    const double state_price = market_price(c_first + k);
    sellers[k].push_back(Seller{state_price, markets_.shop_stock()[cell], 0.0, 0.0, -1});
    for (auto a : artels_in_cell_[cell]) {
      sellers[k].push_back(Seller{artels_[a].price * state_price, artels_[a].stock, 0.0, 0.0,
                                  static_cast<std::int64_t>(a)});
    }
    sort_by_price(sellers[k]);
    pool_by_price(sellers[k], tiers);

    const double taste = markets_.taste()[cell];
    auto& tally = markets_.tally()[cell];
    tally.wanted = taste * all_budgets / state_price;
    const auto serve = [&](std::size_t position) {
      const double money = budget[position] * taste;
      const double left = buy(money, tiers, bought[position]);
      unspent[position] += left;
      tally.unmet += left / state_price;
      tally.queued += left > 1e-12 * money ? 1.0 : 0.0;
    };
    const std::size_t start = n > 0 ? random.uniform_int(static_cast<std::uint32_t>(n)) : 0;
    for (std::size_t position = start; position < n; ++position) {
      serve(position);
    }
    for (std::size_t position = 0; position < start; ++position) {
      serve(position);
    }
    settle_tiers(tiers, sellers[k]);
  }

  // Forced substitution: the region's second-choice spending buys a proportional share of
  // everything left on the shelves.
  double second_choice = 0.0, shelves = 0.0;
  for (std::size_t position = 0; position < n; ++position) {
    second_choice += hp.substitution * unspent[position];
  }
  for (const auto& good : sellers) {
    for (const auto& seller : good) {
      shelves += seller.stock * seller.price;
    }
  }
  const double bought_share = second_choice > 0 ? std::min(1.0, shelves / second_choice) : 0.0;
  const double cleared = shelves > 0 ? std::min(1.0, second_choice / shelves) : 0.0;
  double units_cleared = 0.0;
  for (auto& good : sellers) {
    for (auto& seller : good) {
      const double units = seller.stock * cleared;
      seller.stock -= units;
      seller.sold += units;
      seller.revenue += units * seller.price;
      units_cleared += units;
    }
  }
  substituted_[r] = second_choice * bought_share;
  for (std::size_t position = 0; position < n; ++position) {
    auto& worker = households_[queue[position]];
    const double substitutes = hp.substitution * unspent[position];
    worker.consumption = bought[position];
    if (second_choice > 0) {
      worker.consumption += units_cleared * substitutes / second_choice;
    }
    worker.spent = worker.budget - unspent[position] + substitutes * bought_share;
  }

  for (std::size_t k = 0; k < markets_.goods(); ++k) {
    auto& tally = markets_.tally()[markets_.cell(r, k)];
    for (const auto& seller : sellers[k]) {
      if (seller.artel < 0) {
        markets_.shop_stock()[markets_.cell(r, k)] = seller.stock;
        tally.from_state = seller.sold;
      } else {
        auto& artel = artels_[static_cast<std::size_t>(seller.artel)];
        artel.stock = seller.stock;
        artel.sold += seller.sold;
        artel.revenue += seller.revenue;
        tally.from_artels += seller.sold;
      }
    }
  }
}

// --- work: pay, accounts, job moves, new and closed artels ----------------------------------

void Economy::work(int tick) {
  const auto& ap = params_.artels;
  const auto& hp = params_.households;
  for (auto& artel : artels_.agents()) {
    settle_accounts(artel, ap, artel_tax_, params_.enterprises.depreciation, wage_unskilled_);
  }
  pay_workers();
  const double norm_rise = hp.work_norm / norm_reference_ - 1.0;
  norm_reference_ += norm_adaptation * (hp.work_norm - norm_reference_);
  auto workers = households_.agents();
  engine::parallel_for_chunks(Chunking(workers.size(), household_grain), [&](const Chunk& chunk) {
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      settle_month(workers[i], hp);
      update_discontent(workers[i], hp, norm_rise);
    }
  });
  close_failed_artels(tick);
  move_jobs(tick);
  form_artels(tick);
  if (tick > 0 && calendar_.starts_year(tick)) {
    grow_workforce(tick);
  }
  count_labour();
}

// State workers get the state wage for their skill; artel members their equal share of the
// artel's net income (state wages once it is nationalised).
void Economy::pay_workers() {
  auto workers = households_.agents();
  engine::parallel_for_chunks(Chunking(workers.size(), household_grain), [&](const Chunk& chunk) {
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      auto& worker = workers[i];
      worker.income = state_pay(worker);
      if (worker.workplace == Workplace::artel) {
        if (const auto index = artels_.index_of(worker.employer)) {
          const auto& artel = artels_[*index];
          worker.income = artel.nationalised ? state_pay(worker) : std::max(0.0, artel.pay);
        }
      }
    }
  });
}

// Hard budget: artels that fail close; their stock goes to the state shop, their members to
// state jobs.
void Economy::close_failed_artels(int tick) {
  const std::size_t c_first = goods_.range(Sector::consumer).first;
  artels_.begin_staging(1);
  artels_closed_ = 0;
  for (std::size_t a = 0; a < artels_.size(); ++a) {
    auto& artel = artels_[a];
    if (must_close(artel, params_.artels)) {
      markets_.shop_stock()[markets_.cell(artel.region, artel.good - c_first)] += artel.stock;
      artels_.stage_death(0, artels_.id_at(a));
      ++artels_closed_;
    }
  }
  artels_.commit();
  if (artels_closed_ == 0) {
    return;
  }
  for (std::size_t i = 0; i < households_.size(); ++i) {
    auto& worker = households_[i];
    if (worker.workplace == Workplace::artel && !artels_.alive(worker.employer)) {
      auto random =
          stream(params_.seed, streams::household, streams::hiring, households_.id_at(i), tick);
      worker.workplace = Workplace::state;
      worker.employer = hire_into_state(worker.region, random);
    }
  }
}

// With probability households.mobility a worker looks around his region: a state job at the
// state wage for his skill, or a place in an artel that is short of hands (at capacity and
// paying more than the unskilled state wage) at its members' pay. He moves when the best offer
// beats his pay by households.move_threshold. Regions are independent and run in parallel.
void Economy::move_jobs(int tick) {
  const auto& hp = params_.households;
  std::vector<std::vector<std::size_t>> artels_in_region(markets_.regions());
  for (std::size_t a = 0; a < artels_.size(); ++a) {
    auto& artel = artels_[a];
    const bool short_of_hands =
        artel.aim >= 0.99 * capacity_of(artel, params_.enterprises.capital_elasticity);
    artel.openings = !artel.nationalised && short_of_hands && artel.pay > wage_unskilled_
                         ? std::max(1, static_cast<int>(opening_share * artel.members))
                         : 0;
    artels_in_region[artel.region].push_back(a);
  }
  std::vector<int> moves(markets_.regions(), 0);
  engine::parallel_for_chunks(Chunking(markets_.regions(), 1), [&](const Chunk& chunk) {
    for (std::size_t r = chunk.begin; r < chunk.end; ++r) {
      for (auto index : households_in_region_[r]) {
        auto& worker = households_[index];
        auto random = stream(params_.seed, streams::household, streams::moving,
                             households_.id_at(index), tick);
        if (!random.bernoulli(hp.mobility)) {
          continue;
        }
        double best = worker.workplace == Workplace::state ? 0.0 : state_pay(worker);
        std::int64_t best_artel = -1;
        for (auto a : artels_in_region[r]) {
          const auto& artel = artels_[a];
          const bool own =
              worker.workplace == Workplace::artel && worker.employer == artels_.id_at(a);
          if (!own && artel.openings > 0 && artel.pay > best) {
            best = artel.pay;
            best_artel = static_cast<std::int64_t>(a);
          }
        }
        if (!takes_job(worker.income, best, hp)) {
          continue;
        }
        if (best_artel >= 0) {
          auto& artel = artels_[static_cast<std::size_t>(best_artel)];
          --artel.openings;
          worker.workplace = Workplace::artel;
          worker.employer = artels_.id_at(static_cast<std::size_t>(best_artel));
        } else {
          worker.workplace = Workplace::state;
          worker.employer = hire_into_state(worker.region, random);
        }
        ++moves[r];
      }
    }
  });
  job_moves_ = std::accumulate(moves.begin(), moves.end(), 0);
}

// Where the queues a region's artels would see stay long (shortage above
// artels.formation_threshold), a new artel forms with probability artels.formation_rate a
// month, if artels.founders skilled state workers are there to start it; it makes the good in
// shortest supply.
void Economy::form_artels(int tick) {
  const auto& ap = params_.artels;
  artels_formed_ = 0;
  if (artels_restricted_ || artels_nationalised_ || ap.formation_rate <= 0 || ap.founders <= 0 ||
      markets_.goods() == 0) {
    return;
  }
  const std::size_t c_first = goods_.range(Sector::consumer).first;
  for (std::size_t r = 0; r < markets_.regions(); ++r) {
    auto random = stream(params_.seed, streams::region, streams::founding,
                         static_cast<std::uint32_t>(r), tick);
    const MarketView view = markets_.remembered(r, ap.information_delay);
    const double unmet = std::accumulate(view.unmet.begin(), view.unmet.end(), 0.0);
    const double wanted = std::accumulate(view.wanted.begin(), view.wanted.end(), 0.0);
    const bool persistent = wanted > 0 && unmet / wanted > ap.formation_threshold;
    if (!random.bernoulli(ap.formation_rate) || !persistent) {
      continue;
    }
    std::vector<std::size_t> candidates;
    for (auto index : households_in_region_[r]) {
      const auto& worker = households_[index];
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
    const double sigma = params_.enterprises.productivity_sigma;
    Artel artel;
    artel.region = static_cast<std::uint32_t>(r);
    artel.good = static_cast<std::uint32_t>(c_first + view.shortest());
    artel.capital = artel_capital_per_labour_ * founders * params_.households.skill_weight *
                    params_.households.work_norm;
    artel.productivity = artel_productivity_ * random.lognormal(-0.5 * sigma * sigma, sigma);
    artel.pay = wage_unskilled_ * params_.households.skill_premium;
    const auto id = artels_.add(artel);
    for (auto c : chosen) {
      auto& worker = households_[candidates[c]];
      worker.workplace = Workplace::artel;
      worker.employer = id;
    }
    ++artels_formed_;
  }
}

// Each January the workforce grows by households.workforce_growth: new workers (peasants moving
// to town) take state jobs, in regions in proportion to state capital there.
void Economy::grow_workforce(int tick) {
  const auto& hp = params_.households;
  const auto newcomers =
      static_cast<std::size_t>(std::llround(hp.workforce_growth * double(households_.size())));
  if (newcomers == 0) {
    return;
  }
  std::vector<double> capital(markets_.regions(), 0.0);
  for (const auto& firm : enterprises_) {
    capital[firm.region] += firm.capital;
  }
  const double total = std::accumulate(capital.begin(), capital.end(), 0.0);
  for (std::size_t i = 0; i < newcomers; ++i) {
    auto random =
        stream(params_.seed, streams::household, streams::setup, households_.id_bound(), tick);
    double pick = random.uniform() * total;
    std::uint32_t region = 0;
    while (region + 1 < capital.size() && (pick -= capital[region]) > 0) {
      ++region;
    }
    Household worker;
    worker.region = region;
    worker.skilled = random.bernoulli(hp.skilled_share);
    worker.employer = hire_into_state(region, random);
    worker.income = state_pay(worker);
    worker.expected_consumption = (1.0 - hp.saving_rate) * worker.income;
    households_.add(worker);
  }
  index_households();
}

// --- structural policy events ---------------------------------------------------------------

void Economy::apply(const PolicyEvent& event, int tick) {
  const auto in_regions = [&](std::uint32_t region) {
    return event.regions.empty() ||
           std::find(event.regions.begin(), event.regions.end(), region) != event.regions.end();
  };
  switch (event.kind) {
  case PolicyEvent::Kind::war_destruction: {
    for (auto& firm : enterprises_) {
      firm.capital *= in_regions(firm.region) ? 1.0 - event.capital_share : 1.0;
    }
    for (auto& artel : artels_.agents()) {
      artel.capital *= in_regions(artel.region) ? 1.0 - event.capital_share : 1.0;
    }
    households_.begin_staging(1);
    for (std::size_t i = 0; i < households_.size(); ++i) {
      auto random =
          stream(params_.seed, streams::household, streams::war, households_.id_at(i), tick);
      if (in_regions(households_[i].region) && random.bernoulli(event.workers_share)) {
        households_.stage_death(0, households_.id_at(i));
      }
    }
    households_.commit();
    index_households();
    count_labour();
    break;
  }
  case PolicyEvent::Kind::capital_loss:
    for (auto& firm : enterprises_) {
      if (!event.sector || goods_.sector(firm.good) == *event.sector) {
        firm.capital *= 1.0 - event.capital_share;
      }
    }
    if (!event.sector || *event.sector == Sector::consumer) {
      for (auto& artel : artels_.agents()) {
        artel.capital *= 1.0 - event.capital_share;
      }
    }
    break;
  case PolicyEvent::Kind::artel_restriction:
    artels_restricted_ = true;
    params_.artels.supply_hostility = event.hostility;
    break;
  case PolicyEvent::Kind::artel_nationalisation:
    artels_nationalised_ = true;
    for (auto& artel : artels_.agents()) {
      artel.nationalised = true; // from now on at state prices and wages (artel.cpp)
    }
    break;
  case PolicyEvent::Kind::demand_shift:
    for (std::size_t r = 0; r < markets_.regions(); ++r) {
      if (!in_regions(static_cast<std::uint32_t>(r)) || event.consumer_good >= markets_.goods()) {
        continue;
      }
      markets_.taste()[markets_.cell(r, event.consumer_good)] *= event.factor;
      double total = 0.0;
      for (std::size_t k = 0; k < markets_.goods(); ++k) {
        total += markets_.taste()[markets_.cell(r, k)];
      }
      for (std::size_t k = 0; k < markets_.goods(); ++k) {
        markets_.taste()[markets_.cell(r, k)] /= total;
      }
    }
    break;
  }
  events_.push_back(Event{tick, name_of(event.kind), describe(event)});
}

} // namespace plansim::model
