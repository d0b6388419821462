// Pay, households' books, job moves and workforce growth (docs/ODD.md 7.6).

#include "plansim/model/labour_market.hpp"

#include "streams.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/engine/prefetch.hpp"
#include "plansim/model/artel_lobbying.hpp"
#include "plansim/model/planning/planner.hpp"
#include "plansim/model/policy_event.hpp"
#include "plansim/model/work.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace plansim::model {

using engine::Chunk;
using engine::Chunking;
using streams::stream;

namespace {

constexpr double opening_share = 0.1; // members an artel at capacity admits a month (assumption)
constexpr std::size_t household_grain = 1024;

} // namespace

LabourMarket::LabourMarket(World& world, double unskilled_wage)
    : world_(world), wage_unskilled_(unskilled_wage) {}

namespace {

// What count_labour sums per enterprise, kept compact so that the scatter from millions of
// workers in household order touches 40 bytes per employer, not its whole Enterprise.
struct LabourCount {
  double workers = 0.0;
  double effort = 0.0;
  double discontent = 0.0;
  double pay_factor = 0.0;
  int skilled = 0;
  int unskilled = 0;
};

// An artel's part of count_labour, by artel id (the store's index by id would cost a second
// scattered read per member).
struct ArtelCount {
  double labour = 0.0;
  int members = 0;
  int skilled = 0;
};

} // namespace

void count_labour(World& world) {
  const auto& hp = world.params.households;
  std::vector<LabourCount> counts(world.enterprises.size());
  std::vector<ArtelCount> artel_counts(world.artels.id_bound());
  const auto workers = world.households.agents();
  for (std::size_t i = 0; i < workers.size(); ++i) {
    engine::prefetch_ahead(workers.data(), i, workers.size());
    // The employers' counts are scattered over more than the core's cache holds: ask for a
    // worker's further on while this one is counted.
    if (i + engine::prefetch_distance < workers.size()) {
      const auto& ahead = workers[i + engine::prefetch_distance];
      if (ahead.workplace == Workplace::state) {
        engine::prefetch(&counts[ahead.employer]);
      } else if (ahead.employer < artel_counts.size()) {
        engine::prefetch(&artel_counts[ahead.employer]);
      }
    }
    const auto& worker = workers[i];
    const double labour = labour_of(worker, hp) * hp.work_norm * worker.effort;
    if (worker.workplace == Workplace::state) {
      auto& count = counts[worker.employer];
      count.workers += labour;
      ++(worker.skilled ? count.skilled : count.unskilled);
      count.effort += worker.effort;
      count.discontent += worker.discontent;
      count.pay_factor += worker.skilled ? hp.skill_premium : 1.0;
    } else if (worker.employer < artel_counts.size()) {
      // A closed artel's members count into a slot that is never copied back.
      auto& count = artel_counts[worker.employer];
      count.labour += labour;
      ++count.members;
      count.skilled += worker.skilled ? 1 : 0;
    }
  }
  for (std::size_t a = 0; a < world.artels.size(); ++a) {
    auto& artel = world.artels[a];
    const auto& count = artel_counts[world.artels.id_at(a)];
    artel.labour = count.labour;
    artel.members = count.members;
    artel.skilled_members = count.skilled;
  }
  for (std::size_t f = 0; f < counts.size(); ++f) {
    auto& firm = world.enterprises[f];
    const auto& count = counts[f];
    firm.workers = count.workers;
    firm.skilled_workers = count.skilled;
    firm.unskilled_workers = count.unskilled;
    const int headcount = count.skilled + count.unskilled;
    if (headcount == 0) {
      firm.effort = 1.0;
      firm.discontent = 0.0;
      firm.pay_factor = 1.0;
      continue;
    }
    firm.effort = count.effort / headcount;
    firm.discontent = count.discontent / headcount;
    firm.pay_factor = count.pay_factor / headcount;
    if (firm.stopped) {
      firm.workers = 0.0; // its workers stopped work (Work::decide_stoppages)
    }
  }
}

