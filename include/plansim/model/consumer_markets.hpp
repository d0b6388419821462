#pragma once

#include "plansim/engine/random.hpp"
#include "plansim/model/artel.hpp"
#include "plansim/model/household.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace plansim::model {

/// One shop selling one consumer good in one region: the state shop or an artel.
struct Seller {
  double price = 1.0;
  double stock = 0.0;
  double sold = 0.0; ///< units sold this month
  double revenue = 0.0;
  std::int64_t artel = -1; ///< index in the artel store; -1 for the state shop
};

/// What happened in one region's market for one consumer good this month (units at state
/// prices, households counted once).
struct MarketTally {
  double wanted = 0.0;      ///< demand at first choice
  double unmet = 0.0;       ///< first-choice demand nobody could serve
  double from_state = 0.0;  ///< bought in state shops
  double from_artels = 0.0; ///< bought from artels
  double queued = 0.0;      ///< households turned away before they had all they wanted
};

/// The consumer goods markets of every region: state shop stocks, regional tastes, this
/// month's tallies, the recent past that artels see, and what the state believes from the
/// reports of its shops. Cells are indexed (region, consumer good), consumer goods counted
/// from 0.
class ConsumerMarkets {
public:
  ConsumerMarkets() = default;
  ConsumerMarkets(std::size_t regions, std::size_t goods, int memory_months);

  std::size_t regions() const { return regions_; }
  std::size_t goods() const { return goods_; }
  std::size_t cell(std::size_t region, std::size_t good) const { return region * goods_ + good; }

  /// Share of a region's consumer spending going to each good (each region's row sums to 1).
  std::vector<double>& taste() { return taste_; }
  const std::vector<double>& taste() const { return taste_; }
  std::vector<double>& shop_stock() { return shop_stock_; }
  const std::vector<double>& shop_stock() const { return shop_stock_; }
  std::vector<MarketTally>& tally() { return tally_; }
  const std::vector<MarketTally>& tally() const { return tally_; }

  /// Remembers this month's unmet and wanted demand, for what artels will see.
  void remember_month();
  /// The region's market as it was `months_ago` months before the last remembered month
  /// (0: the last one), as artels see it when standing in the queues.
  MarketView remembered(std::size_t region, int months_ago) const;

  /// What the state believes of each cell, from its shops' reports.
  std::vector<double>& believed_unmet() { return believed_unmet_; }
  std::vector<double>& believed_wanted() { return believed_wanted_; }
  MarketView believed(std::size_t region) const;

  /// Puts `amount` of a consumer good on the state shops' shelves, region by region in
  /// proportion to the demand the state believes each has (evenly when it believes none).
  void stock_shops(std::size_t good, double amount);

private:
  std::size_t regions_ = 0;
  std::size_t goods_ = 0;
  std::vector<double> taste_;
  std::vector<double> shop_stock_;
  std::vector<MarketTally> tally_;
  // Ring of past months: [slot][cell]; slot newest_ holds the last remembered month.
  std::vector<std::vector<double>> past_unmet_, past_wanted_;
  std::size_t newest_ = 0;
  std::vector<double> believed_unmet_, believed_wanted_;
};

/// The sellers of one good asking the same price, pooled: a household buying at this price
/// goes to whichever of them has the goods, so each sells in proportion to its stock.
struct PriceTier {
  double price = 1.0;
  double stock = 0.0;
  double sold = 0.0;
};

/// Sorts a cell's sellers by price; the state shop goes first among equal prices.
void sort_by_price(std::vector<Seller>& sellers);

/// Pools sellers sorted by price into tiers of equal price, cheapest first.
void pool_by_price(const std::vector<Seller>& sorted, std::vector<PriceTier>& tiers);

/// Spends `money` on one good, cheapest tier first, while the tiers have stock. Returns what is
/// left unspent; adds the units bought to `units`.
double buy(double money, std::span<PriceTier> tiers, double& units);

/// Hands each tier's sales back to its sellers in proportion to their stock (buying from a
/// tier in proportion to stock keeps the sellers' shares of it fixed).
void settle_tiers(std::span<const PriceTier> tiers, std::vector<Seller>& sorted);

} // namespace plansim::model
