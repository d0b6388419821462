#include "plansim/model/artel.hpp"

#include <algorithm>
#include <cmath>

namespace plansim::model {

namespace {
constexpr double sales_memory = 0.5; // weight of the past in recent sales (assumption)
} // namespace

double capacity_of(const Artel& artel, double capital_elasticity) {
  const double alpha = capital_elasticity;
  const double full = artel.productivity * std::pow(std::max(artel.capital, 0.0), alpha) *
                      std::pow(std::max(artel.labour, 0.0), 1.0 - alpha);
  return full * (1.0 - artel.retooling_loss);
}

std::size_t choose_product(std::size_t current, const MarketView& view, const ArtelParams& params,
                           bool looks) {
  if (!looks) {
    return current;
  }
  const std::size_t best = view.shortest();
  const bool gap = view.shortage(best) - view.shortage(current) > params.switch_threshold;
  return gap ? best : current;
}

double adjust_price(const Artel& artel, double seen_shortage, const ArtelParams& params) {
  const double unsold = artel.output > 0 ? std::min(1.0, artel.stock / artel.output) : 0.0;
  const double excess = std::clamp(seen_shortage - unsold, -1.0, 1.0);
  const double price = artel.price * (1.0 + params.price_adjustment * excess);
  return std::clamp(price, 1.0 - params.price_band, 1.0 + params.price_band);
}

double plan_output(const Artel& artel, double share_of_unmet, double capacity) {
  const double expected = artel.recent_sales + std::max(0.0, share_of_unmet);
  return std::clamp(expected - artel.stock, 0.0, capacity);
}

void settle_accounts(Artel& artel, const ArtelParams& params, double tax, double depreciation,
                     double state_wage) {
  artel.recent_sales = sales_memory * artel.recent_sales + (1.0 - sales_memory) * artel.sold;
  const double net = artel.revenue * (1.0 - tax) - artel.material_cost;
  const double kept = params.reinvestment * std::max(net, 0.0);
  artel.capital = artel.capital * (1.0 - depreciation) + kept;
  artel.pay = artel.members > 0 ? (net - kept) / artel.members : 0.0;
  artel.months_in_loss = artel.pay < params.min_pay * state_wage ? artel.months_in_loss + 1 : 0;
}

bool must_close(const Artel& artel, const ArtelParams& params) {
  return artel.members == 0 || artel.months_in_loss >= params.loss_months;
}

} // namespace plansim::model
