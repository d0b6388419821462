#pragma once

// Work and pay (docs/ODD.md 7.6, "Work and pay"): the effort state workers put in under the
// pay scheme in force, what that effort earns them, the norms piece rates are paid against,
// and the stoppages of enterprises whose workers have had enough.
//
// Reads: work.* parameters; households' discontent; enterprises' headcount and the mean
// effort of their workers (count_labour).
// Changes: households' effort; enterprises' norms, stoppages and (when stopped) labour.

#include "plansim/model/world.hpp"

namespace plansim::model {

/// How fast workers get used to a new norm: the norm they are used to moves this share of the
/// way to the norm in force each month (an assumption).
inline constexpr double norm_adaptation = 0.05;

/// The effort a worker chooses under `scheme` against `norm`, before discontent. Time wages:
/// the customary effort, 1, which foremen hold. Piece rates: pay is base x effort / norm, and
/// the worker weighs the utility of pay, CRRA with curvature eta = work.income_effect, against
/// a quadratic cost of effort, so effort = piece_effort x norm^((eta - 1) / (eta + 1)): with
/// eta > 1 a norm rise makes him work harder to make up part of the pay it cut. When the share
/// `pooled` of pay is shared equally in a team of `team` (all of it in a commune, part of it
/// where a committee levels pay), he keeps of what his effort adds the unpooled share plus
/// 1 / team of the pooled share, and counts the share work.monitoring of the rest because his
/// fellows watch him: s = 1 - pooled + pooled (1 / team + monitoring (1 - 1 / team)); effort is
/// the piece effort times s^(1 / (eta + 1)).
double scheme_effort(PayScheme scheme, double pooled, int team, double norm,
                     const WorkParams& params);

/// The share of pay an enterprise's workers draw from a pool shared equally (Enterprise::
/// pooled_pay): all of it in a commune, work.committee_levelling where a workers' committee
/// levels pay, none otherwise.
double pooled_share(PayScheme scheme, bool committee, const WorkParams& params);

/// Effort after discontent: a discontented worker withdraws effort (go-slows, absence) by
/// work.discontent_effort per unit of discontent.
double effort_of(double chosen, double discontent, const WorkParams& params);

/// How far an enterprise's norm has risen above the one its workers are used to.
inline double norm_rise(const Enterprise& firm) {
  return firm.norm / firm.norm_reference - 1.0;
}

/// What an enterprise's pay rules need of it, copied out once a month: paying millions of
/// workers then reads a small record per employer instead of its whole Enterprise.
struct PayTerms {
  double pay_factor = 1.0;
  double effort = 1.0;
  double norm = 1.0;
  double pooled_pay = 0.0;
  double norm_rise = 0.0; ///< norm_rise(firm)
  bool stopped = false;
  PayScheme pay_scheme = PayScheme::time;
};

inline PayTerms pay_terms(const Enterprise& firm) {
  return {firm.pay_factor, firm.effort,  firm.norm,      firm.pooled_pay,
          norm_rise(firm), firm.stopped, firm.pay_scheme};
}

/// A state worker's pay this month under his enterprise's pay scheme, `base_pay` being the state
/// wage for his skill. What he earns himself: under time wages the base pay, by the piece (and
/// in a commune) base pay x effort / norm. What the pool pays: the enterprise's mean base pay
/// (unskilled wage x pay_factor), times its mean effort / norm unless under time wages. He gets
/// the share Enterprise::pooled_pay of the pool's pay and the rest of his own: a commune's
/// members all get the same, a levelling committee narrows skill and effort differentials.
/// Nothing when his enterprise stopped.
inline double pay_for_work(double base_pay, double unskilled_wage, const Household& worker,
                           const PayTerms& firm) {
  if (firm.stopped) {
    return 0.0;
  }
  const bool by_time = firm.pay_scheme == PayScheme::time;
  const double pool = unskilled_wage * firm.pay_factor;
  const double pooled = by_time ? pool : pool * firm.effort / firm.norm;
  if (firm.pooled_pay >= 1.0) {
    return pooled;
  }
  const double own = by_time ? base_pay : base_pay * worker.effort / firm.norm;
  if (firm.pooled_pay <= 0.0) {
    return own;
  }
  return (1.0 - firm.pooled_pay) * own + firm.pooled_pay * pooled;
}

/// The norm after January's ratchet: raised by work.norm_ratchet of the share by which the
/// workers' mean effort exceeded it (piece rates only; communes set their own norms).
double ratcheted_norm(const Enterprise& firm, const WorkParams& params);

/// Whether enterprise `id` is run with a workers' committee when work.committee_share of them
/// are: a fixed draw per enterprise, so a larger share keeps the committees of a smaller one.
bool has_committee(std::uint64_t seed, std::uint32_t id, double share);

/// Whether enterprise `id` is a production commune when work.commune_share of them are (a
/// fixed draw per enterprise, independent of the committees' draw).
bool is_commune(std::uint64_t seed, std::uint32_t id, double share);

class Work {
public:
  explicit Work(World& world) : world_(world) {}

  /// Each enterprise's pay scheme (a commune for work.commune_share of them, the rest
  /// work.pay_scheme), whether a workers' committee runs its reports, and the share of pay
  /// shared equally (pooled_share); redone only when the
  /// timeline changed those parameters or enterprises were added.
  void organise_enterprises();
  /// Every state worker chooses next month's effort under the pay scheme in force, given his
  /// discontent; artel members work at the customary effort.
  void choose_effort();
  /// Workers get used to their norms month by month; each January piece-rate norms ratchet up
  /// where they were exceeded, except where a workers' committee has a say over them.
  void adjust_norms(int tick);
  /// An enterprise whose workers' mean discontent passes work.stoppage_threshold stops work
  /// next month with probability work.stoppage_probability; the management gives way and
  /// takes back the norm rise the workers are not used to.
  void decide_stoppages(int tick);

  /// Enterprises stopped by their workers this month.
  int stoppages() const { return stoppages_; }

private:
  World& world_;
  int stoppages_ = 0;
  bool efforts_customary_ = true; ///< every worker is at the customary effort
  WorkParams organised_for_;      ///< the parameters organise_enterprises last applied
  std::size_t organised_ = 0;     ///< the enterprises it organised then
};

} // namespace plansim::model
