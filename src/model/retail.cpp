// State shops, queues and shop reports (docs/ODD.md 7.6).

#include "plansim/model/retail.hpp"

#include "streams.hpp"

#include "plansim/engine/parallel.hpp"
#include "plansim/engine/prefetch.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <span>
#include <stdexcept>

namespace plansim::model {

using engine::Chunk;
using engine::Chunking;
using streams::stream;

namespace {
constexpr std::size_t store_grain = 4096; // households per chunk of the store-order passes
} // namespace

StateRetail::StateRetail(World& world)
    : world_(world), reports_(world.params.report_channel, 1),
      substituted_(world.markets.regions(), 0.0) {}

// Reports from state shops that have arrived update what the state believes; each consumer good
// delivered this month goes to the regions in proportion to the demand the state believes
// they have.
void StateRetail::stock_shops(int tick) {
  auto& markets = world_.markets;
  const auto& price = world_.flows.price;
  reports_.deliver(tick);
  for (const auto& message : reports_.inbox(0)) {
    markets.believed_wanted()[message.payload.cell] = message.payload.wanted;
    markets.believed_unmet()[message.payload.cell] = message.payload.unmet;
  }
  const std::size_t c_first = world_.goods.range(Sector::consumer).first;
  double delivered = 0.0;
  for (std::size_t k = 0; k < markets.goods(); ++k) {
    delivered += world_.flows.consumer_delivered[c_first + k] * price[c_first + k];
  }
  world_.flows.consumer_goods_sold =
      (11.0 * world_.flows.consumer_goods_sold + delivered) / 12.0; // a year's memory
  for (std::size_t k = 0; k < markets.goods(); ++k) {
    markets.stock_shops(k, world_.flows.consumer_delivered[c_first + k]);
  }
}

// Each shop reports the month's demand and queues upwards through the report channel.
void StateRetail::report_month(int tick) {
  const auto& markets = world_.markets;
  reports_.open_outboxes(1);
  for (std::size_t c = 0; c < markets.tally().size(); ++c) {
    const auto cell = static_cast<std::uint32_t>(c);
    auto random = stream(world_.params.seed, streams::region, streams::reporting, cell, tick);
    const auto& tally = markets.tally()[c];
    reports_.send(0, cell, 0, tick, RetailReport{cell, tally.wanted, tally.unmet}, random);
  }
  reports_.post();
}

// Every region's households shop; regions are independent, so they run in parallel.
void StateRetail::shop(int tick) {
  auto& markets = world_.markets;
  const auto& artels = world_.artels;
  const std::size_t c_first = world_.goods.range(Sector::consumer).first;
  artels_in_cell_.assign(markets.tally().size(), {});
  for (std::size_t a = 0; a < artels.size(); ++a) {
    artels_in_cell_[markets.cell(artels[a].region, artels[a].good - c_first)].push_back(a);
  }
  std::fill(markets.tally().begin(), markets.tally().end(), MarketTally{});
  scratch_.resize(markets.regions());
  set_budgets();
  engine::parallel_for_chunks(Chunking(markets.regions(), 1), [&](const Chunk& chunk) {
    for (std::size_t r = chunk.begin; r < chunk.end; ++r) {
      shop_in_region(r, tick);
    }
  });
  write_back_purchases();
  for (std::size_t k = 0; k < markets.goods(); ++k) {
    double wanted = 0.0;
    for (std::size_t r = 0; r < markets.regions(); ++r) {
      wanted += markets.tally()[markets.cell(r, k)].wanted;
    }
    world_.flows.consumer_wanted[c_first + k] = wanted;
  }
  markets.remember_month();
  report_month(tick);
}

// Calls visit(household, region, member) for every household in store order, in parallel
// chunks, with `member` its place in its region's list (World::households_in_region). A
// region's members are listed in store order, so within a chunk of the store each region's
// next member is found by a cursor that starts where the chunk does: one streaming pass over
// the households, where the regions' loops would reach one in every `regions` of them.
template <class Visit>
void StateRetail::visit_by_region_in_store_order(const Visit& visit) {
  auto& households = world_.households;
  const auto& by_region = world_.households_in_region;
  std::size_t listed = 0;
  for (const auto& members : by_region) {
    listed += members.size();
  }
  if (listed != households.size()) {
    throw std::logic_error("households_in_region is stale: index_households was not called");
  }
  const Chunking chunking(households.size(), store_grain);
  const std::size_t regions = by_region.size();
  cursors_.resize(chunking.count() * regions);
  engine::parallel_for_chunks(chunking, [&](const Chunk& chunk) {
    const std::span<std::size_t> cursor(cursors_.data() + chunk.index * regions, regions);
    for (std::size_t r = 0; r < regions; ++r) {
      cursor[r] = static_cast<std::size_t>(
          std::lower_bound(by_region[r].begin(), by_region[r].end(), chunk.begin) -
          by_region[r].begin());
    }
    for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
      engine::prefetch_ahead(households.agents().data(), i, chunk.end);
      auto& worker = households[i];
      const std::size_t member = cursor[worker.region]++;
      assert(by_region[worker.region][member] == i);
      visit(worker, worker.region, member);
    }
  });
}

