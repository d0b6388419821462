#pragma once

// Technology (docs/ODD.md 7.8, "Technology"): inventions arrive in each sector as new
// techniques, each technology.invention_gain more productive than the one before. Each January
// an enterprise (or artel) behind its sector's newest technique decides whether retooling for
// it pays its manager (or members); if so it scraps technology.retooling_capital of its capital,
// retools for technology.retooling_months at technology.retooling_loss of its capacity, and
// then works with the new technique; a retooled
// enterprise's target may be spared the ratchet for technology.ratchet_exemption_years, and
// under a plan ministries may order laggards to retool (technology.order_gap).
//
// Reads: technology.* and enterprises.ratchet; whether the plan ratchets targets; managers'
// horizons.
// Changes: enterprises' and artels' technique, retooling and productivity; enterprises' ratchet
// exemption; the run's event log (inventions).

#include "plansim/model/world.hpp"

#include <array>
#include <vector>

namespace plansim::model {

/// Whether retooling for a technique `gain` more productive (1.1: 10 % more) pays a manager with
/// a horizon of `horizon_years`. Each month the target lags the new capacity his bonus rises
/// by the gain; where a plan sets targets the ratchet moves `ratchet` of the gap into the target
/// each year after the E = technology.ratchet_exemption_years it is spared, so what he gains
/// over his horizon H is 12 (gain - 1) (min(H, E) + integral_0^(H - E) (1 - ratchet)^t dt)
/// months of bonus (without targets, or without a ratchet, 12 (gain - 1) H). Retooling costs
/// retooling_months x retooling_loss months of output below target, which earn no bonus.
bool adoption_pays(double gain, double horizon_years, double ratchet,
                   const TechnologyParams& params);

/// The share of its capacity an enterprise keeps this month: 1 - retooling_loss while it
/// retools.
double retooling_factor(const Enterprise& firm, const TechnologyParams& params);

class Technology {
public:
  explicit Technology(World& world) : world_(world) {}

  /// New techniques arrive this month: in each sector with probability invention_rate / 12.
  void invent(int tick);
  /// Enterprises and artels whose retooling ends this month take up the technique they
  /// retooled for; each January every other one behind its sector's newest technique retools
  /// for it when that pays (adoption_pays): a manager over his horizon, the ratchet counting
  /// only when the plan ratchets targets (`targets_ratcheted`); an artel's members over
  /// technology.artel_horizon_years, without a ratchet. Under a plan, ministries also order
  /// every plant that will not retool and lags technology.order_gap inventions or more to do
  /// so; the order reaches it down the directive channel (ministry, glavk, enterprise), and it
  /// obeys.
  void adopt(int tick, bool targets_ratcheted);

  /// Inventions this month.
  int inventions() const { return inventions_; }
  /// Enterprises that finished retooling this month.
  int adoptions() const { return adoptions_; }
  /// Techniques invented so far in `sector`.
  int frontier(Sector sector) const { return frontier_[static_cast<std::size_t>(sector)]; }
  /// The mean years from invention until half of `sector`'s capacity used it (that technique
  /// or a later one), over its inventions that have got that far (-1 while none has).
  double half_adoption_lag(Sector sector) const {
    const auto s = static_cast<std::size_t>(sector);
    return halfway_[s] > 0 ? half_lag_months_[s] / 12.0 / halfway_[s] : -1.0;
  }

private:
  int order_delay(std::uint32_t enterprise, int tick) const;
  /// Logs each invention whose technique (or a later one) half of its sector's capacity now
  /// uses, and adds up the lags.
  void track_diffusion(int tick);

  World& world_;
  std::array<int, sector_count> frontier_{};
  std::array<std::vector<int>, sector_count> invented_at_; ///< tick of each technique
  std::array<int, sector_count> halfway_{};            ///< techniques half the capacity has reached
  std::array<double, sector_count> half_lag_months_{}; ///< their lags, summed
  int inventions_ = 0;
  int adoptions_ = 0;
};

} // namespace plansim::model
