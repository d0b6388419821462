#include "plansim/model/enterprise.hpp"

#include <algorithm>
#include <cmath>

namespace plansim::model {

namespace {
constexpr double stock_build_months = 3.0;   // assumption
constexpr double recent_output_memory = 0.7; // monthly weight of the past in recent output
constexpr double recent_sales_memory = 0.7;  // monthly weight of the past in recent sales
} // namespace

double capacity_of(const Enterprise& e, const EnterpriseParams& params) {
  const double alpha = params.capital_elasticity;
  const double capital = std::max(e.capital, 0.0), labour = std::max(e.workers, 0.0);
  const double sigma = params.substitution_elasticity;
  if (sigma == 1.0) {
    return e.productivity * std::pow(capital, alpha) * std::pow(labour, 1.0 - alpha);
  }
  if (capital <= 0.0 || labour <= 0.0) {
    return 0.0; // the CES limit with either input missing for sigma < 1; a plant needs both
  }
  // An enterprise founded without workers is designed for the intensity it first works at.
  const double k0 = e.design_intensity > 0.0 ? e.design_intensity : capital / labour;
  const double rho = (sigma - 1.0) / sigma;
  const double mix = alpha * std::pow(capital / k0, rho) + (1.0 - alpha) * std::pow(labour, rho);
  return e.productivity * std::pow(k0, alpha) * std::pow(mix, 1.0 / rho);
}

bool hides_capacity(const Enterprise& e, const EnterpriseParams& params) {
  if (e.honest_reports) {
    return false;
  }
  const double scheme_factor = params.bonus_scheme == BonusScheme::weitzman
                                   ? params.weitzman_alpha / params.weitzman_beta
                                   : 1.0;
  // One unit revealed today raises the target by lambda in each future year of the horizon.
  return params.ratchet * e.manager.horizon_years * scheme_factor > 1.0;
}

double choose_planned_output(const Enterprise& e, const EnterpriseParams& params,
                             engine::RandomStream& random) {
  const double margin = random.uniform(0.0, 0.05); // drawn every month: streams stay aligned
  if (!hides_capacity(e, params) || e.target <= 0.0) {
    return e.capacity;
  }
  return std::min(e.capacity, e.target * (1.0 + margin));
}

double choose_market_output(const Enterprise& e, double price, double input_cost,
                            double labour_cost, const EnterpriseParams& params) {
  const double margin = price - input_cost;
  const double worth_making = labour_cost <= 0.0 || margin >= labour_cost
                                  ? e.capacity
                                  : e.capacity * std::clamp(margin / labour_cost, 0.0, 1.0);
  const double sellable =
      std::max(0.0, e.recent_sales * (1.0 + params.output_stock_months) - e.output_stock);
  return std::min(worth_making, sellable);
}

void request_inputs(Enterprise& e, std::span<const InputUse> inputs, double aim,
                    const EnterpriseParams& params) {
  const double expected_holding_cost = params.holding_cost * (1.0 - params.bailout_probability);
  const double buffer = (params.precautionary_stock + params.hoarding * e.experienced_shortage) /
                        (1.0 + expected_holding_cost);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const double month = inputs[i].coefficient * e.material_use * aim;
    // The buffer is kept relative to what the enterprise has actually been making, and is
    // topped up over a few months, not in one grab.
    const double buffer_stock = inputs[i].coefficient * e.material_use * e.recent_output * buffer;
    const double wanted = std::max(0.0, month + buffer_stock - e.stock[i]);
    e.requested[i] = std::min(wanted, month + buffer_stock / stock_build_months);
    e.needed[i] = std::min(e.requested[i], std::max(0.0, month - e.stock[i]));
  }
}

void produce(Enterprise& e, std::span<const InputUse> inputs, double substitution) {
  double scarcest = 1.0; // stock of the scarcest input / what the chosen output needs
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const double needed = inputs[i].coefficient * e.material_use * e.chosen_output;
    if (needed > 0) {
      scarcest = std::min(scarcest, e.stock[i] / needed);
    }
  }
  // Short of an input, the enterprise makes do (substitutes, reserves, fixers): output falls
  // by scarcest^substitution instead of in proportion (Leontief at substitution = 1).
  e.output = e.chosen_output * std::pow(std::max(scarcest, 0.0), substitution);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    e.stock[i] = std::max(0.0, e.stock[i] - inputs[i].coefficient * e.material_use * e.output);
  }
  e.recent_output =
      recent_output_memory * e.recent_output + (1.0 - recent_output_memory) * e.output;
}

void ship(Enterprise& e, double share) {
  const double on_hand = e.output + e.output_stock;
  e.shipped = on_hand * std::clamp(share, 0.0, 1.0);
  e.output_stock = on_hand - e.shipped;
  e.recent_sales = recent_sales_memory * e.recent_sales + (1.0 - recent_sales_memory) * e.shipped;
}

double bonus_of(const Enterprise& e, const EnterpriseParams& params) {
  if (e.target <= 0.0) {
    return 0.0;
  }
  const double fulfilment = e.reported_output / e.target;
  if (params.bonus_scheme == BonusScheme::plain) {
    return fulfilment >= 1.0 ? fulfilment : 0.0;
  }
  return fulfilment >= 1.0 ? params.weitzman_beta + params.weitzman_alpha * (fulfilment - 1.0)
                           : params.weitzman_beta - params.weitzman_gamma * (1.0 - fulfilment);
}

void write_report(Enterprise& e, const EnterpriseParams& params, bool hiding) {
  e.falsified = false;
  e.reported_output = e.output;
  if (e.target > 0.0 && e.output < e.target && e.output > 0.0) {
    const double shortfall = (e.target - e.output) / e.target;
    // The dishonest manager gains the missed bonus; the expected cost is being caught.
    const double honesty = e.honest_reports ? 1.0 : e.manager.honesty;
    const double gain = (1.0 - honesty) * shortfall;
    const double risk = params.audit_probability * params.audit_penalty * shortfall;
    if (gain > risk) {
      const double inflation = std::min(params.falsification_max, (e.target - e.output) / e.output);
      e.reported_output = e.output * (1.0 + inflation);
      e.falsified = inflation > 0.0;
    }
  }
  e.reported_capacity = hiding ? std::max(e.chosen_output, e.reported_output) : e.capacity;
}

Manager draw_manager(const EnterpriseParams& params, engine::RandomStream& random) {
  // Honesty: a Beta-like draw with the given mean from two uniforms (kept simple on purpose).
  const double u = 0.5 * (random.uniform() + random.uniform());
  const double honesty = std::clamp(params.honesty_mean + (u - 0.5), 0.0, 1.0);
  return Manager{honesty, random.exponential(1.0 / params.horizon_mean)};
}

} // namespace plansim::model