// The planner sets the state wage so that the money households will spend (what they are paid,
// less what they save, plus what they try to spend of forced savings) matches the consumer
// goods it expects to sell (state shops' deliveries over the past year, grown as the plan grows
// consumer goods output) plus what artels sell, times 1 + planner.wage_drift.
void LabourMarket::set_wages(const Planner& planner) {
  const auto& hp = world_.params.households;
  const auto& price = world_.flows.price;
  const auto [c_first, c_last] = world_.goods.range(Sector::consumer);
  double planned = 0.0;
  for (std::size_t g = c_first; g < c_last; ++g) {
    planned += world_.plan.output[g] * price[g];
  }
  const double growth = planner.consumer_goods_growth(planned, planned_consumer_goods_);
  planned_consumer_goods_ = planned;
  double goods = world_.flows.consumer_goods_sold * growth;
  for (const auto& artel : world_.artels.agents()) {
    goods += artel.recent_sales * artel.price * price[artel.good];
  }
  double state_bill = 0.0, other_pay = 0.0, forced = 0.0;
  for (const auto& worker : world_.households.agents()) {
    (worker.workplace == Workplace::state ? state_bill : other_pay) += worker.income;
    forced += worker.forced_savings;
  }
  const double wanted_pay =
      ((1.0 + world_.params.planner.wage_drift) * goods - hp.overhang_spending * forced) /
      (1.0 - hp.saving_rate);
  if (state_bill > 0) {
    // Wages are sticky: they rise by at most 15 % and fall by at most 5 % a year.
    wage_unskilled_ *= std::clamp((wanted_pay - other_pay) / state_bill, 0.95, 1.15);
  }
}

void LabourMarket::copy_pay_terms() {
  const auto& firms = world_.enterprises;
  pay_terms_.resize(firms.size());
  for (std::size_t f = 0; f < firms.size(); ++f) {
    pay_terms_[f] = pay_terms(firms[f]);
  }
}

// Artels' pay by artel id (negative for a closed artel), so that the pass over the households
// reads one compact array instead of the id index and then a whole Artel record.
void LabourMarket::copy_artel_pay() {
  const auto& artels = world_.artels;
  artel_pay_.assign(artels.id_bound(), -1.0);
  for (std::size_t a = 0; a < artels.size(); ++a) {
    artel_pay_[artels.id_at(a)] = std::max(0.0, artels[a].pay);
  }
}

void LabourMarket::pay_and_settle_households() {
  copy_pay_terms();
  copy_artel_pay();
  const auto& hp = world_.params.households;
  const double norm_rise = std::max(0.0, hp.work_norm / norm_reference_ - 1.0);
  norm_reference_ += norm_adaptation * (hp.work_norm - norm_reference_);
  auto workers = world_.households.agents();
  engine::parallel_for_chunks(Chunking(workers.size(), household_grain), [&](const Chunk& chunk) {
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      // Employers are scattered over a table larger than the core's cache: ask for the pay
      // terms of a worker further on while this one is paid.
      engine::prefetch_ahead(workers.data(), i, chunk.end);
      if (i + engine::prefetch_distance < chunk.end) {
        const auto& ahead = workers[i + engine::prefetch_distance];
        if (ahead.workplace == Workplace::state) {
          engine::prefetch(&pay_terms_[ahead.employer]);
        }
      }
      auto& worker = workers[i];
      double own_norm_rise = 0.0;
      if (worker.workplace == Workplace::state) {
        const auto& terms = pay_terms_[worker.employer];
        worker.income = pay_for_work(state_pay(worker), wage_unskilled_, worker, terms);
        own_norm_rise = std::max(0.0, terms.norm_rise);
      } else if (worker.employer < artel_pay_.size() && artel_pay_[worker.employer] >= 0.0) {
        worker.income = artel_pay_[worker.employer];
      } else {
        worker.income = state_pay(worker);
      }
      settle_month(worker, hp);
      update_discontent(worker, hp, norm_rise + own_norm_rise);
    }
  });
}

// An artel short of hands (at capacity, paying more than the unskilled state wage) opens a
// tenth of its membership (at least one place) this month; each region's artels with places,
// best-paid first and in their order among equals, as movers will look at them.
void LabourMarket::open_artel_places() {
  auto& artels = world_.artels;
  places_by_pay_.resize(world_.markets.regions());
  for (auto& places : places_by_pay_) {
    places.clear();
  }
  for (std::size_t a = 0; a < artels.size(); ++a) {
    auto& artel = artels[a];
    const bool short_of_hands =
        artel.aim >= 0.99 * capacity_of(artel, world_.params.enterprises.capital_elasticity);
    artel.openings = short_of_hands && artel.pay > wage_unskilled_
                         ? std::max(1, static_cast<int>(opening_share * artel.members))
                         : 0;
    if (artel.openings > 0) {
      places_by_pay_[artel.region].push_back(a);
    }
  }
  for (auto& places : places_by_pay_) {
    std::stable_sort(places.begin(), places.end(),
                     [&](std::size_t a, std::size_t b) { return artels[a].pay > artels[b].pay; });
  }
}

