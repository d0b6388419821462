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

double buy(double money, std::span<Seller> sellers, double& units) {
  // Sellers asking the same price form a tier; a household spends across a tier in proportion
  // to what each seller has in stock (it goes to whichever shop has the goods).
  std::size_t first = 0;
  while (first < sellers.size() && money > 0.0) {
    std::size_t last = first;
    double tier_stock = 0.0;
    while (last < sellers.size() && sellers[last].price == sellers[first].price) {
      tier_stock += std::max(sellers[last].stock, 0.0);
      ++last;
    }
    const double price = sellers[first].price;
    if (tier_stock > 0.0 && price > 0.0) {
      const double bought = std::min(money / price, tier_stock);
      for (std::size_t s = first; s < last; ++s) {
        const double share = bought * std::max(sellers[s].stock, 0.0) / tier_stock;
        sellers[s].stock -= share;
        sellers[s].sold += share;
        sellers[s].revenue += share * price;
      }
      money -= bought * price;
      units += bought;
    }
    first = last;
  }
  return std::max(money, 0.0);
}

void sort_by_price(std::vector<Seller>& sellers) {
  std::stable_sort(sellers.begin(), sellers.end(), [](const Seller& a, const Seller& b) {
    if (a.price != b.price) {
      return a.price < b.price;
    }
    return a.artel < b.artel; // the state shop (-1) first
  });
}

} // namespace plansim::model
