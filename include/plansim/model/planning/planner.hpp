#pragma once

// The planning method (docs/ODD.md 7.4): how production is coordinated. Each method is one
// implementation of Planner, chosen from planner.method and swapped when a policy entry
// changes it; nothing outside model/planning/ asks which method is in force.

#include "plansim/engine/calendar.hpp"
#include "plansim/engine/random.hpp"
#include "plansim/model/world.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <utility>

namespace plansim::model {

/// What a manager decides this month before input limits bite.
struct OutputDecision {
  double chosen = 0.0;    ///< the output he means to make
  double input_aim = 0.0; ///< the output next month's input requests are for
  bool hiding = false;    ///< whether he holds capacity back from the ratchet
};

/// An enterprise's request for one of its inputs: (enterprise index, position in its inputs).
using InputRequest = std::pair<std::uint32_t, std::uint32_t>;

/// One good's deliveries this month: what is on offer, who ordered what, and what is left as
/// the planner shares it out class by class.
struct GoodDelivery {
  std::size_t good = 0;
  Sector sector = Sector::consumer;
  double supply = 0.0;     ///< output and output stocks on offer
  double military = 0.0;   ///< the military's order
  double investment = 0.0; ///< construction's order (investment goods)
  double consumers = 0.0;  ///< state trade's order (consumer goods)
  double requested = 0.0;  ///< enterprises' input requests, buffers included
  std::span<const InputRequest> requests;
  double remaining = 0.0; ///< supply not yet given out

  double military_delivered = 0.0;
  double investment_delivered = 0.0;
  double consumer_delivered = 0.0;

  /// Gives the users of one class the same share of what they asked for (all of it when
  /// there is enough) and returns that share.
  double give_share(double wanted) {
    const double ratio = wanted > 0 ? std::min(1.0, remaining / wanted) : 1.0;
    remaining -= wanted * ratio;
    return ratio;
  }
};

/// Sums over all producers that the planners' investment orders are scaled by.
struct OutputTotals {
  double all = 0.0;   ///< true output of every enterprise this month
  double heavy = 0.0; ///< of heavy industry
};

class Planner {
public:
  virtual ~Planner() = default;

  virtual PlanningMethod method() const = 0;

  /// Whether the plan sets enterprises targets that the ratchet raises from what they make (so
  /// that a manager weighs the ratchet when he retools: Technology::adopt).
  virtual bool ratchets_targets() const = 0;

  /// Whether enterprises and bureaus send reports this month.
  virtual bool reports_due(const engine::Calendar& calendar, int tick) const = 0;

  /// The year's plan, drawn up each January from what the planner believes (the reports known
  /// at the top of the hierarchy); targets go down through the directive channel.
  virtual void plan(World& world, int tick) = 0;

  /// The manager's decision: what to make and what to order inputs for.
  virtual OutputDecision decide_output(const Enterprise& firm, std::span<const InputUse> inputs,
                                       const World& world, engine::RandomStream& random) const = 0;

  /// Construction's order of heavy good `good` this month, before a stop phase's cut.
  virtual double investment_order(const World& world, std::size_t good, double supply,
                                  const OutputTotals& totals) const = 0;

  /// Shares a good's supply out among the military, the enterprises' requests (writing each
  /// enterprise's `received`), investment and the shops; may add to the good's demand and move
  /// its price (world.flows). Runs in parallel over goods: it touches only this good's entries.
  virtual void share_out(World& world, GoodDelivery& delivery, double stop_go_factor) const = 0;

  /// How far the wage fund counts on the plan's growth of consumer goods: `planned` this year
  /// against `planned_before` last year (1: not at all).
  virtual double consumer_goods_growth(double planned, double planned_before) const = 0;
};

/// The planner for a method. Throws std::invalid_argument for a method not built yet.
std::unique_ptr<Planner> make_planner(PlanningMethod method);

} // namespace plansim::model