// A worker who looks around his region sees a state job at the state wage for his skill, and
// a place in each artel that is short of hands (at capacity and paying more than the unskilled
// state wage) at its members' pay. He moves when the best offer beats his pay by
// households.move_threshold. Regions are independent and run in parallel.
void LabourMarket::move_jobs(int tick) {
  const auto& hp = world_.params.households;
  auto& artels = world_.artels;
  auto& households = world_.households;
  const std::size_t regions = world_.markets.regions();
  open_artel_places();
  hiring_.update(world_);
  choose_who_moves(tick);
  std::vector<int> moves(regions, 0), quits(regions, 0), skilled_lost(regions, 0);
  // With a labour pool of their own, the skilled workers artels recruit from state jobs are
  // replaced there: their employers, by region.
  std::vector<std::vector<std::uint32_t>> replacements(regions);
  const bool separate = separate_labour(world_.params.artels);
  engine::parallel_for_chunks(Chunking(regions, 1), [&](const Chunk& chunk) {
    for (std::size_t r = chunk.begin; r < chunk.end; ++r) {
      auto& places = places_by_pay_[r];
      std::size_t first_open = 0; // places before it are all taken
      for (auto index : world_.households_in_region[r]) {
        const auto choice = choices_[index];
        if (choice == Choice::stays) {
          continue;
        }
        auto& worker = households[index];
        auto random = search_stream(households.id_at(index), tick);
        if (choice == Choice::quits) {
          worker.employer = hiring_.hire(worker.region, random);
          ++quits[r];
          continue;
        }
        // The best-paid artel with a place, the first of equals; not his own.
        while (first_open < places.size() && artels[places[first_open]].openings == 0) {
          ++first_open;
        }
        std::int64_t best_artel = -1;
        for (std::size_t i = first_open; i < places.size(); ++i) {
          const std::size_t a = places[i];
          const bool own =
              worker.workplace == Workplace::artel && worker.employer == artels.id_at(a);
          if (!own && artels[a].openings > 0) {
            best_artel = static_cast<std::int64_t>(a);
            break;
          }
        }
        const double base = worker.workplace == Workplace::state ? 0.0 : state_pay(worker);
        if (best_artel >= 0 && artels[static_cast<std::size_t>(best_artel)].pay <= base) {
          best_artel = -1;
        }
        const double best =
            best_artel >= 0 ? artels[static_cast<std::size_t>(best_artel)].pay : base;
        if (!takes_job(worker.income, best, hp)) {
          continue;
        }
        if (best_artel >= 0) {
          auto& artel = artels[static_cast<std::size_t>(best_artel)];
          --artel.openings;
          if (worker.workplace == Workplace::state && worker.skilled) {
            if (separate) {
              replacements[r].push_back(worker.employer);
            } else {
              ++skilled_lost[r];
            }
          }
          worker.workplace = Workplace::artel;
          worker.employer = artels.id_at(static_cast<std::size_t>(best_artel));
        } else {
          worker.workplace = Workplace::state;
          worker.employer = hiring_.hire(worker.region, random);
        }
        ++moves[r];
      }
    }
  });
  job_moves_ = std::accumulate(moves.begin(), moves.end(), 0);
  quits_ = std::accumulate(quits.begin(), quits.end(), 0);
  skilled_to_artels_ = std::accumulate(skilled_lost.begin(), skilled_lost.end(), 0);
  bool replaced = false;
  for (std::size_t r = 0; r < regions; ++r) {
    for (const auto employer : replacements[r]) {
      add_newcomer(world_, static_cast<std::uint32_t>(r), true, employer, wage_unskilled_);
      replaced = true;
    }
  }
  if (replaced) {
    world_.index_households();
  }
}

