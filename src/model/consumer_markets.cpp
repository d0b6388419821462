#include "plansim/model/consumer_markets.hpp"

#include <algorithm>

namespace plansim::model {

ConsumerMarkets::ConsumerMarkets(std::size_t regions, std::size_t goods, int memory_months)
    : regions_(regions), goods_(goods),
      taste_(regions * goods, goods > 0 ? 1.0 / double(goods) : 0),
      shop_stock_(regions * goods, 0.0), tally_(regions * goods),
      past_unmet_(static_cast<std::size_t>(std::max(memory_months, 0) + 1),
                  std::vector<double>(regions * goods, 0.0)),
      past_wanted_(past_unmet_), believed_unmet_(regions * goods, 0.0),
      believed_wanted_(regions * goods, 0.0) {}

void ConsumerMarkets::remember_month() {
  newest_ = (newest_ + 1) % past_unmet_.size();
  for (std::size_t c = 0; c < tally_.size(); ++c) {
    past_unmet_[newest_][c] = tally_[c].unmet;
    past_wanted_[newest_][c] = tally_[c].wanted;
  }
}

MarketView ConsumerMarkets::remembered(std::size_t region, int months_ago) const {
  const std::size_t slots = past_unmet_.size();
  const std::size_t back =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(months_ago, 0)), slots - 1);
  const std::size_t slot = (newest_ + slots - back) % slots;
  return MarketView{std::span(past_unmet_[slot]).subspan(region * goods_, goods_),
                    std::span(past_wanted_[slot]).subspan(region * goods_, goods_)};
}

MarketView ConsumerMarkets::believed(std::size_t region) const {
  return MarketView{std::span(believed_unmet_).subspan(region * goods_, goods_),
                    std::span(believed_wanted_).subspan(region * goods_, goods_)};
}

void ConsumerMarkets::stock_shops(std::size_t good, double amount) {
  double believed_total = 0.0;
  for (std::size_t r = 0; r < regions_; ++r) {
    believed_total += believed_wanted_[cell(r, good)];
  }
  for (std::size_t r = 0; r < regions_; ++r) {
    const double share = believed_total > 0 ? believed_wanted_[cell(r, good)] / believed_total
                                            : 1.0 / double(regions_);
    shop_stock_[cell(r, good)] += amount * share;
  }
}

void sort_by_price(std::vector<Seller>& sellers) {
  std::stable_sort(sellers.begin(), sellers.end(), [](const Seller& a, const Seller& b) {
    if (a.price != b.price) {
      return a.price < b.price;
    }
    return a.artel < b.artel; // the state shop (-1) first
  });
}

void pool_by_price(const std::vector<Seller>& sorted, std::vector<PriceTier>& tiers) {
  tiers.clear();
  for (const auto& seller : sorted) {
    if (tiers.empty() || tiers.back().price != seller.price) {
      tiers.push_back(PriceTier{seller.price, 0.0, 0.0});
    }
    tiers.back().stock += std::max(seller.stock, 0.0);
  }
}

double buy(double money, std::span<PriceTier> tiers, double& units) {
  for (auto& tier : tiers) {
    if (money <= 0.0) {
      break;
    }
    if (tier.stock <= 0.0 || tier.price <= 0.0) {
      continue;
    }
    const double bought = std::min(money / tier.price, tier.stock);
    tier.stock -= bought;
    tier.sold += bought;
    money -= bought * tier.price;
    units += bought;
  }
  return std::max(money, 0.0);
}

void settle_tiers(std::span<const PriceTier> tiers, std::vector<Seller>& sorted) {
  std::size_t s = 0;
  for (const auto& tier : tiers) {
    const std::size_t first = s;
    double stock = 0.0;
    while (s < sorted.size() && sorted[s].price == tier.price) {
      stock += std::max(sorted[s].stock, 0.0);
      ++s;
    }
    for (std::size_t i = first; i < s; ++i) {
      const double share = stock > 0 ? std::max(sorted[i].stock, 0.0) / stock : 0.0;
      sorted[i].sold += tier.sold * share;
      sorted[i].revenue += tier.sold * share * tier.price;
      sorted[i].stock -= tier.sold * share;
    }
  }
}

} // namespace plansim::model
