#pragma once

// State retail and the consumer goods markets (docs/ODD.md 7.6): state shops receive their
// consumer goods region by region, as far as the state believes each region wants them;
// households of each region shop in a random queue at state shops and artels, cheapest first;
// unmet demand becomes forced saving or second-choice buying; shops report to the state trade
// organisation through the report channel.
//
// Reads: consumer goods delivered (world.flows), prices, households' income and forced
// savings, artels' prices and stocks, regional tastes.
// Changes: shop stocks and the market tallies (world.markets), households' budget, spending
// and consumption, artels' stock, sales and revenue, what the state believes of each region
// (as reports arrive), world.flows.consumer_wanted and consumer_goods_sold.

#include "plansim/engine/channel.hpp"
#include "plansim/model/region_queues.hpp"
#include "plansim/model/world.hpp"

#include <cstdint>
#include <vector>

namespace plansim::model {

/// A state shop's monthly report on one (region, consumer good) cell, travelling to the
/// state trade organisation through the report channel.
struct RetailReport {
  std::uint32_t cell = 0;
  double wanted = 0.0;
  double unmet = 0.0;

  template <class F>
  void for_each_number(F&& f) {
    f(wanted);
    f(unmet);
  }
};

class StateRetail {
public:
  explicit StateRetail(World& world);

  /// Shop reports that have arrived update what the state believes; this month's consumer
  /// goods deliveries go on the shelves.
  void stock_shops(int tick);
  /// Every region's households shop (regions in parallel); shops report the month.
  void shop(int tick);
  /// Spending on second-choice goods this month, by region.
  const std::vector<double>& substituted() const { return substituted_; }

private:
  void set_budgets();
  void shop_in_region(std::size_t region, int tick);
  void write_back_purchases();
  template <class Visit>
  void visit_by_region_in_store_order(const Visit& visit);
  void report_month(int tick);

  World& world_;
  engine::Channel<RetailReport> reports_;
  std::vector<std::vector<std::size_t>> artels_in_cell_; ///< artel indices, by cell
  std::vector<double> substituted_;                      ///< by region
  /// A region's working arrays for one month's shopping, kept between months so that the
  /// monthly shop allocates nothing once they have grown (regions shop in parallel: one each).
  struct ShoppingScratch {
    std::vector<std::uint32_t> order; ///< queue position -> region member
    /// In the region's member order; by_member holds the budgets, then what was spent.
    std::vector<double> by_member, consumption_by_member;
    std::vector<double> budget, bought, unspent; ///< in queue order
    std::vector<std::vector<Seller>> sellers;    ///< by consumer good
    std::vector<PriceTier> tiers;
    RegionQueues queues;
  };
  std::vector<ShoppingScratch> scratch_; ///< by region
  std::vector<std::size_t> cursors_; ///< store-order passes: each chunk's next member, by region
};

} // namespace plansim::model