// Who looks for a better job this month and who quits out of discontent depends on no one
// else's move, so it is drawn for all households side by side, in the order they are stored.
void LabourMarket::choose_who_moves(int tick) {
  const double mobility = world_.params.households.mobility;
  const auto& households = world_.households;
  choices_.resize(households.size());
  engine::parallel_for_chunks(
      Chunking(households.size(), household_grain), [&](const Chunk& chunk) {
        for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
          const auto id = households.id_at(i);
          auto random = stream(world_.params.seed, streams::household, streams::moving, id, tick);
          choices_[i] = random.bernoulli(mobility)                         ? Choice::looks
                        : quits_out_of_discontent(households[i], tick, id) ? Choice::quits
                                                                           : Choice::stays;
        }
      });
}

// The stream a worker's job search draws from, past its first draw (whether he looks around).
engine::RandomStream LabourMarket::search_stream(std::uint32_t id, int tick) const {
  auto random = stream(world_.params.seed, streams::household, streams::moving, id, tick);
  random.uniform();
  return random;
}

// Only state workers quit out of discontent (artel members leave when their artel fails); the
// draw is made only when discontent can make anyone quit.
bool LabourMarket::quits_out_of_discontent(const Household& worker, int tick,
                                           std::uint32_t id) const {
  const double rate = world_.params.work.discontent_quits;
  if (rate <= 0 || worker.workplace != Workplace::state || worker.discontent <= 0) {
    return false;
  }
  auto random = stream(world_.params.seed, streams::household, streams::quitting, id, tick);
  return random.bernoulli(std::min(1.0, rate * worker.discontent));
}

// New workers (peasants moving to town) take state jobs, in regions in proportion to state
// capital there, as many as industry wants (households.workforce_growth) while the labour
// pool, if one is set, has people left; only a share of those left (the drain) move in a year,
// so the flow thins as the reserve empties.
void LabourMarket::grow_workforce(int tick) {
  if (tick == 0 || !world_.calendar.starts_year(tick)) {
    return;
  }
  const auto& hp = world_.params.households;
  auto& households = world_.households;
  auto newcomers =
      static_cast<std::size_t>(std::llround(hp.workforce_growth * double(households.size())));
  if (world_.labour_pool > 0.0) {
    world_.labour_pool *= 1.0 + world_.labour_pool_growth;
    newcomers = std::min(
        newcomers, static_cast<std::size_t>(world_.labour_pool_drain * world_.labour_reserve()));
  }
  if (newcomers == 0) {
    return;
  }
  hiring_.update(world_);
  const std::size_t regions = world_.markets.regions();
  double total = 0.0;
  for (std::uint32_t r = 0; r < regions; ++r) {
    total += hiring_.capital_in(r);
  }
  for (std::size_t i = 0; i < newcomers; ++i) {
    auto random =
        stream(world_.params.seed, streams::household, streams::setup, households.id_bound(), tick);
    double pick = random.uniform() * total;
    std::uint32_t region = 0;
    while (region + 1 < regions && (pick -= hiring_.capital_in(region)) > 0) {
      ++region;
    }
    const bool skilled = random.bernoulli(hp.skilled_share);
    add_newcomer(world_, region, skilled, hiring_.hire(region, random), wage_unskilled_);
  }
  world_.index_households();
}

void remove_workers(
    World& world, const std::vector<std::uint32_t>& regions, double share, std::uint16_t purpose,
    int tick,
    const std::function<void(engine::AgentId, const Household&, engine::RandomStream&)>& leaving) {
  auto& households = world.households;
  households.begin_staging(1);
  for (std::size_t i = 0; i < households.size(); ++i) {
    if (!in_regions(regions, households[i].region)) {
      continue;
    }
    const auto id = households.id_at(i);
    auto random = stream(world.params.seed, streams::household, purpose, id, tick);
    if (random.bernoulli(share)) {
      if (leaving) {
        leaving(id, households[i], random);
      }
      households.stage_death(0, id);
    }
  }
  households.commit();
  world.index_households();
  count_labour(world);
}

void add_newcomer(World& world, std::uint32_t region, bool skilled, std::uint32_t employer,
                  double unskilled_wage) {
  const auto& hp = world.params.households;
  Household worker;
  worker.region = static_cast<std::uint16_t>(region);
  worker.skilled = skilled;
  worker.employer = employer;
  worker.income = model::state_pay(worker, unskilled_wage, hp);
  worker.expected_consumption = (1.0 - hp.saving_rate) * worker.income;
  world.households.add(worker);
}

} // namespace plansim::model