// Every household sets its budget for the month; it goes straight into its region's list.
void StateRetail::set_budgets() {
  const auto& hp = world_.params.households;
  for (std::size_t r = 0; r < scratch_.size(); ++r) {
    scratch_[r].by_member.resize(world_.households_in_region[r].size());
  }
  visit_by_region_in_store_order([&](Household& worker, std::size_t region, std::size_t member) {
    worker.budget = monthly_budget(worker, hp);
    scratch_[region].by_member[member] = worker.budget;
  });
}

// What each household bought and spent goes back to it.
void StateRetail::write_back_purchases() {
  visit_by_region_in_store_order([&](Household& worker, std::size_t region, std::size_t member) {
    const auto& scratch = scratch_[region];
    worker.consumption = scratch.consumption_by_member[member];
    worker.spent = scratch.by_member[member]; // budgets before the queues, spending after
  });
}

// Households come to the shops in a random order, drawn afresh each month; each good's queue
// starts at a different place in it. Each household spends its budget's share for the good
// (the region's taste) at the cheapest seller with stock (state shops at fixed prices, artels
// at theirs), then the next. Money nobody could take is unmet demand; households try a share
// of it (households.substitution) on whatever is left on the shelves, and keep the rest as
// forced savings. RegionQueues works the queues out from the running total of the budgets, so
// a month costs about households + goods x sellers, not households x goods.
void StateRetail::shop_in_region(std::size_t r, int tick) {
  auto& markets = world_.markets;
  auto& artels = world_.artels;
  const auto& price = world_.flows.price;
  const auto& hp = world_.params.households;
  const std::size_t c_first = world_.goods.range(Sector::consumer).first;
  auto& scratch = scratch_[r];
  // Households are visited in the store's order where they can be (their fields are far
  // apart) and in queue order only through small arrays: `order` holds each queue position's
  // place among the region's households.
  const auto& members = world_.households_in_region[r];
  const std::size_t n = members.size();
  auto& order = scratch.order;
  order.resize(n);
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  auto random = stream(world_.params.seed, streams::region, streams::shopping,
                       static_cast<std::uint32_t>(r), tick);
  random.shuffle(std::span(order));
  auto& by_member = scratch.by_member; // the budgets (set_budgets)
  auto& budget = scratch.budget;
  auto& bought = scratch.bought;
  auto& unspent = scratch.unspent;
  auto& queues = scratch.queues;
  budget.resize(n);
  bought.resize(n);
  unspent.resize(n);
  double all_budgets = 0.0;
  // Queue order is a random permutation of arrays larger than the core's cache: ask for the
  // entries a few positions on while this one is read or written.
  const auto ask_ahead = [&](std::size_t position, const auto& by_member_array) {
    if (position + engine::prefetch_distance < n) {
      engine::prefetch(&by_member_array[order[position + engine::prefetch_distance]]);
    }
  };
  for (std::size_t position = 0; position < n; ++position) {
    ask_ahead(position, by_member);
    budget[position] = by_member[order[position]];
    all_budgets += budget[position];
  }
  queues.open(budget);

  auto& sellers = scratch.sellers;
  sellers.resize(markets.goods());
  auto& tiers = scratch.tiers;
  for (std::size_t k = 0; k < markets.goods(); ++k) {
    const std::size_t cell = markets.cell(r, k);
    const double state_price = price[c_first + k];
    sellers[k].clear();
    sellers[k].push_back(Seller{state_price, markets.shop_stock()[cell], 0.0, 0.0, -1});
    for (auto a : artels_in_cell_[cell]) {
      sellers[k].push_back(Seller{artels[a].price * state_price, artels[a].stock, 0.0, 0.0,
                                  static_cast<std::int64_t>(a)});
    }
    sort_by_price(sellers[k]);
    pool_by_price(sellers[k], tiers);

    const double taste = markets.taste()[cell];
    auto& tally = markets.tally()[cell];
    tally.wanted = taste * all_budgets / state_price;
    const std::size_t start = n > 0 ? random.uniform_int(static_cast<std::uint32_t>(n)) : 0;
    const QueueOutcome outcome = queues.serve(taste, start, tiers);
    tally.unmet = outcome.unserved_money / state_price;
    tally.queued = outcome.turned_away;
    settle_tiers(tiers, sellers[k]);
  }

  queues.close(bought, unspent);

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
  auto& spent_by_member = by_member;
  auto& consumption_by_member = scratch.consumption_by_member;
  consumption_by_member.resize(n);
  for (std::size_t position = 0; position < n; ++position) {
    ask_ahead(position, consumption_by_member);
    ask_ahead(position, spent_by_member);
    const double substitutes = hp.substitution * unspent[position];
    double consumption = bought[position];
    if (second_choice > 0) {
      consumption += units_cleared * substitutes / second_choice;
    }
    consumption_by_member[order[position]] = consumption;
    spent_by_member[order[position]] =
        budget[position] - unspent[position] + substitutes * bought_share;
  }

  for (std::size_t k = 0; k < markets.goods(); ++k) {
    auto& tally = markets.tally()[markets.cell(r, k)];
    for (const auto& seller : sellers[k]) {
      if (seller.artel < 0) {
        markets.shop_stock()[markets.cell(r, k)] = seller.stock;
        tally.from_state = seller.sold;
      } else {
        auto& artel = artels[static_cast<std::size_t>(seller.artel)];
        artel.stock = seller.stock;
        artel.sold += seller.sold;
        artel.revenue += seller.revenue;
        tally.from_artels += seller.sold;
      }
    }
  }
}

} // namespace plansim::model
