#pragma once

#include "plansim/engine/random.hpp"
#include "plansim/model/goods.hpp"
#include "plansim/model/params.hpp"

#include <array>
#include <cstdint>
#include <numeric>
#include <span>

namespace plansim::model {

/// The person running an enterprise.
struct Manager {
  double honesty = 0.7;       ///< 0..1: reluctance to falsify reports
  double horizon_years = 2.0; ///< how far ahead the manager weighs future targets
};

/// A state enterprise: one good, one region, one glavk (docs/ODD.md).
struct Enterprise {
  std::uint32_t good = 0;
  std::uint32_t region = 0;
  std::uint32_t glavk = 0;
  double capital = 1.0;
  double productivity = 1.0; ///< theta, drawn lognormal at the start
  /// Inputs per unit of output relative to the good's input-output coefficients (1: the norm;
  /// a plant with more mechanical loss needs more).
  double material_use = 1.0;
  double workers = 1.0; ///< effective labour L: a skilled worker counts households.skill_weight
  /// Capital per unit of effective labour its technology was designed for (set when it is
  /// founded): where a CES capacity equals the Cobb-Douglas one, with capital share alpha.
  double design_intensity = 0.0;
  int skilled_workers = 0;
  int unskilled_workers = 0;
  Manager manager;

  // Its workers (docs/ODD.md 7.6, "Work and pay"), counted each month with its labour.
  PayScheme pay_scheme = PayScheme::time; ///< how its workers are paid this month
  double effort = 1.0;                    ///< mean effort of its workers
  double discontent = 0.0;                ///< mean discontent of its workers
  double pay_factor = 1.0;                ///< mean state pay of its workers / the unskilled wage
  /// Share of its workers' pay drawn from a pool shared equally rather than earned one by one:
  /// 1 in a commune, work.committee_levelling where a workers' committee levels pay, else 0.
  double pooled_pay = 0.0;
  double norm = 1.0;           ///< piece rates: effort the norm asks for full pay
  double norm_reference = 1.0; ///< the norm its workers are used to
  bool stopped = false;        ///< its workers stopped work this month
  bool committee = false;      ///< a workers' committee reports and has a say over norms, pay
  bool honest_reports = false; ///< its reports hide nothing and inflate nothing (a committee)

  // Its technique (docs/ODD.md 7.8, "Technology").
  int technique = 0;             ///< inventions of its sector it has adopted
  int retooling_to = 0;          ///< the technique it is retooling for
  int retooling_left = 0;        ///< months of retooling still to go (0: none under way)
  int ratchet_exempt_until = 0;  ///< the tick until which the ratchet spares its target
  int retooling_ordered_at = -1; ///< the tick a ministry's order to retool reaches it (-1: none)

  // The plan as the enterprise knows it (monthly rates).
  double target = 0.0;
  double proposal = 0.0; ///< Weitzman scheme: the target the manager proposed

  // This month.
  double capacity = 0.0;      ///< Q: capacity_of(K, L)
  double chosen_output = 0.0; ///< what the manager decided to make before input limits
  bool hiding = false;        ///< the manager holds capacity back from the ratchet
  double output = 0.0;        ///< true output
  double reported_output = 0.0;
  double reported_capacity = 0.0;
  bool falsified = false;
  bool caught = false;

  std::array<double, max_inputs> stock{};     ///< input stocks, by position in Goods::inputs
  std::array<double, max_inputs> requested{}; ///< requested this month, buffer included
  std::array<double, max_inputs> needed{};    ///< the part of the request for next month's use
  std::array<double, max_inputs> received{};  ///< delivered this month
  double experienced_shortage = 0.0;          ///< smoothed share of input requests not delivered
  double recent_output = 0.0;                 ///< smoothed output: the scale of buffer stocks

  double output_stock = 0.0; ///< finished goods made and not yet shipped (Kornai's output stock)
  double shipped = 0.0;      ///< output and output stock delivered to users this month
  double recent_sales = 0.0; ///< smoothed shipments: what a market manager expects to sell
};

/// The sum over an enterprise's inputs (stocks, requests or deliveries).
inline double total_of(const std::array<double, max_inputs>& per_input) {
  return std::accumulate(per_input.begin(), per_input.end(), 0.0);
}

/// Capacity this month, CES in capital K and effective labour L with elasticity of
/// substitution sigma = enterprises.substitution_elasticity, normalised at the enterprise's
/// design intensity k0: Q = theta k0^alpha (alpha (K / k0)^rho + (1 - alpha) L^rho)^(1 / rho),
/// rho = (sigma - 1) / sigma. At K = k0 L it is the Cobb-Douglas theta K^alpha L^(1 - alpha)
/// whatever sigma, with capital's share alpha; sigma = 1 is Cobb-Douglas everywhere (computed
/// as such); with sigma < 1 capital added beyond the design intensity yields less and less.
double capacity_of(const Enterprise& e, const EnterpriseParams& params);

/// Whether the manager holds output back to keep future targets low (Weitzman 1980): the
/// bonus from producing one more unit today is weighed against the ratchet raising all
/// future targets over the manager's horizon. The Weitzman 1976 scheme rewards proposing a
/// high target, which shrinks the future cost of revealing capacity by alpha / beta.
bool hides_capacity(const Enterprise& e, const EnterpriseParams& params);

/// The manager's output decision under a plan: capacity, or (when hiding) just above the
/// target, fulfilment drawn in 100-105 %, never above capacity.
double choose_planned_output(const Enterprise& e, const EnterpriseParams& params,
                             engine::RandomStream& random);

/// The manager's output decision under the market: capacity when the price covers the unit
/// cost of inputs and labour, less as margins shrink; and no more than expected sales plus
/// `params.output_stock_months` of them, less the finished goods already in stock (a firm that
/// cannot sell stops making what piles up).
double choose_market_output(const Enterprise& e, double price, double input_cost,
                            double labour_cost, const EnterpriseParams& params);

/// Input requests (Kornai): enough for the output the manager aims at plus a buffer that grows
/// with experienced shortage; stocks cost the manager only when budgets are hard.
void request_inputs(Enterprise& e, std::span<const InputUse> inputs, double aim,
                    const EnterpriseParams& params);

/// Makes what the inputs allow, up to the chosen output, and uses the inputs up. With
/// `substitution` below 1, a shortage of one input cuts output less than in proportion.
void produce(Enterprise& e, std::span<const InputUse> inputs, double substitution);

/// Ships `share` (0..1) of what the enterprise has to offer, this month's output and its output
/// stock; the rest stays in its output stock.
void ship(Enterprise& e, double share);

/// Fills in the reports: output (inflated when short of target and falsification pays against
/// the audit risk) and capacity (the hiding manager reports what he chose to make).
void write_report(Enterprise& e, const EnterpriseParams& params, bool hiding);

/// The manager's bonus this month as a share of the target, from the reported output y and the
/// target q. Plain scheme: nothing below the plan, y / q from 100 % up (the all-or-nothing step
/// at 100 % is what makes fulfilment bunch there). Weitzman (1976), the target being the
/// accepted proposal: beta + alpha (y / q - 1) above it, beta - gamma (1 - y / q) below it.
double bonus_of(const Enterprise& e, const EnterpriseParams& params);

/// A new manager, drawn from the population of managers.
Manager draw_manager(const EnterpriseParams& params, engine::RandomStream& random);

} // namespace plansim::model
