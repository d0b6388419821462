// Deliveries of goods to their users (docs/ODD.md 7.5).

#include "plansim/model/supply.hpp"

#include "plansim/engine/parallel.hpp"

#include <numeric>

namespace plansim::model {

using engine::Chunk;
using engine::Chunking;

namespace {
constexpr double shortage_memory = 0.7; // weight of past experienced shortage
} // namespace

void Supply::group_requests_by_good() {
  const auto& enterprises = world_.enterprises;
  const auto& goods = world_.goods;
  request_offsets_.assign(goods.count() + 1, 0);
  for (const auto& firm : enterprises) {
    for (const auto& use : goods.inputs(firm.good)) {
      ++request_offsets_[use.input + 1];
    }
  }
  std::partial_sum(request_offsets_.begin(), request_offsets_.end(), request_offsets_.begin());
  requests_.resize(request_offsets_.back());
  auto cursor = request_offsets_;
  for (std::size_t e = 0; e < enterprises.size(); ++e) {
    const auto inputs = goods.inputs(enterprises[e].good);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      requests_[cursor[inputs[i].input]++] = {static_cast<std::uint32_t>(e),
                                              static_cast<std::uint32_t>(i)};
    }
  }
}

void Supply::deliver(const Planner& planner, double stop_go_factor) {
  const std::size_t n = world_.goods.count();
  auto& enterprises = world_.enterprises;
  auto& flows = world_.flows;
  group_requests_by_good();
  OutputTotals totals;
  for (const auto& firm : enterprises) {
    totals.all += firm.output;
  }
  const auto [h_first, h_last] = world_.goods.range(Sector::heavy);
  world_.for_each_producer(h_first, h_last,
                           [&](const Enterprise& firm) { totals.heavy += firm.output; });

  engine::parallel_for_chunks(Chunking(n, 4), [&](const Chunk& chunk) {
    for (std::size_t g = chunk.begin; g < chunk.end; ++g) {
      GoodDelivery d;
      d.good = g;
      d.sector = world_.goods.sector(g);
      world_.for_each_producer(
          g, g + 1, [&](const Enterprise& firm) { d.supply += firm.output + firm.output_stock; });
      flows.supply[g] = d.supply;
      // The state's orders of final goods; state trade takes all consumer goods into its shops.
      d.military = d.sector == Sector::military ? d.supply : 0.0;
      if (d.sector == Sector::heavy) {
        d.investment = planner.investment_order(world_, g, d.supply, totals) * stop_go_factor;
      }
      const bool consumer_good = d.sector == Sector::consumer;
      d.consumers = consumer_good ? d.supply : 0.0;
      d.requests = std::span(requests_).subspan(request_offsets_[g],
                                                request_offsets_[g + 1] - request_offsets_[g]);
      for (const auto& [e, i] : d.requests) {
        d.requested += enterprises[e].requested[i];
      }
      // Demand for a consumer good is what households wanted last month.
      flows.demand[g] = d.requested + d.military + d.investment +
                        (consumer_good ? flows.consumer_wanted[g] : 0.0);
      d.remaining = d.supply;
      planner.share_out(world_, d, stop_go_factor);
      flows.military_delivered[g] = d.military_delivered;
      flows.investment_delivered[g] = d.investment_delivered;
      flows.consumer_delivered[g] = d.consumer_delivered;
      // Every producer of the good ships the same share of what it has; the rest stays in its
      // output stock.
      const double shipped_share = d.supply > 0 ? 1.0 - d.remaining / d.supply : 0.0;
      world_.for_each_producer(g, g + 1, [&](Enterprise& firm) { ship(firm, shipped_share); });
    }
  });
  receive_deliveries();
}

// Deliveries become stocks; the share not delivered is the shortage the manager remembers.
void Supply::receive_deliveries() {
  auto& enterprises = world_.enterprises;
  engine::parallel_for_chunks(Chunking(enterprises.size(), 256), [&](const Chunk& chunk) {
    for (std::size_t e = chunk.begin; e < chunk.end; ++e) {
      auto& firm = enterprises[e];
      double wanted = 0.0, got = 0.0;
      for (std::size_t i = 0; i < world_.goods.inputs(firm.good).size(); ++i) {
        firm.stock[i] += firm.received[i];
        wanted += firm.requested[i];
        got += firm.received[i];
      }
      const double shortage = wanted > 0 ? 1.0 - got / wanted : 0.0;
      firm.experienced_shortage =
          shortage_memory * firm.experienced_shortage + (1.0 - shortage_memory) * shortage;
    }
  });
}

} // namespace plansim::model
