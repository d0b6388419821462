#pragma once

#include "plansim/model/params.hpp"

#include <cstdint>
#include <span>

namespace plansim::model {

/// An artel: a worker-owned cooperative making one consumer good in one region (docs/ODD.md
/// 7.7). Nationalisation turns it into a state enterprise
/// (ArtelSector::nationalise).
struct Artel {
  std::uint32_t region = 0;
  std::uint32_t good = 0; ///< the consumer good it makes (a global good index)
  double capital = 0.0;
  double productivity = 1.0;
  double price = 1.0; ///< relative to the state retail price of its good

  double labour = 0.0; ///< effective labour of its members this month
  int members = 0;
  int skilled_members = 0;
  int openings = 0; ///< members it would admit this month

  // This month.
  double aim = 0.0;       ///< output it means to make
  double materials = 0.0; ///< composite materials received
  double material_cost = 0.0;
  double output = 0.0;
  double stock = 0.0; ///< made and not yet sold
  double sold = 0.0;  ///< units sold
  double revenue = 0.0;
  double pay = 0.0; ///< net income per member, paid out this month
  double recent_sales = 0.0;
  int months_in_loss = 0;

  // Its technique (docs/ODD.md 7.8, "Technology").
  int technique = 0;           ///< inventions of the consumer sector it has adopted
  int retooling_to = 0;        ///< the technique it is retooling for
  int retooling_left = 0;      ///< months of retooling still to go
  double retooling_loss = 0.0; ///< share of its capacity lost this month while it retools
};

/// What an artel sees of its region's consumer market: per consumer good, the demand that
/// went unmet and the demand there was, both in units at state prices. An artel stands in the
/// queues itself.
struct MarketView {
  std::span<const double> unmet;
  std::span<const double> wanted;

  double shortage(std::size_t consumer_good) const {
    return wanted[consumer_good] > 0 ? unmet[consumer_good] / wanted[consumer_good] : 0.0;
  }
  /// The consumer good in shortest supply (the first of equals).
  std::size_t shortest() const {
    std::size_t best = 0;
    for (std::size_t k = 1; k < wanted.size(); ++k) {
      best = shortage(k) > shortage(best) ? k : best;
    }
    return best;
  }
};

/// Capacity this month: theta K^alpha L^(1 - alpha) (Cobb-Douglas whatever
/// enterprises.substitution_elasticity), less the share it loses while it retools.
double capacity_of(const Artel& artel, double capital_elasticity);

/// The consumer good (position among consumer goods) the artel switches to, or its own when
/// no other good is short enough by `switch_threshold`, or when it does not look around this
/// month (it does with probability artels.switch_probability). When it does not, only `view`'s
/// entry for its own good is read.
std::size_t choose_product(std::size_t current, const MarketView& view, const ArtelParams& params,
                           bool looks);

/// The new price: up with the shortage it sees of its good, down with unsold stock, inside
/// the band around the state price.
double adjust_price(const Artel& artel, double seen_shortage, const ArtelParams& params);

/// What it aims to make: last month's sales plus its share of the unmet demand it sees,
/// less the stock it holds, within its capacity.
double plan_output(const Artel& artel, double share_of_unmet, double capacity);

/// Net income after the state's tax on sales (`tax`, a share of revenue) and materials: a
/// share goes into capital, the rest is split equally among members. A month in which pay
/// falls below `min_pay` times the state wage counts as a loss.
void settle_accounts(Artel& artel, const ArtelParams& params, double tax, double depreciation,
                     double state_wage);

/// Hard budget: an artel closes after `loss_months` months of losses, or with no members.
bool must_close(const Artel& artel, const ArtelParams& params);

} // namespace plansim::model
